#!/usr/bin/env python3
"""How fast the outbox drains into a real SMTP server, and whether anything arrives twice.

Starts an aiosmtpd sink in this process and `thidua demo` on a fresh data folder (SQLite, or
PostgreSQL with --postgres URL), queues N test messages through the API, then times from the first
queued message until the sink holds all N. Prints messages per second, duplicates, and the
server's peak RSS (VmHWM).

    python3 Benchmarks/outbox_drain.py --messages 1000 [--postgres postgres://…/empty_db]

Env: THIDUA_BIN (default .build/debug/thidua).
"""
import argparse
import email
import json
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from collections import Counter
from pathlib import Path

from aiosmtpd.controller import Controller

REPO = Path(__file__).resolve().parents[1]


class CountingSink:
    def __init__(self):
        self.lock = threading.Lock()
        self.ids = Counter()

    async def handle_DATA(self, server, session, envelope):
        mid = email.message_from_bytes(envelope.content)["Message-ID"]
        with self.lock:
            self.ids[mid] += 1
        return "250 OK"

    def total(self):
        with self.lock:
            return sum(self.ids.values())


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def api(base, method, path, token=None, body=None):
    req = urllib.request.Request(base + path, data=json.dumps(body).encode() if body is not None else None, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.loads(r.read() or b"null")


def peak_rss_kb(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--postgres")
    parser.add_argument("--interval", type=int, default=1, help="THIDUA_JOB_INTERVAL for the server")
    args = parser.parse_args()
    sink = CountingSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    data_dir = Path(tempfile.mkdtemp(prefix="thidua-outbox-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, THIDUA_DATA_DIR=str(data_dir), THIDUA_JOB_INTERVAL=str(args.interval), THIDUA_BCRYPT_COST="4",
               THIDUA_SMTP_URL=f"smtp://127.0.0.1:{controller.port}", LOG_LEVEL="warning")
    env.pop("DATABASE_URL", None)
    if args.postgres:
        env["DATABASE_URL"] = args.postgres
    binary = os.environ.get("THIDUA_BIN", str(REPO / ".build/debug/thidua"))
    log = open(data_dir / "server.log", "wb")
    server = subprocess.Popen([binary, "demo", "--hostname", "127.0.0.1", "--port", str(port)], cwd=REPO, env=env,
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        token = api(base, "POST", "/api/v1/auth/token", body={"username": "admin", "password": "demo123"})["token"]
        t0 = time.monotonic()
        for i in range(args.messages):
            api(base, "POST", "/api/v1/outbox/test", token, {"to": f"unit{i}@example.org"})
        queued = time.monotonic() - t0
        while sink.total() < args.messages and time.monotonic() - t0 < 1800:
            time.sleep(0.1)
        drained = time.monotonic() - t0
        time.sleep(3 * args.interval + 1)
        dupes = sum(1 for n in sink.ids.values() if n > 1)
        print(f"database: {'PostgreSQL' if args.postgres else 'SQLite'}; messages: {args.messages}; "
              f"queued in {queued:.1f} s; all delivered after {drained:.1f} s "
              f"({args.messages / drained:.0f} msg/s end to end); received {sink.total()}, duplicates {dupes}; "
              f"server peak RSS {peak_rss_kb(server.pid) / 1024:.0f} MB")
    finally:
        server.terminate()
        server.wait(timeout=30)
        controller.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
