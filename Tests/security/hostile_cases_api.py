"""The JSON API, accounts and web cases of hostile.py: sign-in limits, redirects, passwords, dates, ballots,
names, JSON bodies, route parameters, roles and CSRF."""

import concurrent.futures
import unicodedata

from hostile_lib import check, csrf_from, expect, file_part, form, multipart, pdf
import hostile_cases as files
from hostile_cases import MP, R

MILESTONES = "/api/v1/cycles/{cycle}/milestones"



def user_case(name, status, username, display, role):
    """An account the administrator tries to create; the password qualifies, so only the named field is at fault."""
    return R(name, "POST", "/api/v1/users", status, who="admin", json_body={
        "username": username, "password": "sông Hồng chảy qua Lào Cai", "displayName": display, "role": role})

def tag(text):
    """A short code unique to `text` in this run: str hashes are salted per process, so a rerun against the same
    server gets other codes and names (no 409 from the first run's records)."""
    return str(abs(hash(text)) % 10**6)

UNITS = "/api/v1/units"


# ---- 3, 4: the sign-in limit ---------------------------------------------------------------------------

def parallel_wrong_passwords(ctx):
    """19 wrong passwords at once: the count must not race, so some are refused with 429."""
    source = ctx.src(4)
    with concurrent.futures.ThreadPoolExecutor(19) as pool:
        answers = list(pool.map(lambda _: ctx.token_for(ctx.ids["rl1"], "sai-mat-khau-roi", source), range(19)))
    for response in answers:
        expect(response, (401, 429))
    limited = [r for r in answers if r.status == 429]
    check(limited, f"none of 19 parallel wrong passwords got 429: {sorted(r.status for r in answers)}")
    check(all(r.header("retry-after") for r in limited), "a 429 without Retry-After")


def other_address_still_signs_in(ctx):
    """5 wrong passwords from one address must not lock the account for its owner at another address."""
    attacker, owner = ctx.src(5), ctx.src(6)
    for _ in range(5):
        expect(ctx.token_for(ctx.ids["rl2"], "doan-bua-mat-khau", attacker), (401, 429))
    expect(ctx.token_for(ctx.ids["rl2"], ctx.passphrase, owner), 200)


def attacker_address_stays_limited(ctx):
    expect(ctx.token_for(ctx.ids["rl2"], ctx.passphrase, ctx.src(5)), 429)


# ---- 5: open redirect after sign-in ---------------------------------------------------------------------

def redirect_case(target):
    def case(ctx):
        response, _ = ctx.web_login("admin", "demo123", target, source=ctx.src(7) if ctx.aliases else None)
        check(response.status in (302, 303), f"sign-in did not redirect: {response.brief()}")
        location = response.header("location")
        # Browsers drop tabs and newlines and read "\" as "/" in a URL: judge the Location as they will.
        seen = location.replace("\t", "").replace("\n", "").replace("\r", "").strip().replace("\\", "/")
        base = f"http://{ctx.c.host}:{ctx.c.port}"
        check((seen.startswith("/") and not seen.startswith("//")) or seen.startswith(base + "/"),
              f"redirects off-site: Location {location!r}")
    return f"5 redirect: next={target!r} stays on the site", case


# ---- 6: passwords ---------------------------------------------------------------------------------------

def new_user(ctx, name, password):
    return ctx.api("admin", "POST", "/api/v1/users", json_body={
        "username": f"hostile.{name}.{ctx.suffix}", "password": password, "displayName": "Thử mật khẩu",
        "role": "reviewer"})


def password_refused(label, password):
    def case(ctx):
        expect(new_user(ctx, "pw" + tag(password), password), 422)
    return f"6 password refused: {label}", case


def long_password(ctx):
    """Over 72 bytes: refused (422), or accepted only if the bytes after the 72nd still count (bcrypt cuts there)."""
    password = "Núi Fansipan cao 3143 mét, mây trắng phủ kín đỉnh núi vào mùa đông lạnh giá"
    check(len(password.encode()) > 72, "test password too short")
    response = expect(new_user(ctx, "long", password), (201, 422))
    if response.status == 201:
        cut = password.encode()[:72].decode("utf-8", "ignore") + "xxxxxxxx"
        check(ctx.token_for(f"hostile.long.{ctx.suffix}", cut, ctx.src(9) if ctx.aliases else None).status != 200,
              "accepted over 72 bytes, and a password sharing only the first 72 bytes signs in")


def weak_password_change(ctx):
    """The web form must refuse `12345678` as a new password: afterwards the old one still signs in."""
    source = ctx.src(8) if ctx.aliases else None
    response, cookie = ctx.web_login(ctx.ids["pwchange"], ctx.passphrase, source=source)
    check(response.status in (302, 303), f"sign-in failed: {response.brief()}")
    page = ctx.c.call("GET", "/account/password", cookie=cookie, source=source)
    csrf = csrf_from(page)
    check(csrf, f"no CSRF token on the password page: {page.brief()}")
    response = ctx.c.call("POST", "/account/password", cookie=cookie, source=source,
                          ctype="application/x-www-form-urlencoded",
                          body=form({"csrfToken": csrf, "currentPassword": ctx.passphrase,
                                     "newPassword": "12345678", "confirmPassword": "12345678"}))
    expect(response, (302, 303, 422), web=True)
    expect(ctx.token_for(ctx.ids["pwchange"], ctx.passphrase, source), 200)


def password_cases():
    return [password_refused("8 spaces", " " * 8), password_refused("15 spaces", " " * 15),
            password_refused("'password'", "password"), password_refused("'12345678'", "12345678"),
            password_refused("14 characters", "Xk9#mQ2$vL7!pR"),
            password_refused("a common one made long", "password12345678"),
            ("6 password over 72 bytes: refused, or not cut at 72 bytes", long_password),
            ("6 password accepted: 15+ character passphrase",
             lambda ctx: expect(new_user(ctx, "good", "sông Hồng chảy qua Lào Cai mùa lũ"), 201)),
            ("6 web: changing the password to '12345678' is refused", weak_password_change)]


# ---- 7: dates -------------------------------------------------------------------------------------------

def milestone(name, due, statuses=422, **extra):
    body = {"code": "H" + tag(name), "title": "Mốc thử nghiệm", **extra}
    if due is not None:
        body["dueAt"] = due
    return R(name, "POST", MILESTONES, statuses, who="noichinh", json_body=body)


def instant_written_in_local_time(ctx, response):
    check(response.json()["dueAt"] == "2023-12-10T08:00:00+07:00", f"dueAt written as {response.json()['dueAt']}")


def date_cases():
    return [milestone("7 milestone dueAt 0017-10-26", "0017-10-26"),
            milestone("7 milestone dueAt in 2101", "2101-01-01"),
            milestone("7 milestone dueAt in 1999", "1999-12-31"),
            milestone("date: 2023-02-30", "2023-02-30"),
            milestone("date: hour 25", "2023-12-05T25:00:00+07:00"),
            milestone("date: offset +99:00", "2023-12-05T08:00:00+99:00"),
            milestone("date: 10 KB dueAt", "2023-12-05" + "9" * 10000),
            milestone("date: offsetDays Int64.max", None, relativeTo="CONFERENCE", offsetDays=9223372036854775807,
                      dayKind="working"),
            milestone("date: offsetDays Int64.min", None, relativeTo="CONFERENCE", offsetDays=-9223372036854775808,
                      dayKind="calendar"),
            milestone("date: offsetDays above Int64", None, (400, 422), relativeTo="CONFERENCE",
                      offsetDays=2 ** 70, dayKind="calendar"),
            milestone("date: unknown dayKind", None, (400, 422), relativeTo="CONFERENCE", offsetDays=1, dayKind="lunar"),
            milestone("date: relative to itself", None, relativeTo="H" + tag("date: relative to itself"), offsetDays=1,
                      dayKind="calendar"),
            R("7 milestone in Z is written back in +07:00 (control)", "POST", MILESTONES, 201, who="noichinh",
              json_body={"code": "HZ{suffix}", "title": "Mốc giờ Z", "dueAt": "2023-12-10T01:00:00Z"},
              then=instant_written_in_local_time)]


# ---- 8 and ballots --------------------------------------------------------------------------------------

def paper(name, body, statuses=422):
    return R(name, "POST", "/api/v1/ballots/{paper}/paper-count", statuses, who="noichinh", json_body=body)


def vote(name, who, choices, statuses, ballot="{flag}"):
    def case(ctx):
        picked = ctx.flag_vote if choices == "valid" else [c.format(**ctx.ids) for c in choices]
        expect(ctx.api(who, "POST", f"/api/v1/ballots/{ballot}/votes", json_body={"choices": picked}), statuses)
    return name, case


def racing_votes(ctx):
    """Five votes of one unit at once: exactly one is stored."""
    with concurrent.futures.ThreadPoolExecutor(5) as pool:
        answers = list(pool.map(lambda _: ctx.api("baolaocai", "POST", "/api/v1/ballots/{flag}/votes",
                                                  json_body={"choices": ctx.flag_vote}), range(5)))
    for response in answers:
        expect(response, (201, 409))
    check(sum(r.status == 201 for r in answers) == 1, f"votes stored: {[r.status for r in answers]}")


MAX = 9223372036854775807


def ballot_cases():
    return [
        paper("8 paper count issued = cast = Int64.max", {"issued": MAX, "cast": MAX, "invalid": 0, "counts": []}),
        paper("8 paper count issued 9 with 3 units present", {"issued": 9, "cast": 9, "invalid": 0,
                                                               "counts": [{"unitID": "yes", "votes": 5}]}),
        paper("paper count votes Int64.max", {"issued": 3, "cast": 3, "invalid": 0,
                                              "counts": [{"unitID": "yes", "votes": MAX}]}),
        paper("paper count rows adding past Int64", {"issued": 3, "cast": 3, "invalid": 0,
                                                     "counts": [{"unitID": "yes", "votes": MAX}] * 2}),
        paper("paper count negative invalid", {"issued": 3, "cast": 3, "invalid": -1, "counts": []}),
        paper("paper count unknown candidate", {"issued": 3, "cast": 3, "invalid": 0,
                                                "counts": [{"unitID": "maybe", "votes": 1}]}),
        paper("paper count issued above Int64", {"issued": 2 ** 64, "cast": 1, "invalid": 0, "counts": []}, 400),
        paper("paper count as strings", {"issued": "3", "cast": "3", "invalid": "0", "counts": []}, 400),
        R("paper count by an officer of a member unit", "POST", "/api/v1/ballots/{paper}/paper-count", 403,
          who="vanphong", json_body={"issued": 3, "cast": 3, "invalid": 0, "counts": []}),
        paper("paper count that adds up is stored (control)", {"issued": 3, "cast": 3, "invalid": 0,
                                                               "counts": [{"unitID": "yes", "votes": 2},
                                                                          {"unitID": "no", "votes": 1}]}, 200),
        paper("paper count again without a correction reason", {"issued": 3, "cast": 3, "invalid": 0,
                                                                 "counts": []}, (409, 422)),
        R("paper count on an electronic round", "POST", "/api/v1/ballots/{flag}/paper-count", 409, who="noichinh",
          json_body={"issued": 3, "cast": 3, "invalid": 0, "counts": []}),
        vote("vote: unknown candidate", "noichinh", ["not-a-candidate"], 422),
        vote("vote: the same candidate twice", "noichinh", ["yes", "yes"], 422),
        vote("vote: 5000 choices", "noichinh", ["yes", "no"] * 2500, 422),
        vote("vote: NUL in a choice", "noichinh", ["\x00"], 422),
        R("vote: choices of the wrong type", "POST", "/api/v1/ballots/{flag}/votes", 400, who="noichinh",
          json_body={"choices": "yes"}),
        vote("vote: by an admin (not a voter)", "admin", "valid", 403),
        vote("vote: by a reviewer", "bantdkt", "valid", 403),
        vote("vote: by an officer of a unit not present", "voter", "valid", 403),
        vote("vote: valid vote is stored (control)", "vanphong", "valid", 201),
        vote("vote: cast twice", "vanphong", "valid", 409),
        ("vote: five at once from one unit, one stored", racing_votes),
        vote("vote: on a paper round", "vanphong", ["yes"], 409, ballot="{paper}"),
        vote("vote: on an unknown round", "vanphong", ["yes"], 404, ballot="{random}"),
        R("ballot: close by an officer of a member unit", "POST", "/api/v1/ballots/{flag}/close", 403, who="vanphong"),
        R("ballot: close (control)", "POST", "/api/v1/ballots/{flag}/close", 200, who="noichinh"),
        vote("vote: on a closed round", "noichinh", "valid", 409),
        R("ballot: open a closed round", "POST", "/api/v1/ballots/{flag}/open", 409, who="noichinh"),
        R("ballot: quota Int64.max", "POST", "/api/v1/cycles/{cycle}/ballots", 422, who="noichinh",
          json_body={"kind": "head", "quota": MAX}),
        R("ballot: maxChoices -1", "POST", "/api/v1/cycles/{cycle}/ballots", 422, who="noichinh",
          json_body={"kind": "head", "maxChoices": -1}),
        R("ballot: quota 1e999", "POST", "/api/v1/cycles/{cycle}/ballots", (400, 422), who="noichinh",
          body=b'{"kind":"head","quota":1e999}', ctype="application/json"),
        # An unknown enum value is malformed input: 400, naming the choices (docs/openapi.yaml, 400 vs 422).
        R("ballot: unknown kind", "POST", "/api/v1/cycles/{cycle}/ballots", 400, who="noichinh",
          json_body={"kind": "president"}),
        R("ballot: unknown mode", "POST", "/api/v1/cycles/{cycle}/ballots", 400, who="noichinh",
          json_body={"kind": "head", "mode": "carrier-pigeon"}),
        R("ballot: candidates that are not units", "POST", "/api/v1/cycles/{cycle}/ballots", (400, 422),
          who="noichinh", json_body={"kind": "head", "candidateUnitIDs": ["../../x", "{random}"]}),
        R("ballot: created by a member unit's officer", "POST", "/api/v1/cycles/{cycle}/ballots", 403, who="vanphong",
          json_body={"kind": "motion"}),
        R("ballot: count minutes with traversal", "GET", "/api/v1/ballots/{flag}/..%2F..%2Fthidua.sqlite", (403, 404),
          who="admin"),
    ]


# ---- 11: names --------------------------------------------------------------------------------------------

NFD = unicodedata.normalize("NFD", "Báo Lào Cai")


def unit(name, value, statuses=422):
    return R(f"11 unit name {name}", "POST", UNITS, statuses, who="admin",
             json_body={"name": value, "shortName": "H" + tag(name)})


def name_cases():
    return [unit("with NUL", "Sở Tư\x00pháp"), unit("zero-width only", "\u200b"),
            unit("zero-width joiners only", "\u200b\u200c\u200d\u2060\ufeff"),
            unit("with bidi override", "\u202eiaC oàL oáB"), unit("empty after trim", " \t\n "),
            unit("exact duplicate", "Báo Lào Cai", (409, 422)), unit("duplicate in NFD", NFD, (409, 422)),
            unit("duplicate with spaces around", "  Báo Lào Cai  ", (409, 422)),
            unit("of 301 characters", "ạ" * 301), unit("of one letter with 5000 combining marks", "a" + "\u0301" * 5000),
            R("11 unit name with a lone surrogate", "POST", UNITS, (400, 422), who="admin", ctype=JSON,
              body=b'{"name": "\\ud800", "shortName": "HSUR"}'),
            R("11 unit shortName with NUL", "POST", UNITS, 422, who="admin", json_body={"name": "Sở Thử", "shortName": "A\x00"}),
            R("11 unit rename to bidi override", "PATCH", "/api/v1/units/{test_unit}", 422, who="admin",
              json_body={"name": "\u202eabc"}),
            R("11 unit rename to an existing name in NFD", "PATCH", "/api/v1/units/{test_unit}", (409, 422), who="admin",
              json_body={"name": NFD}),
            R("11 bloc name with NUL", "POST", "/api/v1/blocs", 422, who="admin",
              json_body={"name": "Khối\x00Thử", "issuer": "Tỉnh ủy"}),
            R("11 bloc name zero-width only", "POST", "/api/v1/blocs", 422, who="admin",
              json_body={"name": "\u200b\u200b", "issuer": "Tỉnh ủy"}),
            R("11 bloc name with bidi override", "POST", "/api/v1/blocs", 422, who="admin",
              json_body={"name": "Khối \u202eThử", "issuer": "Tỉnh ủy"}),
            R("11 bloc name duplicate in NFD", "POST", "/api/v1/blocs", (409, 422), who="admin",
              json_body={"name": unicodedata.normalize("NFD", "Khối Thi đua các cơ quan Tỉnh ủy"), "issuer": "X"}),
            *(user_case(name, status, username, display, role) for name, status, username, display, role in [
                ("11 user displayName with NUL", 422, "hostile.n1", "A\x00B", "reviewer"),
                ("11 user displayName zero-width only", 422, "hostile.n2", "\u200b", "reviewer"),
                ("11 user displayName with bidi override", 422, "hostile.n3", "\u202eabc", "reviewer"),
                ("user: unknown role", 400, "hostile.n4", "X", "superadmin"),
                ("user: username with ../", 422, "../admin", "X", "reviewer"),
            ])]


# ---- JSON bodies, route parameters, roles, web ------------------------------------------------------------

JSON = "application/json"


def json_cases():
    post = lambda name, body, statuses=400, ctype=JSON: R(f"json: {name}", "POST", UNITS, statuses,  # noqa
                                                          who="admin", body=body, ctype=ctype)
    return [post("cut short", b'{"name": "S\xe1'), post("an array", b"[]"), post("null", b"null"),
            post("empty body", b"", (400, 422)), post("wrong types", b'{"name": 5, "shortName": true}'),
            post("missing field", '{"name": "Sở Thử"}'.encode()), post("invalid UTF-8", b'{"name": "\xff\xfe", "shortName": "X"}'),
            post("trailing garbage", b'{"name": "A", "shortName": "B"} xyz'),
            post("100 000 nested arrays", b"[" * 100_000 + b"]" * 100_000),
            post("50 000 nested objects", b'{"a":' * 50_000 + b"1" + b"}" * 50_000),
            post("number 1e999999", b'{"name": 1e999999, "shortName": "X"}'),
            post("2 MB body", b'{"name": "' + b"a" * (2 << 20) + b'", "shortName": "X"}', 413),
            post("text/plain body", b"name=x", 415, "text/plain"), post("XML body", b"<unit/>", 415, "application/xml"),
            post("JSON in a form content type", b'{"name":"x"}', (400, 415), "application/x-www-form-urlencoded"),
            R("json: rule set nested 100 000 deep", "POST", "/api/v1/rule-sets", (400, 422), who="admin",
              body=b"[" * 100_000 + b"]" * 100_000, ctype=JSON),
            R("json: plan data of 100 000 nested arrays", "PUT", "/api/v1/cycles/{cycle}/plan-data", (400, 422),
              who="noichinh", body=b'{"x":' + b"[" * 100_000 + b"]" * 100_000 + b"}", ctype=JSON),
            score("points 1e308", 1e308, (400, 422)), score("points -1", -1),
            score("points of 400 digits", "1" + "0" * 400, (400, 422)),
            score("points NaN", "NaN", (400, 422)), score("points as a string", '"5"', 400),
            score("an unknown code", "1", code="KHONG.CO"),
            R("json: unknown house style", "POST", "/api/v1/blocs", 400, who="admin",
              json_body={"name": "Khối thử", "issuer": "Tỉnh ủy", "houseStyle": "royal"})]


def score(name, points, statuses=422, code="{leaf}"):
    """A self-score whose number is hostile: exact decimals on the server must not trap or overflow."""
    def case(ctx):
        body = '{"scores": [{"code": "%s", "points": %s}]}' % (code.format(**ctx.ids), points)
        expect(ctx.api("vanphong", "PUT", "/api/v1/cycles/{cycle}/units/{own_unit}/self-assessment",
                       body=body.encode(), ctype=JSON), statuses)
    return f"json: self-score {name}", case


def route_cases():
    api = lambda name, path, statuses=404, who="admin", method="GET": R(f"route: {name}", method, path,  # noqa
                                                                        statuses, who=who)
    # "../" is refused before routing (403, by the static-file middleware) or after (404): both are safe.
    walk = (400, 403, 404)
    return [api("cycle ID not a UUID", "/api/v1/cycles/not-a-uuid"),
            api("cycle ID with encoded traversal", "/api/v1/cycles/..%2F..%2F..%2Fetc%2Fpasswd", walk),
            api("cycle ID with NUL", "/api/v1/cycles/%00"), api("invalid percent-encoding", "/api/v1/cycles/%ZZ%C3%28"),
            api("unknown submission file", "/api/v1/submissions/{random}/file"),
            api("submission file with traversal", "/api/v1/submissions/..%2F..%2Fthidua.sqlite/file", walk),
            api("document with traversal", "/api/v1/cycles/{cycle}/documents/..%2F..%2Fthidua.sqlite", walk),
            api("document of unknown kind", "/api/v1/cycles/{cycle}/documents/plan.exe"),
            api("document record not a UUID", "/api/v1/documents/..%2Fthidua.sqlite", walk),
            api("template with traversal", "/api/v1/templates/..%2F..%2Fetc%2Fpasswd", walk),
            api("evidence with traversal", "/api/v1/evidence/..%2F..%2Fthidua.sqlite/file", walk),
            api("unknown API route", "/api/v1/nothing-here"),
            api("wrong method on units", "/api/v1/units", (404, 405), method="PUT"),
            api("10 KB path parameter", "/api/v1/cycles/" + "a" * 10_000, (404, 414)),
            R("route: anonymous path segment of 256 characters", "GET", "/" + "a" * 256, (404, 414), web=True),
            R("route: anonymous path segment of 256 characters under /api", "GET", "/api/" + "a" * 256, (404, 414)),
            R("route: calendar token with traversal", "GET", "/calendar/..%2F..%2Fthidua.sqlite", walk, web=True),
            R("route: unknown calendar, JSON asked", "GET", "/calendar/khong-dung.ics", 404,
              headers={"Accept": "application/json"}),
            R("route: static files with traversal", "GET", "/css/..%2F..%2F..%2Fetc%2Fpasswd", (400, 403, 404),
              web=True, then=lambda ctx, r: check(b"root:" not in r.body, "served /etc/passwd")),
            R("route: raw ../ in the path", "GET", "/../../../etc/passwd", walk, bare=True,
              then=lambda ctx, r: check(b"root:" not in r.body, "served /etc/passwd")),
            R("route: unknown web page", "GET", "/nothing-here", 404, web=True, cookie="admin"),
            R("route: web cycle ID not a UUID", "GET", "/cycles/not-a-uuid", 404, web=True, cookie="admin"),
            R("route: web unknown submission", "GET", "/submissions/{random}", 404, web=True, cookie="admin")]


def auth_cases():
    a = lambda name, method, path, statuses, who=None, **kw: R(f"auth: {name}", method, path, statuses,  # noqa
                                                                who=who, **kw)
    return [a("no token", "GET", UNITS, 401), a("unknown token", "GET", UNITS, 401, headers={"Authorization": "Bearer x"}),
            a("empty bearer", "GET", UNITS, 401, headers={"Authorization": "Bearer "}),
            a("basic credentials", "GET", UNITS, 401, headers={"Authorization": "Basic YWRtaW46ZGVtbzEyMw=="}),
            a("web session cookie on the API", "GET", UNITS, 401, cookie="admin"),
            a("token request with wrong types", "POST", "/api/v1/auth/token", 400, json_body={"username": 1, "password": []}),
            a("officer creates a unit", "POST", UNITS, 403, who="vanphong", json_body={"name": "X", "shortName": "X"}),
            a("officer lists users", "GET", "/api/v1/users", 403, who="vanphong"),
            a("officer creates a user", "POST", "/api/v1/users", 403, who="vanphong", json_body={
                "username": "x", "password": "sông Hồng chảy qua Lào Cai", "displayName": "X", "role": "admin"}),
            a("reviewer adds a milestone", "POST", MILESTONES, 403, who="bantdkt",
              json_body={"code": "X", "title": "X", "dueAt": "2023-12-01"}),
            a("member officer adds a milestone", "POST", MILESTONES, 403, who="vanphong",
              json_body={"code": "X", "title": "X", "dueAt": "2023-12-01"}),
            a("officer reads the dashboard", "GET", "/api/v1/cycles/{cycle}/submission-status", 403, who="vanphong"),
            a("officer reads another unit's self-assessment", "GET",
              "/api/v1/cycles/{cycle}/units/{other_unit}/self-assessment", 403, who="vanphong"),
            a("officer reads the outbox", "GET", "/api/v1/outbox", 403, who="vanphong"),
            a("officer downloads the cycle's ZIP", "GET", "/api/v1/cycles/{cycle}/bundle.zip", 403, who="vanphong"),
            a("another unit reads a submission file", "GET", "/api/v1/submissions/{sub}/file", 403, who="voter"),
            a("reviewer checks a unit in", "POST", "/api/v1/cycles/{cycle}/conference/attendance", 403, who="bantdkt",
              json_body={"unitID": "{random}", "present": True}),
            R("web: reviewer opens the users page", "GET", "/users", 403, web=True, cookie="bantdkt"),
            R("web: anonymous page redirects to sign-in", "GET", "/blocs", (302, 303),
              then=lambda ctx, r: check(r.header("location").startswith("/login"), "not sent to /login"))]


def csrf_cases():
    post = lambda name, path, body=b"name=x", cookie="admin", **kw: R(  # noqa
        f"csrf: {name}", "POST", path, 403, web=True, cookie=cookie, body=body,
        ctype=kw.pop("ctype", "application/x-www-form-urlencoded"), **kw)
    return [post("create a bloc without token", "/blocs", b"name=X&issuer=Y"),
            post("create a bloc with a wrong token", "/blocs", b"csrfToken=forged&name=X&issuer=Y"),
            post("create a unit without token", "/units", b"name=X&shortName=Y"),
            post("create a user without token", "/users", b"username=x&password=y&role=admin"),
            post("sign out without token", "/logout", b""),
            post("anonymous sign-in without a session", "/login", b"username=admin&password=demo123", cookie=None),
            post("upload without token", "/requirements/{bctk}/upload", multipart([file_part(b"a.pdf", pdf())]),
                 ctype=MP),
            post("token in a header of another name", "/blocs", b"name=X&issuer=Y", headers={"X-CSRF": "x"})]


def cases(ctx):
    """Every case, in order: the multipart bodies that used to stop the process come first."""
    return (files.multipart_cases() + files.upload_cases(ctx.template) + files.xlsx_cases(ctx.sheet)
        + files.docx_cases(ctx.template) + files.header_cases() + [
        ("3 rate limit: 19 parallel wrong passwords, some get 429", parallel_wrong_passwords),
        ("4 rate limit: 5 wrong from one address, right one from another signs in", other_address_still_signs_in),
        ("4 rate limit: the guessing address stays refused, even with the right password", attacker_address_stays_limited)]
        + [redirect_case(t) for t in ["/\\evil.example", "/\t/evil.example", "//evil.example", "https://evil.example",
                                      "/\\/evil.example", " //evil.example", "/%5Cevil.example"]]
        + password_cases() + date_cases() + ballot_cases() + name_cases() + json_cases() + route_cases()
        + auth_cases() + csrf_cases())
