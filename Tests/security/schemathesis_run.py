#!/usr/bin/env python3
"""API conformance: schemathesis against a throw-away `thidua demo` and the OpenAPI document it serves.

Checks, for every operation of docs/openapi.yaml as served at GET /api/v1/openapi.yaml:
  - not_a_server_error           no 5xx (the one exception is below);
  - status_code_conformance      every status the server sends is documented for that operation;
  - content_type_conformance     every response's Content-Type is the documented one;
  - response_schema_conformance  every response body matches its documented schema;
  - response_headers_conformance documented required headers are there and valid;
  - negative_data_rejection      a request that breaks the schema (unknown enum value, wrong JSON
                                 type, missing required field, malformed path ID...) gets a 4xx.

Steps:
  1. Starts `thidua demo` (THIDUA_BIN, default .build/debug/thidua) from the repository root on a free
     port, with its own empty THIDUA_DATA_DIR (a temporary folder), THIDUA_BCRYPT_COST=4, no mail
     server, and waits for /healthz.
  2. Signs in as `admin` (who may do everything, so writes reach their validation rather than a
     403), as `vanphong` (an officer of a member unit, for the operations only such a user can
     do: voting, reading their own notifications) and, when the document has an operation that
     could revoke a token or change a password (see SENSITIVE), as a spare administrator it
     creates for those operations alone. All tokens are taken before schemathesis starts.
  3. Adds what the demo lacks (fixtures(): ballot rounds, nominees, proposals, a submission,
     evidence, an outbox message, a generated document, next year's cycle), then makes
     schemathesis take the real IDs for path parameters and ID fields of bodies, 3 times in 4, so
     the cases get past the ID lookup (the rest stay generated, and must answer 404 or 4xx).
  4. Runs schemathesis 4.x with a fixed seed and a bounded number of examples per operation, prints
     the time taken, checks that the tokens still work (a run whose token died would pass on 401s
     alone), and exits non-zero on any failure.

Nothing is excluded. No operation stops the server. Fuzzed sign-ins at POST /api/v1/auth/token only
lead to its documented 429 on that route. POST /api/v1/outbox/test queues mail that stays in the
outbox. Everything else only changes the throw-away database. The one 5xx allowed is the documented
503 of the two document downloads when a PDF cannot be made (no LibreOffice, or it failed or timed
out); it is allowed on those two operations only.

Env: THIDUA_BIN; SCHEMATHESIS_MAX_EXAMPLES (default 25); SCHEMATHESIS_SEED (default 20231219);
SCHEMATHESIS_WORKERS (default 1: with more, schemathesis 4.32 sometimes fails an operation with
Hypothesis "Inconsistent results" while it generates examples, and the server shares the CPUs);
SCHEMATHESIS_REPORT_DIR (keep the JUnit and NDJSON reports and the server log there);
SCHEMATHESIS_EXTRA (more CLI arguments, for example `--include-path-regex /ballots`).
Exit: 0 when every check passes, 1 on a failure, 2 when the server or schemathesis cannot start.
"""
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "sealed"))
from trustee_client import Trustees  # noqa: E402
import os
import re
import secrets
import shlex
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STARTUP_SECONDS = 180
CHECKS = [
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_schema_conformance",
    "response_headers_conformance",
    "negative_data_rejection",
]
SCHEMATHESIS_REQUIREMENT = "schemathesis>=4.0,<5"
# How often a path parameter or a body's ID field takes a real ID rather than a generated value.
REAL_ID_PROBABILITY = 0.75
# Operations that could revoke the token they are called with or change its user's password. There is
# none today; one added later runs with a spare administrator's token, so the main token survives.
SENSITIVE = re.compile(r"password|logout|sign-?out|revoke|/sessions?\b|/tokens?\b", re.IGNORECASE)


def log(*args):
    print("[schemathesis_run]", *args, flush=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_schemathesis():
    """Returns the schemathesis executable, installing it with pip when it is missing."""
    exe = shutil.which("schemathesis") or shutil.which("st")
    if exe is None:
        log("schemathesis missing: pip install", SCHEMATHESIS_REQUIREMENT)
        base = [sys.executable, "-m", "pip", "install", "-q", SCHEMATHESIS_REQUIREMENT]
        if subprocess.run(base).returncode != 0:
            subprocess.run(base + ["--break-system-packages"], check=True)
        exe = shutil.which("schemathesis")
    if exe is None:
        raise SystemExit(2)
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    log(version)
    major = version.rsplit(" ", 1)[-1].split(".")[0]
    if major != "4":
        log("this runner uses the schemathesis 4.x command line; found", version)
        raise SystemExit(2)
    return exe


def request(base, method, path, token=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=30) as response:
        raw = response.read()
        return json.loads(raw) if raw else None


def upload(base, path, token, fields, filename, content):
    """A multipart/form-data POST with text fields and one file part `file`."""
    boundary = "----thidua-schemathesis-fixture"
    parts = []
    for name, value in fields.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                 f"Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    req = urllib.request.Request(base + path, data=b"".join(parts), method="POST")
    req.add_header("Content-Type", f"multipart/form-data; boundary={boundary}")
    req.add_header("Accept", "application/json")
    req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=30) as response:
        return json.loads(response.read())


def minimal_pdf():
    """A valid one-page PDF, with a correct cross-reference table."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return out


def fixtures(base, token):
    """Records the demo lacks, so that more operations get past their ID lookup: attendance, ballot
    rounds (draft, open, paper), nominees, proposals (draft and decided), a submission, a
    self-assessment with evidence, an outbox message, a generated document and next year's cycle.
    Best effort: a step that fails is logged and skipped."""
    def step(what, fn):
        try:
            return fn()
        except (urllib.error.URLError, ValueError, KeyError, IndexError, TypeError) as error:
            detail = error.read().decode(errors="replace")[:300] if isinstance(error, urllib.error.HTTPError) else error
            log(f"fixture {what} failed: {detail}")
            return None

    def call(method, path, body=None):
        return request(base, method, path, token, body)

    bloc = call("GET", "/api/v1/blocs")[0]
    cycle = min(call("GET", f"/api/v1/blocs/{bloc['id']}/cycles"), key=lambda c: c["year"])  # the demo's 2023
    cid = cycle["id"]
    members = [m["id"] for m in cycle.get("members", [])]
    for unit in members:
        step("check-in", lambda: call("POST", f"/api/v1/cycles/{cid}/conference/attendance",
                                      {"unitID": unit, "present": True}))
    step("draft ballot", lambda: call("POST", f"/api/v1/cycles/{cid}/ballots", {"kind": "flag"}))
    # A paper round is never opened on the system: it waits for its count.
    motion = step("motion", lambda: call("POST", f"/api/v1/cycles/{cid}/ballots", {"kind": "motion", "title": "Biểu quyết thử"}))
    if motion:
        # Sealed: the demo's three key holders make the key before the round can open.
        tokens = {}

        def as_holder(who, method, path, body=None):
            if who not in tokens:
                tokens[who] = request(base, "POST", "/api/v1/auth/token", None, {"username": who, "password": "demo123"})["token"]
            return request(base, method, path, tokens[who], body)
        step("key ceremony", lambda: Trustees(as_holder).ceremony(motion["id"]))
        step("open motion", lambda: call("POST", f"/api/v1/ballots/{motion['id']}/open"))
    step("paper ballot", lambda: call("POST", f"/api/v1/cycles/{cid}/ballots", {"kind": "head", "mode": "paper"}))
    nominees = []
    for unit in members[:3]:
        nominee = step("nominee", lambda: call("POST", f"/api/v1/cycles/{cid}/nominees",
                                               {"kind": "collective", "unitID": unit, "award": "excellentCollective"}))
        if nominee:
            nominees.append(nominee["id"])
    if members:
        step("individual nominee", lambda: call("POST", f"/api/v1/cycles/{cid}/nominees", {
            "kind": "individual", "unitID": members[0], "award": "advancedWorker",
            "personName": "Nguyễn Văn An", "position": "Chuyên viên"}))
    if nominees:
        step("draft proposal", lambda: call("POST", f"/api/v1/cycles/{cid}/proposals",
                                            {"title": "Tờ trình thử", "nomineeIDs": nominees[:1]}))
        decided = step("proposal to decide", lambda: call("POST", f"/api/v1/cycles/{cid}/proposals",
                                                          {"title": "Tờ trình đã quyết định", "nomineeIDs": nominees[1:2]}))
        if decided:
            step("send proposal", lambda: call("POST", f"/api/v1/proposals/{decided['id']}/send",
                                               {"overrideReason": "Thử nghiệm"}))
            step("decide proposal", lambda: call("POST", f"/api/v1/proposals/{decided['id']}/decisions", {
                "number": "1/QĐ-UBND", "date": "2024-01-15", "issuer": "UBND tỉnh Lào Cai",
                "items": [{"nomineeID": nominees[1], "awarded": True}]}))
    requirements = step("requirements", lambda: call("GET", f"/api/v1/cycles/{cid}/requirements")) or []
    for requirement in requirements:
        if members and step("submission", lambda: upload(base, f"/api/v1/requirements/{requirement['id']}/submissions",
                                                         token, {"unitID": members[0]}, "bao-cao.pdf", minimal_pdf())):
            break
    table = step("scoring table", lambda: call("GET", f"/api/v1/cycles/{cid}/scoring-table"))
    if table and members:
        def first_leaf(nodes):
            for node in nodes:
                if not node.get("children"):
                    return node["code"]
                found = first_leaf(node["children"])
                if found:
                    return found
            return None
        code = first_leaf(table["sections"])
        path = f"/api/v1/cycles/{cid}/units/{members[0]}/self-assessment"
        if step("self-assessment", lambda: call("PUT", path, {"scores": [{"code": code, "points": 0}]})):
            step("evidence", lambda: upload(base, path + "/evidence?code=" + urllib.parse.quote(code), token, {},
                                            "minh-chung.pdf", minimal_pdf()))
    step("test mail", lambda: call("POST", "/api/v1/outbox/test", {"to": "schemathesis@example.org"}))
    step("document", lambda: urllib.request.urlopen(urllib.request.Request(
        f"{base}/api/v1/cycles/{cid}/documents/plan.docx", headers={"Authorization": f"Bearer {token}"}), timeout=60).read())
    if cycle.get("headUnit") and cycle.get("deputyUnit"):
        step("next cycle", lambda: call("POST", f"/api/v1/blocs/{bloc['id']}/cycles", {
            "year": cycle["year"] + 1, "headUnitID": cycle["headUnit"]["id"],
            "deputyUnitID": cycle["deputyUnit"]["id"], "memberUnitIDs": members}))


def wait_healthy(server, base, server_log):
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log(f"server exited with code {server.returncode} before /healthz answered")
            print(Path(server_log).read_text(errors="replace")[-4000:])
            raise SystemExit(2)
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    log(f"/healthz did not answer 200 within {STARTUP_SECONDS} s")
    raise SystemExit(2)


def ids(items, key="id"):
    return [item[key] for item in items or [] if isinstance(item, dict) and item.get(key)]


def harvest(base, token, voter_token):
    """The demo's real IDs, by path parameter name. Best effort: a list that fails stays empty."""
    found = {}

    def get(path):
        try:
            return request(base, "GET", path, token)
        except urllib.error.HTTPError as error:
            if error.code != 404:  # 404: nothing there yet, for example no self-assessment
                log(f"could not read {path}: {error}")
        except (urllib.error.URLError, ValueError) as error:
            log(f"could not read {path}: {error}")
        return None

    def add(name, values):
        found.setdefault(name, [])
        found[name] += [v for v in values if v not in found[name]]

    add("unitID", ids(get("/api/v1/units")))
    blocs = ids(get("/api/v1/blocs"))
    add("blocID", blocs)
    for bloc in blocs:
        add("cycleID", ids(get(f"/api/v1/blocs/{bloc}/cycles")))
    for cycle in found.get("cycleID", []):
        add("milestoneID", ids(get(f"/api/v1/cycles/{cycle}/milestones")))
        add("requirementID", ids(get(f"/api/v1/cycles/{cycle}/requirements")))
        add("ballotID", ids(get(f"/api/v1/cycles/{cycle}/ballots")))
        add("nomineeID", ids(get(f"/api/v1/cycles/{cycle}/nominees")))
        proposals = get(f"/api/v1/cycles/{cycle}/proposals") or []
        add("proposalID", ids(proposals))
        for proposal in proposals:
            add("decisionID", ids(proposal.get("decisions")))
        add("documentID", ids(get(f"/api/v1/cycles/{cycle}/document-records")))
        status = get(f"/api/v1/cycles/{cycle}/submission-status") or {}
        for row in status.get("rows", []):
            add("submissionID", ids(row.get("cells"), "submissionID"))
            assessment = get(f"/api/v1/cycles/{cycle}/units/{row['unitID']}/self-assessment") or {}
            add("evidenceID", ids(assessment.get("evidence")))
        for nominee in get(f"/api/v1/cycles/{cycle}/nominees") or []:
            add("personID", ids([nominee], "personID"))
    add("personID", ids(get("/api/v1/people")))
    add("ruleSetID", ids(get("/api/v1/rule-sets")))
    # Notifications are per user: the voter's (the opened round notified its unit), marked read with its token.
    try:
        add("notificationID", ids(request(base, "GET", "/api/v1/notifications", voter_token)))
    except (urllib.error.URLError, ValueError) as error:
        log(f"could not read the voter's notifications: {error}")
    add("messageID", ids(get("/api/v1/outbox")))
    return {name: values for name, values in found.items() if values}


# Body fields that hold IDs, and the dictionary of real IDs they draw from (where the body has them).
BODY_IDS = {
    "unitID": "unitID", "headUnitID": "unitID", "deputyUnitID": "unitID",
    "memberUnitIDs[*]": "unitID", "candidateUnitIDs[*]": "unitID", "add[*]": "unitID",
    "remove[*]": "unitID", "counts[*].unitID": "unitID",
    "nomineeIDs[*]": "nomineeID", "items[*].nomineeID": "nomineeID",
    "documentID": "documentID", "submissionID": "submissionID", "ruleSetID": "ruleSetID",
    "parentID": "requirementID",
}


def sensitive_operations(base):
    """operationIds of the served document's operations that SENSITIVE matches (by path or operationId)."""
    with urllib.request.urlopen(base + "/api/v1/openapi.yaml", timeout=30) as response:
        text = response.read().decode()
    found, path = [], None
    for line in text.splitlines():  # the document's layout: paths at 2 spaces, methods at 4
        if re.match(r"^  /\S*:$", line):
            path = line.strip()[:-1]
        elif path and re.match(r"^      operationId: ", line):
            operation_id = line.split(":", 1)[1].strip()
            if SENSITIVE.search(path) or SENSITIVE.search(operation_id):
                if path != "/api/v1/auth/token":  # issues tokens, never revokes one
                    found.append(operation_id)
        elif re.match(r"^\S", line) and not line.startswith("paths:"):
            path = None
    return found


def spare_admin_token(base, token):
    """A second administrator, created for the sensitive operations: what they do to it spares `admin`."""
    username, password = "schemathesis-spare", "Spare-" + secrets.token_urlsafe(18) + "-9a"
    request(base, "POST", "/api/v1/users", token,
            {"username": username, "password": password, "displayName": "Schemathesis spare", "role": "admin"})
    return request(base, "POST", "/api/v1/auth/token", body={"username": username, "password": password})["token"]


def write_config(path, real_ids, tokens, sensitive):
    """schemathesis.toml: the bearer tokens, and each ID path parameter and ID field of a body bound
    to a dictionary of the demo's real IDs, part of the time."""
    lines = [f'headers = {{ Authorization = "Bearer {tokens["admin"]}" }}', "", "[cache]", "enabled = false", ""]
    for name, values in sorted(real_ids.items()):
        lines.append(f"[dictionaries.{name}]")
        lines.append("values = [" + ", ".join(json.dumps(v) for v in values) + "]")
    lines += ["", "[parameters]"]
    for name in sorted(real_ids):
        lines.append(f'"path.{name}" = {{ dictionary = "{name}", probability = {REAL_ID_PROBABILITY} }}')
    for field, name in BODY_IDS.items():
        if name in real_ids:
            lines.append(f'"body.{field}" = {{ dictionary = "{name}", probability = {REAL_ID_PROBABILITY} }}')
    lines += [
        "",
        # Only an officer of a member unit checked in present votes (admins never do, by design: 403),
        # and each user marks only their own notifications.
        "[[operations]]",
        'include-operation-id = ["castVote", "markNotificationRead"]',
        f'headers = {{ Authorization = "Bearer {tokens["voter"]}" }}',
        "",
        # A .pdf of a generated document answers its documented 503 when LibreOffice is missing, fails
        # or times out (docs/operations.md). That is the one 5xx allowed, and only on these two.
        "[[operations]]",
        'include-operation-id = ["downloadDocument", "downloadCountMinutes"]',
        "[operations.checks.not_a_server_error]",
        'expected-statuses = ["2xx", "3xx", "4xx", "503"]',
    ]
    if sensitive:
        lines += [
            "",
            "[[operations]]",
            "include-operation-id = [" + ", ".join(json.dumps(o) for o in sensitive) + "]",
            f'headers = {{ Authorization = "Bearer {tokens["spare"]}" }}',
        ]
    Path(path).write_text("\n".join(lines) + "\n")


def token_works(base, token):
    try:
        request(base, "GET", "/api/v1/notifications", token)
        return True
    except (urllib.error.URLError, ValueError):
        return False


def main():
    exe = ensure_schemathesis()
    binary = Path(os.environ.get("THIDUA_BIN", ".build/debug/thidua"))
    if not binary.is_absolute():
        binary = REPO / binary
    if not binary.exists():
        log(f"no server binary at {binary}: build it first (swift build)")
        return 2
    max_examples = os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "25")
    seed = os.environ.get("SCHEMATHESIS_SEED", "20231219")
    workers = os.environ.get("SCHEMATHESIS_WORKERS", "1")

    work = Path(tempfile.mkdtemp(prefix="thidua-schemathesis-"))
    keep = os.environ.get("SCHEMATHESIS_REPORT_DIR")
    report_dir = Path(keep) if keep else work / "report"
    server_log = work / "server.log"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = dict(os.environ, THIDUA_DATA_DIR=str(work / "data"), THIDUA_BCRYPT_COST="4")
    for name in ("DATABASE_URL", "THIDUA_SMTP_URL", "THIDUA_METRICS_TOKEN"):
        env.pop(name, None)  # its own SQLite folder; mail stays in the outbox; /metrics open (its default)
    (work / "data").mkdir()
    started = time.monotonic()
    cmd = [str(binary), "demo", "--hostname", "127.0.0.1", "--port", str(port)]
    log("starting:", " ".join(cmd))
    with open(server_log, "wb") as out:
        # cwd is the repository, so the server finds Resources/, Public/ and docs/openapi.yaml.
        server = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    rc = 2
    try:
        wait_healthy(server, base, server_log)
        log(f"server ready on {base} after {time.monotonic() - started:.1f} s")

        def sign_in(username):
            return request(base, "POST", "/api/v1/auth/token", body={"username": username, "password": "demo123"})["token"]

        tokens = {"admin": sign_in("admin"), "voter": sign_in("vanphong")}
        sensitive = sensitive_operations(base)
        if sensitive:
            log("with a spare administrator's token:", ", ".join(sensitive))
            tokens["spare"] = spare_admin_token(base, tokens["admin"])
        fixtures(base, tokens["admin"])
        real_ids = harvest(base, tokens["admin"], tokens["voter"])
        log("real IDs:", ", ".join(f"{k}={len(v)}" for k, v in sorted(real_ids.items())) or "none")
        config = work / "schemathesis.toml"
        write_config(config, real_ids, tokens, sensitive)
        cmd = [
            exe, "--config-file", str(config), "run", f"{base}/api/v1/openapi.yaml",
            "--checks", ",".join(CHECKS),
            "--max-examples", max_examples,
            "--seed", seed,
            "--workers", workers,
            "--generation-database", "none",
            "--request-timeout", "60",
            "--suppress-health-check", "all",
            "--report", "junit,ndjson", "--report-dir", str(report_dir),
            "--no-color",
        ] + shlex.split(os.environ.get("SCHEMATHESIS_EXTRA", ""))
        log("running:", " ".join(cmd))
        t0 = time.monotonic()
        # The tokens are only in the config file, which is deleted afterwards, and die with the server.
        # schemathesis filters the Authorization header out of what it prints.
        rc = subprocess.run(cmd, cwd=work).returncode
        log(f"schemathesis: exit code {rc} after {time.monotonic() - t0:.1f} s; "
            f"whole run {time.monotonic() - started:.1f} s")
        if server.poll() is not None:
            log(f"FAIL: the server stopped during the run (exit code {server.returncode})")
            rc = rc or 1
        else:
            dead = [name for name in ("admin", "voter") if not token_works(base, tokens[name])]
            if dead:
                log(f"FAIL: the {' and '.join(dead)} token no longer works after the run, so later cases "
                    "may have passed on 401s alone. Find the operation that revoked it and add it to SENSITIVE.")
                rc = rc or 1
        if rc != 0:
            errors = [line for line in server_log.read_text(errors="replace").splitlines()
                      if "[ ERROR ]" in line or "[ CRITICAL ]" in line]
            if errors:
                log("server error lines:")
                print("\n".join(errors[-40:]), flush=True)
        return rc if rc in (0, 1, 2) else 1
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if keep:
            report_dir.mkdir(parents=True, exist_ok=True)
            shutil.copy(server_log, report_dir / "server.log")
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
