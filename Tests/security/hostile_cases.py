"""The cases of hostile.py. A case is (name, function of the context); `R` builds the common one-request case.
Path templates use the context's IDs: {cycle}, {bctk}, {flag}, {paper}, {own_unit}, {random}, …"""

import concurrent.futures

from hostile_lib import (BILLION_LAUGHS, XXE_SHEET, NoAnswer, bomb_xlsx, check, docx, expect, file_part, lying_zip,
                         make_zip, multipart, pdf, xlsx)

MP = "multipart/form-data; boundary=B"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
BAD_HEADER = b"--B\r\n\xc3\xa9: x\r\n\r\nhi\r\n--B--\r\n"  # a part header name with bytes >= 0x80
NO_PARTS = b"--B--\r\n"
SCORING_IMPORT = "/api/v1/cycles/{cycle}/scoring-table/import"
SELF_IMPORT = "/api/v1/cycles/{cycle}/units/{own_unit}/self-assessment/import"
UPLOAD = "/api/v1/requirements/{bctk}/submissions"
EVIDENCE = "/api/v1/cycles/{cycle}/units/{own_unit}/self-assessment/evidence?code={leaf}"
TEMPLATE = "/api/v1/templates/plan"


def R(name, method, path, statuses, who=None, web=False, cookie=None, bare=False, then=None, max_seconds=None, **kw):
    """One request as `who` (an API token) or with `cookie` (a web session); the answer must be one of
    `statuses`, refusals in the house format (`bare`: a refusal by the HTTP layer, status only)."""
    def case(ctx):
        session = ctx.web.get(cookie) if cookie else None
        if "json_body" in kw:
            kw["json_body"] = fill(kw["json_body"], ctx.ids)
        response = ctx.c.call(method, path.format(**ctx.ids), token=ctx.tokens.get(who), cookie=session, **kw)
        if bare:
            check(response.status in ((statuses,) if isinstance(statuses, int) else statuses),
                  f"expected {statuses}, got {response.brief()}")
        else:
            expect(response, statuses, web=web)
        if max_seconds:
            check(response.elapsed <= max_seconds, f"took {response.elapsed:.1f} s (over {max_seconds} s)")
        if then:
            then(ctx, response)
    return name, case


def raw(name, data, statuses, may_close=False):
    """Bytes sent as they are; the HTTP layer must answer with one of `statuses` (or, for bytes that are not
    HTTP at all, `may_close`: close the connection)."""
    def case(ctx):
        try:
            response = ctx.c.raw(data.replace(b"HOST", f"{ctx.c.host}:{ctx.c.port}".encode()))
        except NoAnswer:
            if may_close:
                return
            raise
        check(response.status in statuses, f"expected {statuses}, got {response.brief()}")
    return name, case


def upload(name, filename, content, statuses, path=UPLOAD, who="vanphong", then=None, **kw):
    return R(name, "POST", path, statuses, who=who, body=multipart([file_part(filename, content)]), ctype=MP,
             then=then, **kw)


def fill(value, ids):
    """"{name}" placeholders inside a JSON body, replaced by the context's IDs."""
    if isinstance(value, str):
        for key, id_ in ids.items():
            value = value.replace("{" + key + "}", str(id_))
        return value
    if isinstance(value, list):
        return [fill(v, ids) for v in value]
    if isinstance(value, dict):
        return {k: fill(v, ids) for k, v in value.items()}
    return value


def flashed_error(ctx, response):
    """A web form refuses by redirecting back to its page, which shows the error in Vietnamese."""
    if response.status == 303:
        location = response.header("location")
        check(location.startswith("/") and not location.startswith("//"), f"redirects to {location!r}")
        page = ctx.c.call("GET", location, cookie=ctx.web["admin"])
        check('class="flash flash-error"' in page.text(), f"the page after the redirect shows no error: {page.brief()}")


# ---- 1, 2: multipart bodies that used to stop the process ----------------------------------------------

def multipart_cases():
    out = [R("1 web: part header name with byte >= 0x80 on anonymous POST /login", "POST", "/login", 400, web=True,
             body=BAD_HEADER, ctype=MP),
           R("1 web: empty boundary on POST /login", "POST", "/login", 400, web=True, body=BAD_HEADER,
             ctype="multipart/form-data; boundary="),
           R("1 web: missing boundary on POST /login", "POST", "/login", 400, web=True, body=BAD_HEADER,
             ctype="multipart/form-data"),
           R("1 web: signed-in form upload with byte >= 0x80 header name", "POST",
             "/requirements/{bctk}/upload?csrfToken={csrf_admin}", (303, 400), web=True, cookie="admin",
             body=BAD_HEADER, ctype=MP, then=flashed_error)]
    for label, path, who, method in [("scoring-table import", SCORING_IMPORT, "admin", "POST"),
                                     ("self-assessment import", SELF_IMPORT, "vanphong", "POST"),
                                     ("template upload", TEMPLATE, "admin", "PUT"),
                                     ("submission upload", UPLOAD, "vanphong", "POST"),
                                     ("evidence upload", EVIDENCE, "vanphong", "POST")]:
        out.append(R(f"1 api: byte >= 0x80 header name, {label}", method, path, 400, who=who, body=BAD_HEADER, ctype=MP))
        out.append(R(f"2 api: multipart with no parts, {label}", method, path, 400, who=who, body=NO_PARTS, ctype=MP))
    out += [R("1 api: empty boundary, scoring-table import", "POST", SCORING_IMPORT, 400, who="admin", body=BAD_HEADER,
              ctype="multipart/form-data; boundary="),
            R("1 api: empty boundary, submission upload", "POST", UPLOAD, 400, who="vanphong", body=BAD_HEADER,
              ctype="multipart/form-data; boundary="),
            R("1 api: missing boundary, template upload", "PUT", TEMPLATE, 400, who="admin", body=BAD_HEADER,
              ctype="multipart/form-data"),
            R("1 api: boundary of 200 characters, submission upload", "POST", UPLOAD, 400, who="vanphong",
              body=NO_PARTS, ctype="multipart/form-data; boundary=" + "b" * 200),
            R("multipart: header name 0xFF alone, scoring-table import", "POST", SCORING_IMPORT, 400, who="admin",
              body=b"--B\r\n\xff: x\r\n\r\nhi\r\n--B--\r\n", ctype=MP),
            R("multipart: NUL in a part header, submission upload", "POST", UPLOAD, 400, who="vanphong",
              body=b"--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\x00.pdf\"\r\n\r\nx\r\n--B--\r\n",
              ctype=MP),
            R("multipart: 20 KB part header", "POST", UPLOAD, 400, who="vanphong",
              body=multipart([(b"X-Pad: " + b"a" * 20000, b"x")]), ctype=MP),
            R("multipart: 2000 parts", "POST", UPLOAD, 400, who="vanphong",
              body=multipart([(b'Content-Disposition: form-data; name="f"', b"x")] * 2000), ctype=MP),
            R("multipart: no closing delimiter", "POST", UPLOAD, 400, who="vanphong",
              body=multipart([file_part(b"a.pdf", pdf())])[:-8], ctype=MP),
            R("multipart: no file part", "POST", UPLOAD, 400, who="vanphong",
              body=multipart([(b'Content-Disposition: form-data; name="unitID"', b"x")]), ctype=MP)]
    return out


# ---- uploads of every kind --------------------------------------------------------------------------------

def stored_name_safe(ctx, response):
    if response.status == 201:
        name = response.json().get("fileName", "")
        check("/" not in name and ".." not in name and "\u202e" not in name and "\x00" not in name,
              f"stored file name is unsafe: {name!r}")


def upload_cases(template):
    return [
        upload("upload: .exe renamed .pdf", b"bao-cao.pdf", b"MZ\x90\x00" + b"\x00" * 2000, 415),
        upload("upload: .docx content named .pdf", b"bao-cao.pdf", docx(), 415),
        upload("upload: truncated .docx", b"bao-cao.docx", template[: len(template) // 2], (415, 422)),
        upload("upload: PDF cut short", b"bao-cao.pdf", pdf()[:-30], 422),
        upload("upload: empty file", b"bao-cao.pdf", b"", 422),
        upload("upload: .xlsx to a PDF/DOCX requirement", b"bang.xlsx", xlsx(b"<worksheet/>"), 415),
        upload("upload: 3-page PDF to a 1-page requirement", b"tomtat.pdf", pdf(3), 422,
               path="/api/v1/requirements/{tomtat}/submissions"),
        upload("upload: file name with ../ traversal", b"../../../etc/passwd.pdf", pdf(), (201, 422), then=stored_name_safe),
        upload("upload: file name with right-to-left override", "\u202efdp.exe".encode(), pdf(), (201, 415, 422),
               then=stored_name_safe),
        upload("upload: file name of 10 KB", b"a" * 10000 + b".pdf", pdf(), (201, 422), then=stored_name_safe),
        R("upload: filename* with broken percent-encoding", "POST", UPLOAD, (201, 400, 422), who="vanphong", ctype=MP,
          body=multipart([(b"Content-Disposition: form-data; name=\"file\"; filename*=UTF-8''%ZZ%C3.pdf", pdf())]),
          then=stored_name_safe),
        upload("upload: unitID that is not a UUID", b"a.pdf", pdf(), 422,
               path="/api/v1/requirements/{bctk}/submissions?unitID=..%2F..%2Fx"),
        upload("upload: officer for another unit", b"a.pdf", pdf(), 403,
               path="/api/v1/requirements/{bctk}/submissions?unitID={other_unit}"),
        upload("upload: reviewer", b"a.pdf", pdf(), 403, who="bantdkt"),
        upload("upload: anonymous", b"a.pdf", pdf(), 401, who=None),
        R("upload: JSON body instead of multipart", "POST", UPLOAD, 415, who="vanphong", json_body={"file": "x"}),
        upload("upload: 6 MB to a 5 MB requirement", b"big.pdf", b"%PDF-1.4\n" + b"0" * (6 << 20), 413,
               path="/api/v1/requirements/{tomtat}/submissions"),
        ("upload: 6 MB chunked, no Content-Length, to a 5 MB requirement", chunked_oversize),
        upload("upload: ZIP bomb .xlsx to the XLSX requirement", b"bang-cham-diem.xlsx", BOMB, (201, 413, 415, 422),
               path="/api/v1/requirements/{bcd}/submissions", max_seconds=15),
        upload("upload: evidence .exe renamed .pdf", b"minh-chung.pdf", b"MZ" + b"\x00" * 500, 415, path=EVIDENCE),
        upload("upload: evidence without a criterion code", b"minh-chung.pdf", pdf(), (404, 422),
               path="/api/v1/cycles/{cycle}/units/{own_unit}/self-assessment/evidence"),
    ]


def chunked_oversize(ctx):
    body = multipart([file_part(b"big.pdf", b"%PDF-1.4\n" + b"0" * (6 << 20))])
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(body[i:i + 65536]), body[i:i + 65536]) for i in range(0, len(body), 65536))
    head = (f"POST /api/v1/requirements/{ctx.ids['tomtat']}/submissions HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
            f"Authorization: Bearer {ctx.tokens['vanphong']}\r\nContent-Type: {MP}\r\nTransfer-Encoding: chunked\r\n\r\n")
    expect(ctx.c.raw(head.encode() + chunks + b"0\r\n\r\n"), 413)


# ---- 10: XLSX imports, and .docx templates --------------------------------------------------------------

BOMB = bomb_xlsx()


def no_passwd(ctx, response):
    check("root:" not in response.text(), "the answer shows /etc/passwd")


def xlsx_cases(sheet):
    imp = lambda name, body, statuses, **kw: R(name, "POST", SCORING_IMPORT, statuses, who="admin", body=body,  # noqa
                                                ctype=XLSX, **kw)
    return [
        imp("10 xlsx: ZIP bomb (1 MB inflating to 1 GB) answers 4xx within 10 s", BOMB, (413, 422), max_seconds=10),
        imp("xlsx: random bytes", b"\x13\x37" * 5000, 422),
        imp("xlsx: empty body", b"", 422),
        imp("xlsx: old .xls (OLE) header", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000, 422),
        imp("xlsx: ZIP without a workbook", make_zip({"a.txt": b"x"}), 422),
        imp("xlsx: billion laughs in the sheet", xlsx(BILLION_LAUGHS), 422, max_seconds=10),
        imp("xlsx: external entity (XXE) in the sheet", xlsx(XXE_SHEET), 422, then=no_passwd),
        imp("xlsx: entry names with ../ traversal", xlsx(b"<worksheet/>", {"../../../../tmp/evil.xml": b"x"}), 422),
        imp("xlsx: sizes in the ZIP headers lie", lying_zip({"[Content_Types].xml": b"x" * 5000,
                                                            "xl/workbook.xml": b"y" * 5000}), 422),
        imp("xlsx: 11 MB body", b"PK\x03\x04" + b"\x00" * (11 << 20), 413),
        imp("xlsx: the server's own sheet imports (control)", sheet, 200),
        R("xlsx: self-assessment import of random bytes", "POST", SELF_IMPORT, 422, who="vanphong",
          body=b"not a workbook", ctype=XLSX),
        R("xlsx: self-assessment import for another unit", "POST",
          "/api/v1/cycles/{cycle}/units/{other_unit}/self-assessment/import", 403, who="vanphong", body=sheet, ctype=XLSX),
        R("xlsx: scoring-table import by an officer", "POST", SCORING_IMPORT, 403, who="vanphong", body=sheet, ctype=XLSX),
    ]


def docx_cases(template):
    put = lambda name, body, statuses, path=TEMPLATE, who="admin", **kw: R(  # noqa
        name, "PUT", path, statuses, who=who, body=body, ctype=DOCX, **kw)
    return [
        put("docx: not a ZIP", b"plain text, not a template", 422),
        put("docx: no word/document.xml", docx(drop=["word/document.xml"]), 422),
        put("docx: truncated template", template[: len(template) // 2], 422),
        put("docx: unknown placeholder", docx(text="{{khong.ton.tai}}"), 422),
        put("docx: unbalanced loop", docx(text="{{#steps}} chưa đóng"), 422),
        put("docx: billion laughs in document.xml", docx(body_xml=BILLION_LAUGHS), 422, max_seconds=10),
        put("docx: an .xlsx as template", xlsx(b"<worksheet/>"), 422),
        put("docx: unknown kind", template, 404, path="/api/v1/templates/evil"),
        put("docx: kind with encoded traversal", template, (403, 404), path="/api/v1/templates/..%2F..%2Fplan"),
        put("docx: unknown style", template, 400, path=TEMPLATE + "?style=evil"),  # an unknown enum value is malformed
        put("docx: officer uploads a template", template, 403, who="vanphong"),
        put("docx: the server's own template uploads (control)", template, 204),
    ]


# ---- 12: header sizes, and the HTTP layer ------------------------------------------------------------------

def header_cases():
    get = b"GET /api/v1/units HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\n"
    # Known limitation: SwiftNIO's HTTP parser (llhttp) refuses a request head over 80 KB by closing the
    # connection, before Vapor sees a request, and Vapor offers no hook to answer 431 there. These cases prove the
    # server survives; docs/operations.md tells the reverse proxy to answer 431 first.
    return [
        raw("12 http: 100 KB Authorization header: 431, or closed, and the server lives",
            get + b"Authorization: Bearer " + b"a" * 100_000 + b"\r\n\r\n", (431,), may_close=True),
        raw("12 http: 120 KB of headers in all: 431/400, or closed",
            get + b"".join(b"X-Pad-%d: %s\r\n" % (i, b"b" * 2000) for i in range(60)) + b"\r\n", (400, 431), may_close=True),
        raw("12 http: 100 KB cookie on the web: 431/400, or closed",
            b"GET /login HTTP/1.1\r\nHost: HOST\r\nConnection: close\r\nCookie: thidua_session=" + b"c" * 100_000
            + b"\r\n\r\n", (400, 431), may_close=True),
        raw("http: 100 KB request target", b"GET /api/v1/" + b"a" * 100_000 + b" HTTP/1.1\r\nHost: HOST\r\n\r\n",
            (400, 404, 414, 431), may_close=True),
        raw("http: 60 KB Authorization header (under the parser's limit) answers 401",
            get + b"Authorization: Bearer " + b"a" * 60_000 + b"\r\n\r\n", (401,)),
        raw("http: Content-Length and Transfer-Encoding together", b"POST /api/v1/units HTTP/1.1\r\nHost: HOST\r\n"
            b"Content-Length: 4\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n", (400,), may_close=True),
        raw("http: bad chunk size", b"POST /api/v1/auth/token HTTP/1.1\r\nHost: HOST\r\nTransfer-Encoding: chunked\r\n"
            b"Content-Type: application/json\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", (400,), may_close=True),
        raw("http: garbage request line", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03 hello\r\n\r\n", (400,), may_close=True),
        raw("http: header value with bytes >= 0x80", get + b"Authorization: Bearer \xff\xfe\xc3\r\n\r\n", (400, 401)),
        ("http: 50 parallel reads answer 200, or 503 with Retry-After", parallel_reads),
    ]


def parallel_reads(ctx):
    def one(_):
        return ctx.api("noichinh", "GET", "/api/v1/cycles/{cycle}/milestones")
    with concurrent.futures.ThreadPoolExecutor(50) as pool:
        for response in pool.map(one, range(50)):
            expect(response, (200, 503))
