#!/usr/bin/env python3
"""ThiĐua's hostile-input suite: runs every case of hostile_cases.py against a real `thidua demo`.

No request, signed in or not, may stop the process or get a 5xx (a 503 with Retry-After under overload
excepted); every refusal is problem+json with a Vietnamese `detail` on /api/, a Vietnamese page on the web.
After every case /healthz must answer 200; at the end, what was stored before the attack must still be there.

    python3 Tests/security/hostile.py                      # starts .build/debug/thidua demo itself
    python3 Tests/security/hostile.py --base-url http://127.0.0.1:8080   # a running demo server

One line per case (`ok`, `FAIL`, `skip`), a summary, exit code 1 on any failure.
"""

import argparse
import os
import secrets
import socket
import sys
import time

sys.dont_write_bytecode = True  # leave no __pycache__ in the repository
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import hostile_cases_api  # noqa: E402
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "sealed"))
from trustee_client import Trustees  # noqa: E402
from hostile_lib import (CaseFailure, Client, DemoServer, check, cookie_from, csrf_from, expect, file_part,  # noqa: E402
                         form, multipart, pdf)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEMO_USERS = ["admin", "bantdkt", "noichinh", "baolaocai", "vanphong"]
PASSPHRASE = "mây trắng bay qua đỉnh Fansipan"


class Skip(Exception):
    """The case cannot run against this server (the reason is printed)."""


class Context:
    """What the cases share: the client, tokens, web sessions, and the IDs of the demo's records."""

    def __init__(self, client, server):
        self.c, self.server = client, server
        self.tokens, self.web, self.ids = {}, {}, {}
        self.suffix = secrets.token_hex(3)
        self.aliases = False  # whether 127.0.0.x source addresses reach the server (to act as other clients)
        self.Skip = Skip
        self.passphrase = PASSPHRASE

    def api(self, who, method, path, **kw):
        return self.c.call(method, path.format(**self.ids), token=self.tokens.get(who), **kw)

    def src(self, n):
        if not self.aliases:
            raise Skip("the server is not on 127.0.0.1, so no other client address can be simulated")
        return f"127.0.0.{n}"

    def token_for(self, username, password, source=None):
        return self.c.call("POST", "/api/v1/auth/token", json_body={"username": username, "password": password},
                           source=source)

    def web_login(self, username, password, next_path="/blocs", source=None):
        """GET /login for a session and its CSRF token, then POST the form; returns (response, new cookie)."""
        page = self.c.call("GET", "/login", source=source)
        cookie, csrf = cookie_from(page), csrf_from(page)
        check(cookie and csrf, f"GET /login gave no session or CSRF token: {page.brief()}")
        response = self.c.call("POST", "/login", body=form({"csrfToken": csrf, "username": username,
                                                            "password": password, "next": next_path}),
                               ctype="application/x-www-form-urlencoded", cookie=cookie, source=source)
        return response, cookie_from(response) or cookie


def setup(ctx):
    """Signs in, finds the demo's records, and stores what the attack must not destroy."""
    for user in DEMO_USERS:
        response = expect(ctx.token_for(user, "demo123"), 200)
        ctx.tokens[user] = response.json()["token"]
    try:
        socket.create_connection((ctx.c.host, ctx.c.port), timeout=2, source_address=("127.0.0.2", 0)).close()
        ctx.aliases = ctx.c.host == "127.0.0.1"
    except OSError:
        ctx.aliases = False
    ids = ctx.ids
    ids["suffix"] = ctx.suffix
    users = expect(ctx.api("admin", "GET", "/api/v1/users"), 200).json()
    unit_of = {u["username"]: u.get("unitID") for u in users}
    ids.update(own_unit=unit_of["vanphong"], other_unit=unit_of["baolaocai"], head_unit=unit_of["noichinh"],
               random="3F2504E0-4F89-41D3-9A0C-0305E82C3301")
    bloc = expect(ctx.api("admin", "GET", "/api/v1/blocs"), 200).json()[0]
    cycles = expect(ctx.api("admin", "GET", f"/api/v1/blocs/{bloc['id']}/cycles"), 200).json()
    ids.update(bloc=bloc["id"], cycle=next(c["id"] for c in cycles if c["year"] == 2023))
    ctx.before = {
        "bloc": bloc,
        "units": expect(ctx.api("admin", "GET", "/api/v1/units"), 200).json(),
        "members": [m["id"] for m in expect(ctx.api("admin", "GET", "/api/v1/cycles/{cycle}"), 200).json()["members"]],
        "milestones": expect(ctx.api("admin", "GET", "/api/v1/cycles/{cycle}/milestones"), 200).json(),
    }
    requirements = expect(ctx.api("admin", "GET", "/api/v1/cycles/{cycle}/requirements"), 200).json()
    for r in requirements:
        ids[r["code"].lower().replace("-", "_")] = r["id"]
    # A file stored before the attack: it must still download with the same bytes at the end.
    ctx.pdf = pdf(1)
    stored = expect(ctx.api("vanphong", "POST", "/api/v1/requirements/{bctk}/submissions",
                            body=multipart([file_part("Báo cáo tổng kết.pdf".encode(), ctx.pdf)]),
                            ctype="multipart/form-data; boundary=B"), 201).json()
    ids["sub"] = stored["id"]
    table = expect(ctx.api("admin", "GET", "/api/v1/cycles/{cycle}/scoring-table"), 200).json()
    ids["leaf"] = _first_leaf(table["sections"])
    # Evidence needs a saved self-score first; saving one lets the evidence cases reach the upload itself.
    expect(ctx.api("vanphong", "PUT", "/api/v1/cycles/{cycle}/units/{own_unit}/self-assessment",
                   json_body={"scores": [{"code": ids["leaf"], "points": 0}]}), 200)
    ctx.template = expect(ctx.api("admin", "GET", "/api/v1/templates/plan"), 200).body
    ctx.sheet = expect(ctx.api("admin", "GET", "/api/v1/cycles/{cycle}/scoring-table.xlsx"), 200).body
    # The conference: three units present, an electronic flag round open, a paper motion in draft.
    for unit in (ids["own_unit"], ids["other_unit"], ids["head_unit"]):
        expect(ctx.api("noichinh", "POST", "/api/v1/cycles/{cycle}/conference/attendance",
                       json_body={"unitID": unit, "present": True, "representative": "Đại diện"}), 200)
    # An electronic motion rather than the flag round: closing it changes nothing else, so the suite can run
    # again on the same server.
    ids["flag"] = expect(ctx.api("noichinh", "POST", "/api/v1/cycles/{cycle}/ballots", json_body={
        "kind": "motion", "title": f"Biểu quyết thử nghiệm {ctx.suffix}"}), 201).json()["id"]
    # The round is sealed: its three key holders make the key first, as their screens would.
    Trustees(lambda who, method, path, body=None: expect(
        ctx.api(who, method, path, json_body=body) if body is not None else ctx.api(who, method, path), 200).json()
    ).ceremony(ids["flag"])
    expect(ctx.api("noichinh", "POST", "/api/v1/ballots/{flag}/open"), 200)
    ctx.flag_vote = ["yes"]
    ids["absent_unit"] = next(m for m in ctx.before["members"]
                              if m not in (ids["own_unit"], ids["other_unit"], ids["head_unit"]))
    paper = expect(ctx.api("noichinh", "POST", "/api/v1/cycles/{cycle}/ballots",
                           json_body={"kind": "motion", "mode": "paper", "title": "Biểu quyết thử nghiệm"}), 201).json()
    ids["paper"] = paper["id"]
    # Accounts of the suite's own: rate-limit targets, a password changer and an officer of an absent unit.
    for name, role, unit in [("rl1", "reviewer", None), ("rl2", "reviewer", None), ("pwchange", "reviewer", None),
                             ("voter", "officer", ids["absent_unit"])]:
        username = f"hostile.{name}.{ctx.suffix}"
        body = {"username": username, "password": PASSPHRASE, "displayName": f"Thử nghiệm {name}", "role": role}
        if unit:
            body["unitID"] = unit
        expect(ctx.api("admin", "POST", "/api/v1/users", json_body=body), 201)
        ids[name] = username
    ctx.tokens["voter"] = expect(ctx.token_for(ids["voter"], PASSPHRASE), 200).json()["token"]
    unit = expect(ctx.api("admin", "POST", "/api/v1/units", json_body={
        "name": f"Đơn vị thử nghiệm {ctx.suffix}", "shortName": f"HT{ctx.suffix}"}), 201).json()
    ids["test_unit"] = unit["id"]
    for who in ("admin", "bantdkt"):
        response, cookie = ctx.web_login(who, "demo123")
        check(response.status in (302, 303), f"web sign-in of {who} failed: {response.brief()}")
        ctx.web[who] = cookie
    ids["csrf_admin"] = csrf_from(ctx.c.call("GET", "/blocs", cookie=ctx.web["admin"])) or "none"


def _first_leaf(nodes):
    for node in nodes:
        if not node.get("children"):
            return node["code"]
        found = _first_leaf(node["children"])
        if found:
            return found
    return None


def final_checks(ctx):
    """Cases run last: the records stored before the attack are intact."""
    def bloc_kept(ctx):
        blocs = expect(ctx.api("admin", "GET", "/api/v1/blocs"), 200).json()
        check(ctx.before["bloc"] in blocs, "the demo bloc changed or is gone")

    def units_kept(ctx):
        now = {u["id"]: u for u in expect(ctx.api("admin", "GET", "/api/v1/units"), 200).json()}
        lost = [u["name"] for u in ctx.before["units"] if now.get(u["id"]) != u]
        check(not lost, f"units changed or lost: {lost}")

    def members_kept(ctx):
        members = [m["id"] for m in expect(ctx.api("admin", "GET", "/api/v1/cycles/{cycle}"), 200).json()["members"]]
        check(members == ctx.before["members"], "the 2023 cycle's members changed")

    def milestones_kept(ctx):
        now = {m["id"]: m for m in expect(ctx.api("admin", "GET", "/api/v1/cycles/{cycle}/milestones"), 200).json()}
        lost = [m["code"] for m in ctx.before["milestones"]
                if m["id"] not in now or now[m["id"]]["dueAt"] != m["dueAt"]]
        check(not lost, f"milestones moved or lost: {lost}")

    def file_kept(ctx):
        response = expect(ctx.api("vanphong", "GET", "/api/v1/submissions/{sub}/file"), 200)
        check(response.body == ctx.pdf, f"the stored PDF changed ({len(response.body)} bytes)")

    def instants(ctx):
        bad = sorted(set(ctx.c.bad_instants))
        check(not bad, f"{len(bad)} instants not in +07:00/Z, e.g. {bad[:3]}")

    return [("data: demo bloc kept", bloc_kept), ("data: units kept", units_kept),
            ("data: cycle members kept", members_kept), ("data: milestones kept", milestones_kept),
            ("data: file uploaded before the attack downloads unchanged", file_kept),
            ("every instant the API wrote uses +07:00 or Z", instants)]


def healthy(ctx):
    """None when /healthz answers 200, else why not."""
    if ctx.server and not ctx.server.alive():
        return f"the server process exited with code {ctx.server.process.returncode}"
    try:
        response = ctx.c.call("GET", "/healthz", timeout=15)
    except (OSError, CaseFailure) as error:
        return f"/healthz did not answer ({error})"
    return None if response.status == 200 else f"/healthz answered {response.status}"


def run(ctx, cases):
    counts = {"ok": 0, "FAIL": 0, "skip": 0}
    for name, case in cases:
        started = time.monotonic()
        try:
            case(ctx)
            verdict, reason = "ok", ""
        except Skip as error:
            verdict, reason = "skip", str(error)
        except CaseFailure as error:
            verdict, reason = "FAIL", str(error)
        except Exception as error:  # a bug in the case or an unexpected answer: report, don't stop
            verdict, reason = "FAIL", f"{type(error).__name__}: {error}"
        last, ctx.c.last = getattr(ctx.c, "last", None), None
        if ctx.verbose and verdict == "ok" and last is not None:
            reason = last.brief(160)
        dead = healthy(ctx)
        if dead:
            verdict, reason = "FAIL", f"KILLED THE SERVER: {dead}; {reason}".rstrip("; ")
        counts[verdict] += 1
        took = time.monotonic() - started
        print(f"{verdict:4} {name}" + (f": {reason}" if reason else "") + (f" [{took:.1f}s]" if took > 2 else ""),
              flush=True)
        if dead:
            if not ctx.server:
                print("     the server is down; stopping (run with --binary to restart it after a crash)")
                break
            try:
                ctx.server.process.wait(15)  # let the crash report finish writing
            except Exception:
                pass
            print(ctx.server.log_tail())
            ctx.server.stop()
            ctx.server.start()  # same data folder: the tokens and sessions are still valid
    return counts


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.environ.get("THIDUA_BIN", os.path.join(REPO, ".build/debug/thidua")))
    parser.add_argument("--base-url", help="target a running `thidua demo` instead of starting one")
    parser.add_argument("--verbose", action="store_true", help="show the last answer of every passing case too")
    args = parser.parse_args()
    server = None
    if not args.base_url:
        server = DemoServer(os.path.abspath(args.binary), REPO)
        server.start()
    started = time.monotonic()
    try:
        ctx = Context(Client(args.base_url or server.url), server)
        ctx.verbose = args.verbose
        try:
            setup(ctx)
        except (CaseFailure, OSError, KeyError, StopIteration, ValueError) as error:
            print(f"FAIL setup: {type(error).__name__}: {error}")
            if server:
                print(server.log_tail())
            return 1
        counts = run(ctx, hostile_cases_api.cases(ctx) + final_checks(ctx))
    finally:
        if server:
            server.stop(remove=True)
    total = sum(counts.values())
    print(f"{total} cases: {counts['ok']} ok, {counts['FAIL']} failed, {counts['skip']} skipped "
          f"in {time.monotonic() - started:.0f} s")
    return 1 if counts["FAIL"] else 0


if __name__ == "__main__":
    sys.exit(main())
