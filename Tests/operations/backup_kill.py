#!/usr/bin/env python3
"""`kill -9` in the middle of `thidua backup X.zip` leaves the previous X.zip as it was.

Makes a data folder (`thidua serve` until /healthz answers, then stopped), stores 300 files of 200 KB of random
bytes in it (`files/ab/cd/<sha256>`, the store's own layout) so that a backup takes a while, and takes a first
backup X.zip. Then starts a second backup to the same name and SIGKILLs it while it writes its temporary
`.X.zip.<uuid>.partial` (once that holds a quarter of the first archive's size). Checks:

  - X.zip still has the first backup's SHA-256, and `thidua backup --verify X.zip` passes;
  - the folder holds nothing else but `.X.zip.*.partial` leftovers;
  - a new backup then succeeds and verifies, and removes the leftover once it is older than ten minutes
    (its modification time is set 11 minutes back first).

Exits non-zero with the reason on failure. Env: THIDUA_BIN (default .build/debug/thidua). Standard library only.
"""
import hashlib
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "Tests" / "security"))
from hostile_lib import CaseFailure, Client, free_port  # noqa: E402

FILES, FILE_BYTES = 300, 200 * 1024
ATTEMPTS = 4


class Failure(Exception):
    pass


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run(binary, args, env, what):
    result = subprocess.run([binary, *args], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, timeout=120)
    if result.returncode != 0:
        lines = result.stdout.decode("utf-8", "replace").splitlines()
        raise Failure(f"{what} exited with {result.returncode}:\n" + "\n".join("    | " + l for l in lines[-12:]))


def make_data_folder(binary, env, data):
    """`thidua serve` on the empty folder until /healthz answers (the schema is migrated), then stopped."""
    port = free_port()
    log = open(data.parent / "serve.log", "wb")
    process = subprocess.Popen([binary, "serve", "--port", str(port)], cwd=REPO, env=env, stdout=log,
                               stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        client, deadline = Client(f"http://127.0.0.1:{port}"), time.monotonic() + 60
        while True:
            if process.poll() is not None:
                raise Failure(f"thidua serve exited with {process.returncode} before answering /healthz")
            try:
                if client.call("GET", "/healthz", timeout=2).status == 200:
                    break
            except (OSError, CaseFailure):
                pass
            if time.monotonic() > deadline:
                raise Failure("thidua serve did not answer /healthz within 60 s")
            time.sleep(0.1)
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        log.close()


def store_random_files(data):
    for _ in range(FILES):
        content = os.urandom(FILE_BYTES)
        sha = hashlib.sha256(content).hexdigest()
        folder = data / "files" / sha[:2] / sha[2:4]
        folder.mkdir(parents=True, exist_ok=True)
        (folder / sha).write_bytes(content)


def strangers(out, name):
    """Entries of `out` other than `name` that are not `.name.*.partial` leftovers."""
    leftover = re.compile(r"^\." + re.escape(name) + r"\..+\.partial$")
    return sorted(p.name for p in out.iterdir() if p.name != name and not leftover.match(p.name))


def partials(out, name):
    return sorted(p for p in out.iterdir() if p.name.startswith(f".{name}.") and p.name.endswith(".partial"))


def kill_mid_write(binary, env, archive, grown):
    """Starts a backup to `archive` and SIGKILLs it once its .partial file holds `grown` bytes (in the middle of
    the stored files). Returns (seconds after start, partial bytes at the kill), or None when the backup finished first."""
    known = set(partials(archive.parent, archive.name))
    started = time.monotonic()
    process = subprocess.Popen([binary, "backup", str(archive)], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    size = 0
    while process.poll() is None:
        fresh = [p for p in partials(archive.parent, archive.name) if p not in known]
        try:
            size = fresh[0].stat().st_size if fresh else 0
        except FileNotFoundError:  # renamed into place just now
            size = 0
        if size >= grown:
            break
        time.sleep(0.005)
    if process.poll() is not None:
        return None
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    if process.returncode != -signal.SIGKILL:
        return None  # it finished between the check and the signal
    return time.monotonic() - started, size


def main():
    t0 = time.monotonic()
    binary = str((REPO / os.environ.get("THIDUA_BIN", ".build/debug/thidua")).resolve())
    work = Path(tempfile.mkdtemp(prefix="thidua-backup-kill-"))
    data, out = work / "data", work / "out"
    out.mkdir()
    env = dict(os.environ, THIDUA_DATA_DIR=str(data), THIDUA_BCRYPT_COST="4", THIDUA_JOB_INTERVAL="3600")
    env.pop("DATABASE_URL", None)
    env.pop("THIDUA_BACKUP_INTERVAL_HOURS", None)
    archive = out / "X.zip"
    try:
        make_data_folder(binary, env, data)
        store_random_files(data)
        started = time.monotonic()
        run(binary, ["backup", str(archive)], env, "the first backup")
        first_seconds = time.monotonic() - started
        previous = sha256(archive)
        print(f"first backup: {first_seconds:.2f} s, {archive.stat().st_size / 1e6:.1f} MB, sha256 {previous[:16]}…")

        for attempt in range(1, ATTEMPTS + 1):
            killed = kill_mid_write(binary, env, archive, archive.stat().st_size // 4)
            if killed:
                break
            # It finished before it could be killed: that complete archive is now the previous one.
            previous = sha256(archive)
            print(f"attempt {attempt}: the backup finished before the kill; trying again")
        else:
            raise Failure(f"could not kill a backup in the middle of writing in {ATTEMPTS} attempts")
        at, size = killed
        print(f"killed with SIGKILL {at:.2f} s after start, its .partial file at {size / 1e6:.1f} MB")

        if not archive.exists():
            raise Failure("X.zip is gone after the kill")
        if sha256(archive) != previous:
            raise Failure("X.zip changed after the kill: it is not the previous archive any more")
        run(binary, ["backup", "--verify", str(archive)], env, "backup --verify of the previous archive after the kill")
        if strangers(out, archive.name):
            raise Failure(f"unexpected files next to X.zip after the kill: {strangers(out, archive.name)}")
        leftovers = partials(out, archive.name)
        print(f"after the kill: X.zip unchanged and verified; leftovers: {[p.name for p in leftovers] or 'none'}")

        # A leftover untouched for ten minutes is abandoned, and the next backup of that name removes it.
        aged = time.time() - 11 * 60
        for leftover in leftovers:
            os.utime(leftover, (aged, aged))
        run(binary, ["backup", str(archive)], env, "a new backup after the kill")
        run(binary, ["backup", "--verify", str(archive)], env, "backup --verify of the new archive")
        if strangers(out, archive.name):
            raise Failure(f"unexpected files next to X.zip after the new backup: {strangers(out, archive.name)}")
        left = [p.name for p in partials(out, archive.name)]
        if left:
            raise Failure(f"the new backup left .partial files aged 11 minutes in place: {left}")
        print(f"new backup written and verified (sha256 {sha256(archive)[:16]}…); the leftover, aged 11 minutes, "
              "was removed")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"backup kill check passed in {time.monotonic() - t0:.1f} s")


if __name__ == "__main__":
    try:
        main()
    except Failure as error:
        print(f"FAIL: {error}", file=sys.stderr)
        sys.exit(1)
