#!/usr/bin/env python3
"""What the hardening costs per request: wrk against a running server, each figure as a ratio to /healthz.

Three cases, all answered before any database write:
  healthz        GET /healthz, the baseline;
  urlencoded     POST /login with a 100 KB url-encoded body and no CSRF token (403): body read, no multipart;
  multipart      the same 100 KB as a one-part multipart body (403): ThiĐua's MultipartReader checks it
                 before MultipartKit reads it, so multipart − urlencoded is the reader's cost;
  hostile        the multipart body whose part header name holds a byte ≥ 0x80 (400): it stopped the
                 process before the fix.

    THIDUA_DATA_DIR=$(mktemp -d) .build/release/thidua demo --port 8198 &
    python3 Benchmarks/multipart_guard.py --base http://127.0.0.1:8198 --seconds 10

Needs `wrk` (apt-get install wrk). Prints requests per second, p50/p99 latency and the ratio to /healthz.
"""
import argparse
import os
import re
import subprocess
import tempfile

BODY_BYTES = 100 * 1024


def lua(method, body, content_type):
    escaped = body.replace("\\", "\\\\").replace('"', '\\"').replace("\r", "\\r").replace("\n", "\\n")
    return f'wrk.method = "{method}"\nwrk.body = "{escaped}"\nwrk.headers["Content-Type"] = "{content_type}"\n' \
           'wrk.headers["Accept"] = "application/json"\n'


def cases():
    filler = "x" * BODY_BYTES
    part = f"--B\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\n{filler}\r\n--B--\r\n"
    hostile = "--B\r\n\u00e9: x\r\n\r\nhi\r\n--B--\r\n"
    return [
        ("healthz", "/healthz", None),
        ("urlencoded", "/login", lua("POST", "note=" + filler, "application/x-www-form-urlencoded")),
        ("multipart", "/login", lua("POST", part, "multipart/form-data; boundary=B")),
        ("hostile", "/login", lua("POST", hostile, "multipart/form-data; boundary=B")),
    ]


def run(base, path, script, seconds, connections):
    args = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency"]
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script or "")
    try:
        out = subprocess.run(args + (["-s", f.name] if script else []) + [base + path],
                             capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(f.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"50%\s+([\d.]+\w+)", out).group(1)
    p99 = re.search(r"99%\s+([\d.]+\w+)", out).group(1)
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, p50, p99, int(non2xx.group(1)) if non2xx else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--base", required=True)
    ap.add_argument("--seconds", type=int, default=10)
    ap.add_argument("--connections", type=int, default=16)
    a = ap.parse_args()
    baseline = None
    print(f"{'case':<12} {'req/s':>9} {'p50':>9} {'p99':>9} {'non-2xx':>8} {'÷ healthz':>10}")
    for name, path, script in cases():
        rps, p50, p99, non2xx = run(a.base, path, script, a.seconds, a.connections)
        baseline = baseline or rps
        print(f"{name:<12} {rps:>9.0f} {p50:>9} {p99:>9} {non2xx:>8} {rps / baseline:>10.3f}")


if __name__ == "__main__":
    main()
