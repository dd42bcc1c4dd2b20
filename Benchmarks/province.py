#!/usr/bin/env python3
"""The board's province-wide views and one bloc's pages at a province's (or a nation's) size, as a ratio to /healthz.

Needs `wrk`. Fills a fresh database with `thidua simulate` (40 blocs x 15 units by default), starts `thidua serve`
on it (`--instances 2` starts two on the same PostgreSQL database and splits the connections between them), signs
in as the province's reviewer (`bantdkt-01`) and as the head unit of bloc 01 (`t01k01d01`), and runs
`wrk --latency` on /healthz, the board's views and the bloc's reads. Prints one Markdown table:

    python3 Benchmarks/province.py --bin .build/release/thidua                        # a province on SQLite
    python3 Benchmarks/province.py --bin .build/release/thidua --provinces 34 \\
        --postgres postgres://user@127.0.0.1:5432/nation --instances 2               # a nation, two instances

`--postgres` must name an empty database (the script never drops anything). Exit code 0 when every request
answered 200.
"""
import argparse, os, re, shutil, subprocess, sys, tempfile, threading, time, urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pages import free_port, request, wait_healthy  # noqa: E402

PASSWORD = "bench-pass-2026"


def wrk_split(ports, path, header, seconds, connections):
    """One wrk per instance at the same time, the connections shared: total rps, worst p99, non-2xx answers."""
    results = [None] * len(ports)

    def run(i, port):
        cmd = ["wrk", "-t1" if len(ports) > 1 else "-t2", f"-c{max(1, connections // len(ports))}", f"-d{seconds}s",
               "--latency", "-H", header, f"http://127.0.0.1:{port}{path}"]
        results[i] = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout

    threads = [threading.Thread(target=run, args=(i, p)) for i, p in enumerate(ports)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    rps, p99, errors = 0.0, 0.0, 0
    for out in results:
        rps += float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        m = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
        p99 = max(p99, float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)])
        e = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        errors += int(e.group(1)) if e else 0
    return rps, p99, errors


def sign_in(port, username):
    """A bearer token and a web session cookie for the user."""
    import json
    _, body = request(port, "POST", "/api/v1/auth/token", json.dumps({"username": username, "password": PASSWORD}),
                      {"Content-Type": "application/json"})
    token = json.loads(body)["token"]
    res, body = request(port, "GET", "/login")
    cookie = res.getheader("Set-Cookie").split(";")[0]
    csrf = re.search(r'name="csrfToken" value="([^"]+)"', body).group(1)
    form = urllib.parse.urlencode({"username": username, "password": PASSWORD, "csrfToken": csrf})
    res, _ = request(port, "POST", "/login", form, {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie})
    return f"Authorization: Bearer {token}", "Cookie: " + (res.getheader("Set-Cookie") or cookie).split(";")[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=".build/release/thidua")
    parser.add_argument("--provinces", type=int, default=1)
    parser.add_argument("--blocs", type=int, default=40)
    parser.add_argument("--units", type=int, default=15)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--postgres", help="an empty PostgreSQL database; SQLite in a temporary folder otherwise")
    parser.add_argument("--instances", type=int, default=1, choices=(1, 2))
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--filled", action="store_true",
                        help="the --postgres database was filled by an earlier run with the same sizes and seed: skip the fill")
    parser.add_argument("--no-cache", action="store_true",
                        help="THIDUA_RESPONSE_CACHE_MB=0: every read does its work, as before the answers kept in memory")
    parser.add_argument("--board-connections", type=int, default=4,
                        help="the board is a handful of people: its views are loaded at this concurrency")
    args = parser.parse_args()
    if args.instances > 1 and not args.postgres:
        parser.error("two instances share a PostgreSQL database: give --postgres")
    data = tempfile.mkdtemp(prefix="thidua-province-")
    env = {"THIDUA_DATA_DIR": data, "THIDUA_PREPARE_PDF": "0", "PATH": "/usr/bin:/bin", "LOG_LEVEL": "warning",
           "THIDUA_BCRYPT_COST": "4"}
    if args.no_cache:
        env["THIDUA_RESPONSE_CACHE_MB"] = "0"
    if args.postgres:
        env["DATABASE_URL"] = args.postgres
    started = time.perf_counter()
    if not args.filled:
        subprocess.run([args.bin, "simulate", "--provinces", str(args.provinces), "--blocs", str(args.blocs), "--units",
                        str(args.units), "--seed", str(args.seed), "--password", PASSWORD], env=env, check=True,
                       stdout=subprocess.DEVNULL)
    filled = time.perf_counter() - started
    ports = [free_port() for _ in range(args.instances)]
    servers = [subprocess.Popen([args.bin, "serve", "--hostname", "127.0.0.1", "--port", str(p)], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for p in ports]
    try:
        for port in ports:
            wait_healthy(port)
        board_api, board_web = sign_in(ports[0], "bantdkt-01")
        head_api, head_web = sign_in(ports[0], "t01k01d01")
        _, home = request(ports[0], "GET", "/", headers={"Cookie": head_web.split(": ", 1)[1]})
        cycle = re.search(r'href="/cycles/([0-9A-F-]{36})"', home).group(1)
        # The board's views come last: a slow read leaves requests queued after wrk stops, which would slow the next row.
        reads = [("/healthz", "/healthz", head_api)]
        reads += [(f"bloc: GET /api/v1/cycles/{{id}}/{p}", f"/api/v1/cycles/{cycle}/{p}", head_api)
                  for p in ("milestones", "submission-status", "ranking", "requirements", "conference")]
        reads += [(f"bloc: {name}", path.format(cycle), head_web) for name, path in (
            ("web home", "/"), ("web cycle page", "/cycles/{}"), ("web dashboard", "/cycles/{}/dashboard"),
            ("web checklist", "/cycles/{}/checklist"), ("web ranking", "/cycles/{}/ranking"))]
        reads = [(name, path, header, args.connections) for name, path, header in reads]
        reads += [("/healthz", "/healthz", board_api, args.board_connections),
                  ("board: GET /api/v1/overview", "/api/v1/overview", board_api, args.board_connections),
                  ("board: GET /api/v1/proposals", "/api/v1/proposals", board_api, args.board_connections),
                  ("board: GET /api/v1/board/proposals (inbox)", "/api/v1/board/proposals", board_api, args.board_connections),
                  ("board: web home", "/", board_web, args.board_connections),
                  ("board: web inbox", "/board/proposals", board_web, args.board_connections)]
        rows, base, ok = [], {}, True
        for name, path, header, connections in reads:
            rps, p99, errors = wrk_split(ports, path, header, args.seconds, connections)
            base.setdefault(connections, rps)
            ok = ok and errors == 0
            rows.append(f"| `{name}` | {connections} | {rps:,.0f} | {p99:.1f} ms | {rps / base[connections]:.2f} |"
                        + (f" {errors} non-2xx" if errors else ""))
        engine = "PostgreSQL" if args.postgres else "SQLite"
        print(f"{args.provinces} province(s) x {args.blocs} blocs x {args.units} units on {engine}, filled in {filled:.1f} s; "
              f"{args.instances} instance(s); wrk -d{args.seconds}s, {args.bin}; ratios to /healthz at the same concurrency\n")
        print("| endpoint | connections | rps | p99 | ÷ /healthz |\n| --- | --- | --- | --- | --- |")
        print("\n".join(rows))
        return 0 if ok else 1
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
