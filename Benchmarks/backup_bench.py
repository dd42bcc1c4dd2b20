#!/usr/bin/env python3
"""What `thidua backup` costs on a province-sized installation, and whether its archive restores.

Starts `thidua serve` on a fresh data folder (SQLite, or PostgreSQL with --postgres URL), fills it through the
API (blocs × units, one cycle per bloc with its milestones and 2 requirements, small PDF uploads per unit),
then measures in one run:

  (a) `thidua backup` wall time and archive size;
  (b) the server's latency while the backup runs: p50/p99 of GET /healthz and GET /api/v1/blocs sampled in a
      loop during the backup, against the same loop with no backup running (3 s just before and 3 s just after);
  (c) `thidua backup --verify` time;
  (d) `thidua restore` into a second fresh data folder (or --restore-postgres URL), time;
  (e) after restore: `thidua audit-verify` passes, and a server started on the restored data answers the same
      unit, bloc, cycle and requirement counts.

Prints a Markdown table with the command line used.

    python3 Benchmarks/backup_bench.py                      # 40 blocs × 15 units, 2 PDFs per unit
    python3 Benchmarks/backup_bench.py --quick              # 4 blocs × 5 units, under 30 s on the debug build
    python3 Benchmarks/backup_bench.py --postgres postgres://…/empty_db --restore-postgres postgres://…/other_empty_db

Env: THIDUA_BIN (default .build/debug/thidua). Standard library only.
"""
import argparse
import http.client
import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "Tests" / "security"))
import hostile_lib  # noqa: E402  (the suite's PDF maker, shared)


class BenchError(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pdf(tag, pages=1):
    """The hostile suite's PDF maker, with a tag that makes each file distinct."""
    return hostile_lib.pdf(pages, tag=tag)


class Api:
    """One keep-alive connection per thread; JSON in and out."""

    def __init__(self, port, token=None):
        self.port, self.token = port, token
        self.local = threading.local()

    def _conn(self):
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = self.local.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        return conn

    def raw(self, method, path, body=None, ctype=None):
        headers = {}
        if ctype:
            headers["Content-Type"] = ctype
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        for attempt in (1, 2):
            conn = self._conn()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, OSError):
                conn.close()
                self.local.conn = None
                if attempt == 2:
                    raise

    def call(self, method, path, body=None, expect=(200, 201)):
        data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
        status, payload = self.raw(method, path, data, "application/json" if data is not None else None)
        if status not in expect:
            raise BenchError(f"{method} {path} answered {status}: {payload[:300].decode('utf-8', 'replace')}")
        return json.loads(payload) if payload else None

    def upload(self, requirement, unit, name, content):
        boundary = "bench" + uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                f"Content-Type: application/pdf\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
        status, payload = self.raw("POST", f"/api/v1/requirements/{requirement}/submissions?unitID={unit}", body,
                                   f"multipart/form-data; boundary={boundary}")
        if status != 201:
            raise BenchError(f"upload for unit {unit} answered {status}: {payload[:300].decode('utf-8', 'replace')}")


class Server:
    def __init__(self, binary, env, label):
        self.binary, self.env, self.label = binary, env, label
        self.port = free_port()
        self.log_path = Path(tempfile.mkstemp(prefix=f"thidua-bench-{label}-", suffix=".log")[1])
        self.process = None

    def start(self, timeout=120):
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen([self.binary, "serve", "--port", str(self.port)], cwd=REPO, env=self.env,
                                            stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise BenchError(f"{self.label} server exited with {self.process.returncode}:\n{self.tail()}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                conn.request("GET", "/healthz")
                if conn.getresponse().status == 200:
                    conn.close()
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError(f"{self.label} server did not answer /healthz in {timeout} s:\n{self.tail()}")

    def first_admin_password(self):
        """The password `thidua serve` prints once for the first admin ("mật khẩu: …")."""
        found = re.search(r"mật khẩu:\s*(\S+)", self.log_path.read_text("utf-8", "replace"))
        if not found:
            raise BenchError(f"no first admin password on the {self.label} server's console:\n{self.tail()}")
        return found.group(1)

    def tail(self, lines=15):
        try:
            return "\n".join(self.log_path.read_text("utf-8", "replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_path.unlink(missing_ok=True)


def sign_in(port, password):
    token = Api(port).call("POST", "/api/v1/auth/token", {"username": "admin", "password": password})["token"]
    return Api(port, token)


def fill(api, blocs, units_per_bloc, files_per_unit, workers):
    """Units, blocs, one cycle per bloc with 4 milestones and 2 requirements, then the uploads (in parallel)."""
    run = uuid.uuid4().hex[:6]
    plan = []  # (requirement IDs, unit IDs) per bloc

    def make_bloc(b):
        units = [api.call("POST", "/api/v1/units", {"name": f"Đơn vị {b + 1:02d}.{u + 1:02d} ({run})",
                                                     "shortName": f"DV{b + 1:02d}{u + 1:02d}-{run}"})["id"]
                 for u in range(units_per_bloc)]
        bloc = api.call("POST", "/api/v1/blocs", {"name": f"Khối thi đua số {b + 1} ({run})",
                                                  "issuer": "UBND tỉnh Lào Cai"})["id"]
        cycle = api.call("POST", f"/api/v1/blocs/{bloc}/cycles",
                         {"year": 2026, "headUnitID": units[0], "deputyUnitID": units[1 % len(units)],
                          "memberUnitIDs": units})["id"]
        for milestone in ({"code": "REPORT", "title": "Nộp báo cáo tổng kết năm 2026", "dueAt": "2027-11-30"},
                          {"code": "SCORING", "title": "Nộp bảng chấm điểm thi đua năm 2026", "dueAt": "2027-12-05"},
                          {"code": "CONFERENCE", "title": "Hội nghị tổng kết phong trào thi đua năm 2026",
                           "dueAt": "2027-12-19T08:00:00+07:00"},
                          {"code": "MINUTES", "title": "Gửi biên bản hội nghị tổng kết", "relativeTo": "CONFERENCE",
                           "offsetDays": 2, "dayKind": "working"}):
            api.call("POST", f"/api/v1/cycles/{cycle}/milestones", milestone)
        requirements = [api.call("POST", f"/api/v1/cycles/{cycle}/requirements",
                                 {"code": code, "title": title, "milestone": "REPORT", "acceptedKinds": ["pdf"]})["id"]
                        for code, title in (("BCTK", "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2026"),
                                            ("TOMTAT", "Bản tóm tắt báo cáo tổng kết (không quá 01 trang A4)"))]
        return requirements, units

    with ThreadPoolExecutor(workers) as pool:
        plan = list(pool.map(make_bloc, range(blocs)))
        uploads = [(requirements[i % len(requirements)], unit, f"bao-cao-{unit[:8]}-{i + 1}.pdf",
                    pdf(f"{run} {unit} {i}"))
                   for requirements, units in plan for unit in units for i in range(files_per_unit)]
        list(pool.map(lambda u: api.upload(*u), uploads))
    return len(uploads)


def sample_latency(port, token, stop, out):
    """GET /healthz and GET /api/v1/blocs, alternately on one keep-alive connection each, until `stop` is set."""
    health, reads = Api(port), Api(port, token)
    while not stop.is_set():
        for name, api, path in (("healthz", health, "/healthz"), ("blocs", reads, "/api/v1/blocs")):
            started = time.perf_counter()
            status, _ = api.raw("GET", path)
            out[name].append(time.perf_counter() - started)
            if status != 200:
                out["errors"].append(f"{path}: {status}")


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def timed(command, env, label):
    started = time.monotonic()
    result = subprocess.run(command, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    elapsed = time.monotonic() - started
    if result.returncode != 0:
        output = result.stdout.decode("utf-8", "replace").splitlines()
        raise BenchError(f"{label} exited with {result.returncode}:\n" + "\n".join(output[-15:]))
    return elapsed, result.stdout.decode("utf-8", "replace")


def counts(api):
    blocs = api.call("GET", "/api/v1/blocs")
    cycles = [c for b in blocs for c in api.call("GET", f"/api/v1/blocs/{b['id']}/cycles")]
    requirements = sum(len(api.call("GET", f"/api/v1/cycles/{c['id']}/requirements")) for c in cycles)
    return {"units": len(api.call("GET", "/api/v1/units")), "blocs": len(blocs), "cycles": len(cycles),
            "requirements": requirements}


def stored_files(data_dir):
    root = Path(data_dir) / "files"
    return sum(1 for p in root.glob("??/??/*") if p.is_file()) if root.exists() else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--blocs", type=int, default=40)
    parser.add_argument("--units-per-bloc", type=int, default=15)
    parser.add_argument("--files-per-unit", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="4 blocs × 5 units (overrides --blocs/--units-per-bloc)")
    parser.add_argument("--workers", type=int, default=4, help="parallel API clients during the fill")
    parser.add_argument("--baseline-seconds", type=float, default=3,
                        help="length of each no-backup latency loop, run just before and just after the backup")
    parser.add_argument("--postgres", help="DATABASE_URL of an empty database for the source installation")
    parser.add_argument("--restore-postgres", help="DATABASE_URL of another empty database to restore into")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folders")
    args = parser.parse_args()
    if args.quick:
        args.blocs, args.units_per_bloc = 4, 5
    if bool(args.postgres) != bool(args.restore_postgres):
        parser.error("--postgres and --restore-postgres go together (the restore needs its own empty database)")
    binary = str((REPO / os.environ.get("THIDUA_BIN", ".build/debug/thidua")).resolve())
    command_line = "python3 Benchmarks/backup_bench.py " + " ".join(shlex.quote(a) for a in sys.argv[1:])
    command_line = re.sub(r"postgres://[^ ]*", "postgres://…", command_line).strip()

    work = Path(tempfile.mkdtemp(prefix="thidua-backup-bench-"))
    source_dir, restored_dir, archive = work / "source", work / "restored", work / "out" / "province.zip"
    base_env = dict(os.environ, THIDUA_BCRYPT_COST="4", THIDUA_JOB_INTERVAL="3600")
    base_env.pop("THIDUA_BACKUP_INTERVAL_HOURS", None)
    base_env.pop("DATABASE_URL", None)
    source_env = dict(base_env, THIDUA_DATA_DIR=str(source_dir))
    restored_env = dict(base_env, THIDUA_DATA_DIR=str(restored_dir))
    if args.postgres:
        source_env["DATABASE_URL"], restored_env["DATABASE_URL"] = args.postgres, args.restore_postgres
    servers = []
    total_started = time.monotonic()
    try:
        server = Server(binary, source_env, "source")
        servers.append(server)
        server.start()
        api = sign_in(server.port, server.first_admin_password())
        password = server.first_admin_password()

        started = time.monotonic()
        uploads = fill(api, args.blocs, args.units_per_bloc, args.files_per_unit, args.workers)
        fill_seconds = time.monotonic() - started
        before = counts(api)
        files_before = stored_files(source_dir)
        print(f"fill: {before['blocs']} blocs, {before['units']} units, {before['cycles']} cycles, "
              f"{before['requirements']} requirements, {uploads} uploads ({files_before} stored files) "
              f"in {fill_seconds:.1f} s", flush=True)

        # (a) + (b): the backup, with the latency loop running beside it; the same loop with no backup running
        # before and after it.
        idle = {"healthz": [], "blocs": [], "errors": []}
        during = {"healthz": [], "blocs": [], "errors": []}

        def idle_loop():
            stop = threading.Event()
            sampler = threading.Thread(target=sample_latency, args=(server.port, api.token, stop, idle))
            sampler.start()
            time.sleep(args.baseline_seconds)
            stop.set()
            sampler.join()

        idle_loop()
        stop = threading.Event()
        sampler = threading.Thread(target=sample_latency, args=(server.port, api.token, stop, during))
        sampler.start()
        try:
            backup_seconds, _ = timed([binary, "backup", str(archive)], source_env, "thidua backup")
        finally:
            stop.set()
            sampler.join()
        archive_size = archive.stat().st_size
        print(f"backup: {backup_seconds:.2f} s, {archive_size / 1e6:.2f} MB", flush=True)
        idle_loop()
        if during["errors"] or idle["errors"]:
            raise BenchError(f"reads failed: {(during['errors'] + idle['errors'])[:5]}")

        # (c) verify, (d) restore into a second installation, (e) its checks.
        verify_seconds, _ = timed([binary, "backup", "--verify", str(archive)], source_env, "thidua backup --verify")
        restore_seconds, _ = timed([binary, "restore", str(archive)], restored_env, "thidua restore")
        audit_seconds, _ = timed([binary, "audit-verify"], restored_env, "thidua audit-verify (restored)")
        restored = Server(binary, restored_env, "restored")
        servers.append(restored)
        restored.start()
        after = counts(sign_in(restored.port, password))
        files_after = stored_files(restored_dir)
        if after != before or files_after != files_before:
            raise BenchError(f"restored installation differs: before {before}, {files_before} files; "
                             f"after {after}, {files_after} files")
    finally:
        for s in servers:
            s.stop()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    def ms(x):
        return f"{x * 1000:.1f} ms"

    engine = "PostgreSQL" if args.postgres else "SQLite (WAL)"
    print()
    print(f"`{command_line}` — {engine}, {args.blocs} blocs × {args.units_per_bloc} units, "
          f"{args.files_per_unit} PDF uploads per unit; whole run {time.monotonic() - total_started:.0f} s")
    print()
    print("| measure | value |")
    print("| --- | --- |")
    print(f"| fill through the API ({before['units']} units, {before['blocs']} blocs and cycles, "
          f"{before['requirements']} requirements, {uploads} uploads) | {fill_seconds:.1f} s |")
    print(f"| `thidua backup` wall time | {backup_seconds:.2f} s |")
    print(f"| archive size ({files_before} stored files) | {archive_size / 1e6:.2f} MB |")
    for name, label in (("healthz", "`GET /healthz`"), ("blocs", "`GET /api/v1/blocs`")):
        for p in (50, 99):
            quiet, busy = percentile(idle[name], p), percentile(during[name], p)
            print(f"| {label} p{p}: no backup → during backup (× ratio) | {ms(quiet)} → {ms(busy)} "
                  f"(× {busy / quiet:.2f}) |")
    print(f"| samples per endpoint: no backup / during backup | {len(idle['healthz'])} / {len(during['healthz'])} |")
    print(f"| `thidua backup --verify` | {verify_seconds:.2f} s |")
    print(f"| `thidua restore` into a fresh {'database' if args.postgres else 'data folder'} | {restore_seconds:.2f} s |")
    print(f"| `thidua audit-verify` on the restored data | passes ({audit_seconds:.2f} s) |")
    print(f"| restored server: units / blocs / cycles / requirements / stored files | {after['units']} / "
          f"{after['blocs']} / {after['cycles']} / {after['requirements']} / {files_after} (same as before) |")


if __name__ == "__main__":
    try:
        main()
    except BenchError as error:
        print(f"FAILED: {error}", file=sys.stderr)
        sys.exit(1)
