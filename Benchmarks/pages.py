#!/usr/bin/env python3
"""Every bloc page and API read as a ratio to /healthz, in one run, against `thidua demo`.

Needs `wrk` (apt-get install wrk). Starts the given binary on a fresh data folder, signs in as the head unit
(a bearer token for the API, a session cookie for the pages), then runs `wrk -t2 -c64 -d8s --latency` on
/healthz and on each read, and prints rps, p99 and rps ÷ /healthz as a Markdown table:

    swift build -c release && python3 Benchmarks/pages.py --bin .build/release/thidua

Exit code 0 when every request answered 200 (wrk reports non-2xx answers).
"""
import argparse, http.client, json, re, shutil, socket, subprocess, sys, tempfile, time, urllib.parse


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request(method, path, body=body, headers=headers or {})
    res = conn.getresponse()
    data = res.read().decode("utf-8", "replace")
    return res, data


def wait_healthy(port, tries=300):
    """Until /healthz answers 200 (a minute at most)."""
    for _ in range(tries):
        try:
            if request(port, "GET", "/healthz")[0].status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"no answer from port {port}")


def wrk(port, path, header, seconds, connections):
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", header, f"http://127.0.0.1:{port}{path}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, float(p99.group(1)) * scale, int(errors.group(1)) if errors else 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/release/thidua")
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--no-cache", action="store_true",
                        help="THIDUA_RESPONSE_CACHE_MB=0: every read does its work, as before the answers kept in memory")
    args = parser.parse_args()
    data = tempfile.mkdtemp(prefix="thidua-pages-")
    port = free_port()
    env = {"THIDUA_DATA_DIR": data, "THIDUA_PREPARE_PDF": "0", "PATH": "/usr/bin:/bin", "LOG_LEVEL": "warning"}
    if args.no_cache:
        env["THIDUA_RESPONSE_CACHE_MB"] = "0"
    server = subprocess.Popen([args.bin, "demo", "--hostname", "127.0.0.1", "--port", str(port)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_healthy(port)
        res, body = request(port, "POST", "/api/v1/auth/token", json.dumps({"username": "noichinh", "password": "demo123"}),
                            {"Content-Type": "application/json"})
        token = json.loads(body)["token"]
        res, body = request(port, "GET", "/login")
        cookie = res.getheader("Set-Cookie").split(";")[0]
        csrf = re.search(r'name="csrfToken" value="([^"]+)"', body).group(1)
        form = urllib.parse.urlencode({"username": "noichinh", "password": "demo123", "csrfToken": csrf})
        res, _ = request(port, "POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
        cookie = (res.getheader("Set-Cookie") or cookie).split(";")[0]
        _, home = request(port, "GET", "/", headers={"Cookie": cookie})
        cycle = re.search(r'href="/cycles/([0-9A-F-]{36})"', home).group(1)
        bearer, session = f"Authorization: Bearer {token}", f"Cookie: {cookie}"
        reads = [("/healthz", "/healthz", bearer)] + [
            (f"GET /api/v1/cycles/{{id}}/{p}", f"/api/v1/cycles/{cycle}/{p}", bearer)
            for p in ("milestones", "submission-status", "ranking", "requirements", "conference")
        ] + [
            (name, path.format(cycle), session) for name, path in (
                ("web home", "/"), ("web cycle page", "/cycles/{}"), ("web dashboard", "/cycles/{}/dashboard"),
                ("web checklist", "/cycles/{}/checklist"), ("web ranking", "/cycles/{}/ranking"))
        ]
        rows, base, ok = [], None, True
        for name, path, header in reads:
            rps, p99, errors = wrk(port, path, header, args.seconds, args.connections)
            base = base or rps
            ok = ok and errors == 0
            rows.append(f"| `{name}` | {rps:,.0f} | {p99:.1f} ms | {rps / base:.2f} |" + (f" {errors} non-2xx" if errors else ""))
        print(f"wrk -t2 -c{args.connections} -d{args.seconds}s, {args.bin}, thidua demo (9 units)\n")
        print("| endpoint | rps | p99 | ÷ /healthz |\n| --- | --- | --- | --- |")
        print("\n".join(rows))
        return 0 if ok else 1
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
