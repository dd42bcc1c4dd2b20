#!/usr/bin/env python3
"""Kills the server in the middle of an SMTP delivery and checks that, after a restart, every message
reaches the mail server exactly once.

It runs its own SMTP sink (aiosmtpd) that holds the first conversation for stall@… at RCPT TO, then:
1. starts `thidua demo` (SQLite, or PostgreSQL with --postgres URL) pointed at the sink;
2. queues two test messages through the API: truoc@… (delivered first) and stall@… (held by the sink);
3. SIGKILLs the server while the sink holds stall@…, so the outbox row is left `sending`;
4. starts the server again on the same data and waits several delivery runs;
5. checks: each message arrived exactly once, with its Message-ID; the outbox shows both `sent`,
   the interrupted one after 2 attempts.

Env: THIDUA_BIN (default .build/debug/thidua). Exits 0 on success, 1 when a check fails, 2 when
something cannot start.
"""
import argparse
import asyncio
import email
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from aiosmtpd.controller import Controller

REPO = Path(__file__).resolve().parents[2]
INTERVAL = 1  # THIDUA_JOB_INTERVAL for the servers started here
FIRST, STALLED = "truoc@example.org", "stall@example.org"


class Failure(Exception):
    pass


class StallingSink:
    """Stores every message it accepts; holds the first RCPT TO for STALLED until the client goes away."""

    def __init__(self):
        self.lock = threading.Lock()
        self.messages = []  # (recipient, Message-ID)
        self.stalled = threading.Event()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address == STALLED and not self.stalled.is_set():
            self.stalled.set()
            for _ in range(600):  # a real server waiting on a slow disk; the client dies meanwhile
                if server.transport is None or server.transport.is_closing():
                    break
                await asyncio.sleep(0.1)
            return "451 4.3.0 try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        parsed = email.message_from_bytes(envelope.content)
        with self.lock:
            for rcpt in envelope.rcpt_tos:
                self.messages.append((rcpt, parsed["Message-ID"]))
        return "250 2.0.0 stored"

    def received(self, rcpt):
        with self.lock:
            return [mid for to, mid in self.messages if to == rcpt]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(binary, port, env, log):
    cmd = [str(binary), "demo", "--hostname", "127.0.0.1", "--port", str(port)]
    return subprocess.Popen(cmd, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_until(what, condition, seconds, server=None):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise Failure(f"the server exited with code {server.returncode} while waiting for {what}")
        if condition():
            return
        time.sleep(0.2)
    raise Failure(f"timed out after {seconds} s waiting for {what}")


def healthy(base):
    try:
        with urllib.request.urlopen(base + "/healthz", timeout=3) as r:
            return r.status == 200
    except OSError:
        return False


def api(base, method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, json.loads(r.read() or b"null")


def scenario(binary, label, postgres_url):
    sink = StallingSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    data_dir = Path(tempfile.mkdtemp(prefix="thidua-restart-"))
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, THIDUA_DATA_DIR=str(data_dir), THIDUA_JOB_INTERVAL=str(INTERVAL),
               THIDUA_SMTP_URL=f"smtp://127.0.0.1:{controller.port}", THIDUA_BCRYPT_COST="4")
    env.pop("DATABASE_URL", None)
    if postgres_url:
        env["DATABASE_URL"] = postgres_url
    log_path = data_dir / "server.log"
    server = None
    try:
        with open(log_path, "ab") as log:
            t0 = time.monotonic()
            server = start_server(binary, port, env, log)
            wait_until("/healthz", lambda: healthy(base), 180, server)
            print(f"[{label}] first server up in {time.monotonic() - t0:.1f} s", flush=True)
            _, tok = api(base, "POST", "/api/v1/auth/token", body={"username": "admin", "password": "demo123"})
            token = tok["token"]
            status, first = api(base, "POST", "/api/v1/outbox/test", token, {"to": FIRST})
            if status != 202:
                raise Failure(f"queuing a test message answered {status}")
            _, stalled = api(base, "POST", "/api/v1/outbox/test", token, {"to": STALLED})
            wait_until("the sink to hold the second delivery", sink.stalled.is_set, 60, server)
            wait_until("the first message", lambda: sink.received(FIRST), 30, server)
            server.send_signal(signal.SIGKILL)
            server.wait()
            print(f"[{label}] killed the server while the sink held {STALLED}", flush=True)
            time.sleep(0.5)
            if sink.received(STALLED):
                raise Failure("the held message was stored although its conversation never finished")

            server = start_server(binary, port, env, log)
            wait_until("/healthz after the restart", lambda: healthy(base), 180, server)
            wait_until(f"{STALLED} after the restart", lambda: sink.received(STALLED), 60, server)
            time.sleep(5 * INTERVAL + 2)  # several more delivery runs: nothing may be sent again
            _, outbox = api(base, "GET", "/api/v1/outbox", token)
    finally:
        if server is not None and server.poll() is None:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        controller.stop()

    checks = []
    for rcpt, queued in ((FIRST, first), (STALLED, stalled)):
        got = sink.received(rcpt)
        checks.append((f"{rcpt} arrived exactly once", got == [queued["messageID"]], got))
    rows = {row["to"]: row for row in outbox}
    checks.append((f"{FIRST} is sent after 1 attempt", rows[FIRST]["status"] == "sent" and rows[FIRST]["attempts"] == 1, rows[FIRST]))
    checks.append((f"{STALLED} is sent after 2 attempts", rows[STALLED]["status"] == "sent" and rows[STALLED]["attempts"] == 2,
                   rows[STALLED]))
    failed = [c for c in checks if not c[1]]
    for name, ok, detail in checks:
        print(f"[{label}] {'ok  ' if ok else 'FAIL'} {name}" + ("" if ok else f": {detail}"), flush=True)
    if failed:
        print((data_dir / "server.log").read_text(errors="replace")[-4000:], file=sys.stderr)
        raise Failure(f"{len(failed)} check(s) failed")
    shutil.rmtree(data_dir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="run on this (empty) PostgreSQL database instead of SQLite")
    args = parser.parse_args()
    binary = Path(os.environ.get("THIDUA_BIN", REPO / ".build/debug/thidua"))
    if not binary.exists():
        print(f"no server binary at {binary}; run swift build first", file=sys.stderr)
        return 2
    label = "PostgreSQL" if args.postgres else "SQLite"
    try:
        scenario(binary, label, args.postgres)
    except Failure as error:
        print(f"[{label}] FAILED: {error}", file=sys.stderr)
        return 1
    print(f"[{label}] restart mid-delivery: every message delivered exactly once", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
