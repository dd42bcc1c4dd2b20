#!/usr/bin/env python3
"""Load test: N voters cast their vote in one ballot round at the same instant.

Python 3 standard library only. Start a server first, for example (from the repository root):

    THIDUA_DATA_DIR=$(mktemp -d) THIDUA_BCRYPT_COST=4 .build/debug/thidua serve --port 8080

then prepare the data and run the benchmark in one go with the admin password the server printed:

    python3 Benchmarks/ballot_load.py --base http://127.0.0.1:8080 --setup \
        --admin-password '<password>' --state /tmp/ballot.json

--setup creates N units, a bloc, a cycle, N officers, the conference, checks every unit in, creates a
`head` ballot, opens it and signs every officer in; --state saves that (ballot ID, tokens, choices) to
JSON, and --only-setup stops there. Without --setup, --state is read: a saved state is good for one
run, while its round is open and unvoted.

Phase 1: every voter, on its own keep-alive connection opened beforehand, POSTs its vote when a
threading.Barrier releases them all (expect N x 201). Phase 2: all of them vote again at once
(expect N x 409). The round is then closed; its result must show N ballots and N receipts, exactly
the receipts answered with 201. Use --admin-password=VALUE if the password starts with "-".
The exit code is 0 only when every check passed.
"""
import argparse, http.client, json, math, os, statistics, sys, threading, time, uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlsplit

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "sealed"))
from trustee_client import Trustees  # noqa: E402  the round is sealed: its trustees make the key and decrypt

TIMEOUT = 600  # seconds, per request; a slower answer counts as error:timeout


class Client:
    """One keep-alive HTTP connection speaking JSON, with an optional bearer token."""

    def __init__(self, base, token=None):
        u = urlsplit(base)
        self.conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=TIMEOUT)
        self.token = token

    def call(self, method, path, body=None):
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        data = None if body is None else json.dumps(body).encode()
        if data is not None:
            headers["Content-Type"] = "application/json"
        self.conn.request(method, path, body=data, headers=headers)
        resp = self.conn.getresponse()
        raw = resp.read()
        return resp.status, (json.loads(raw) if raw and raw[:1] in (b"{", b"[") else raw.decode(errors="replace"))


_local = threading.local()


def api(base, token, method, path, body=None, expect=(200, 201), retries=0):
    """One call on this thread's own connection (for setup); raises unless the status is expected.
    `retries` re-sends an idempotent call after a 5xx (printed: it is a finding too)."""
    key = (base, token)
    if getattr(_local, "key", None) != key:
        _local.key, _local.client = key, Client(base, token)
    for attempt in range(retries + 1):
        status, data = _local.client.call(method, path, body)
        if status in expect:
            return data
        if status >= 500 and attempt < retries:
            print(f"  retrying after {status}: {method} {path}: {str(data)[:120]}", flush=True)
            time.sleep(1)
    raise RuntimeError(f"{method} {path} -> {status}: {data}")


def setup(base, admin_user, admin_password, n, workers, candidates=9):
    tag = uuid.uuid4().hex[:6]  # keeps names unique when the same database is set up twice
    pool = ThreadPoolExecutor(workers)
    t0 = time.perf_counter()
    step = lambda msg: print(f"[setup {time.perf_counter() - t0:6.1f} s] {msg}", flush=True)
    admin = api(base, None, "POST", "/api/v1/auth/token", {"username": admin_user, "password": admin_password})["token"]
    step(f"signed in as {admin_user}; creating {n} units")
    units = list(pool.map(lambda i: api(base, admin, "POST", "/api/v1/units", {
        "name": f"Đơn vị thử tải {tag} số {i:03d}", "shortName": f"B{tag}-{i:03d}"})["id"], range(n)))
    bloc = api(base, admin, "POST", "/api/v1/blocs", {"name": f"Khối thử tải {tag}", "issuer": "Benchmark", "houseStyle": "party"})["id"]
    cycle = api(base, admin, "POST", f"/api/v1/blocs/{bloc}/cycles", {
        "year": 2023, "headUnitID": units[0], "deputyUnitID": units[1], "memberUnitIDs": units})["id"]
    step(f"bloc {bloc}, cycle {cycle}; creating {n} officers (officer 0 = the head unit's secretariat)")
    names = [f"bench{tag}{i:03d}" for i in range(n)]
    password = "bench-password-for-the-vote"
    list(pool.map(lambda i: api(base, admin, "POST", "/api/v1/users", {
        "username": names[i], "password": password, "displayName": f"Cán bộ {i:03d}", "role": "officer",
        "unitID": units[i]}), range(n)))
    secretariat = api(base, None, "POST", "/api/v1/auth/token", {"username": names[0], "password": password})["token"]
    api(base, secretariat, "PUT", f"/api/v1/cycles/{cycle}/conference",
        {"startsAt": "2023-12-19T08:00:00+07:00", "venue": "Hội trường thử tải"})
    step(f"conference set up by the secretariat; checking in {n} units")
    list(pool.map(lambda u: api(base, secretariat, "POST", f"/api/v1/cycles/{cycle}/conference/attendance",
                                {"unitID": u, "present": True}, retries=3), units))
    # A sealed paper holds a ciphertext and two proofs per candidate: the round has a bloc's size of candidates
    # (--candidates, 9 by default, as the target), not all N units.
    ballot = api(base, secretariat, "POST", f"/api/v1/cycles/{cycle}/ballots",
                 {"kind": "head", "candidateUnitIDs": units[:candidates]})
    trustees = bench_trustees(base, units, names, password)
    trustees.ceremony(ballot["id"])
    step("the three trustees made the election key")
    api(base, secretariat, "POST", f"/api/v1/ballots/{ballot['id']}/open")
    step(f"ballot {ballot['id']} ({len(ballot['candidates'])} candidates) open; signing in {n} officers")
    tokens = list(pool.map(lambda u: api(base, None, "POST", "/api/v1/auth/token",
                                         {"username": u, "password": password}, retries=3)["token"], names))
    # A clear winner: everyone votes for the first unit, which votes for the second (no self-votes).
    keys = [u.upper() for u in units]
    voters = [{"token": t, "choice": keys[1] if i == 0 else keys[0]} for i, t in enumerate(tokens)]
    step("setup done")
    pool.shutdown()
    return {"base": base, "ballot": ballot["id"], "admin_token": admin, "voters": voters, "secretariat": secretariat,
            "units": units, "names": names, "password": password, "trustees": trustees.export()}


def bench_trustees(base, units, names, password):
    """The round's trustees act through the officers of their units (a fresh database has no board staff, so every
    seat but the head unit's is a member drawn by lot)."""
    tokens = {}
    by_unit = {u.upper(): n for u, n in zip(units, names)}

    def call(who, method, path, body=None):
        if who not in tokens:
            tokens[who] = api(base, None, "POST", "/api/v1/auth/token", {"username": who, "password": password})["token"]
        return api(base, tokens[who], method, path, body)
    return Trustees(call, holder=lambda seat: by_unit[seat["unitID"].upper()], reader=names[0])


def pct(sorted_values, p):
    """Nearest-rank percentile of an already sorted list."""
    return sorted_values[max(0, math.ceil(p / 100 * len(sorted_values)) - 1)]


def burst(base, ballot, voters):
    """Every voter POSTs its vote once, all released together; returns (wall seconds, results)."""
    barrier = threading.Barrier(len(voters) + 1)
    results = [None] * len(voters)

    def voter(i, v):
        client = Client(base, v["token"])
        try:
            client.conn.connect()  # the TCP connection is ready before the start
        except OSError as e:
            results[i] = (f"connect:{type(e).__name__}", 0.0, None)
        barrier.wait()
        if results[i]:
            return
        t = time.perf_counter()
        try:
            status, data = client.call("POST", f"/api/v1/ballots/{ballot}/votes", {"choices": [v["choice"]]})
            results[i] = (status, time.perf_counter() - t, data)
        except Exception as e:  # timeouts, resets: counted, never fatal
            results[i] = (f"error:{type(e).__name__}", time.perf_counter() - t, str(e))
        finally:
            client.conn.close()

    threads = [threading.Thread(target=voter, args=(i, v)) for i, v in enumerate(voters)]
    for th in threads:
        th.start()
    barrier.wait()
    t0 = time.perf_counter()
    for th in threads:
        th.join()
    return time.perf_counter() - t0, results


def report(name, wall, results, expected):
    counts = {}
    for status, _, _ in results:
        counts[status] = counts.get(status, 0) + 1
    lat = sorted(r[1] * 1000 for r in results)
    print(f"\n== {name}: {len(results)} requests at once")
    print(f"wall time   {wall:8.3f} s")
    print(f"throughput  {len(results) / wall:8.1f} req/s")
    print(f"latency ms  p50 {pct(lat, 50):.0f}  p95 {pct(lat, 95):.0f}  p99 {pct(lat, 99):.0f}  "
          f"max {lat[-1]:.0f}  (min {lat[0]:.0f}, mean {statistics.mean(lat):.0f})")
    print(f"statuses    {dict(sorted(counts.items(), key=str))}")
    for status, _, data in results:
        if status != expected:
            print(f"  unexpected {status}: {str(data)[:300]}")
            break
    ok = counts.get(expected, 0) == len(results)
    print(f"check       all {expected}: {'OK' if ok else 'FAILED'}")
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default="http://127.0.0.1:8080", help="server URL")
    ap.add_argument("--setup", action="store_true", help="create the data first (needs --admin-password)")
    ap.add_argument("--admin-user", default="admin")
    ap.add_argument("--admin-password")
    ap.add_argument("--voters", type=int, default=500)
    ap.add_argument("--workers", type=int, default=4, help="setup thread pool size")
    ap.add_argument("--candidates", type=int, default=9, help="candidates of the round (the first units)")
    ap.add_argument("--state", help="JSON file: written after --setup, read without it")
    ap.add_argument("--only-setup", action="store_true", help="with --setup: save --state and stop")
    a = ap.parse_args()
    if a.setup:
        if not a.admin_password:
            ap.error("--setup needs --admin-password")
        state = setup(a.base, a.admin_user, a.admin_password, a.voters, a.workers, a.candidates)
        if a.state:
            with open(a.state, "w") as f:
                json.dump(state, f)
        if a.only_setup:
            return
    elif a.state:
        with open(a.state) as f:
            state = json.load(f)
    else:
        ap.error("give --setup or --state")
    ballot, voters = state["ballot"], state["voters"]

    wall, results = burst(a.base, ballot, voters)
    ok = report("phase 1: first vote (expect 201)", wall, results, 201)
    wall2, results2 = burst(a.base, ballot, voters)
    ok &= report("phase 2: second vote (expect 409)", wall2, results2, 409)

    api(a.base, state["admin_token"], "POST", f"/api/v1/ballots/{ballot}/close")
    trustees = bench_trustees(a.base, state["units"], state["names"], state["password"])
    trustees.restore(state["trustees"])
    t0 = time.perf_counter()
    trustees.decrypt(ballot)
    print(f"\n== count: two trustees decrypted and the server checked every paper's proofs in {time.perf_counter() - t0:.1f} s")
    res = api(a.base, state["admin_token"], "GET", f"/api/v1/ballots/{ballot}/result")
    # Every 201 of either phase must be listed, and nothing else: a 5xx must not have stored a paper.
    issued = [r[2]["receipt"] for r in results + results2 if r[0] == 201]
    listed = set(res["receipts"])
    good = res["ballotsCast"] == len(voters) and len(listed) == len(voters) and listed == set(issued)
    print(f"\n== result after close: status {res['status']}, ballotsCast {res['ballotsCast']}, valid {res['valid']}, "
          f"receipts {len(res['receipts'])}; 201s answered {len(issued)}, all listed and no others: {listed == set(issued)}")
    print(f"check       ballotsCast == {len(voters)} and {len(voters)} receipts: {'OK' if good else 'FAILED'}")
    sys.exit(0 if ok and good else 1)


if __name__ == "__main__":
    main()
