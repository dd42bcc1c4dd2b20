"""Plumbing for hostile.py: a raw HTTP client, the demo server's life cycle, the checks every case shares,
and builders for hostile multipart bodies, ZIP/XLSX/DOCX packages and PDFs. Standard library only."""

import io
import json
import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.parse
import zipfile
from dataclasses import dataclass

# A Vietnamese letter with a diacritic (or đ): every refusal's detail must hold at least one.
VIETNAMESE = re.compile("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.I)
# Any RFC 3339 instant with its offset; the offset must be +07:00 or Z (never the LMT +07:06:30).
INSTANT = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(Z|[+-]\d\d:\d\d(?::\d\d)?)")


class CaseFailure(Exception):
    """A case's expectation was not met; the message says what was seen."""


class NoAnswer(CaseFailure):
    """The server closed the connection (or timed out) without a response."""


@dataclass
class Response:
    status: int
    headers: dict  # lower-cased name -> list of values
    body: bytes
    elapsed: float = 0.0

    def header(self, name, default=""):
        values = self.headers.get(name.lower())
        return values[0] if values else default

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def text(self):
        return self.body.decode("utf-8", "replace")

    def brief(self, limit=300):
        """Status, type and the start of the body, for failure messages."""
        text = self.text().replace("\n", " ")
        if "html" in self.header("content-type"):
            found = re.search(r'class="error-detail">([^<]*)<', text)
            text = "HTML: " + (found.group(1) if found else text[:120])
        return f"{self.status} {self.header('content-type')} {text[:limit]}"


def _read_response(sock):
    """Reads one response from a socket: status line, headers, then a Content-Length, chunked or to-EOF body."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            if not data:
                raise NoAnswer("connection closed without an answer")
            raise NoAnswer(f"connection closed inside the headers: {data[:80]!r}")
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers.setdefault(name.strip().lower(), []).append(value.strip())

    def more():
        chunk = sock.recv(65536)
        if not chunk:
            raise EOFError
        return chunk

    body = rest
    try:
        if "content-length" in headers:
            length = int(headers["content-length"][0])
            while len(body) < length:
                body += more()
            body = body[:length]
        elif "chunked" in ",".join(headers.get("transfer-encoding", [])).lower():
            out, buf = b"", body
            while True:
                while b"\r\n" not in buf:
                    buf += more()
                size_line, buf = buf.split(b"\r\n", 1)
                size = int(size_line.split(b";")[0], 16)
                while len(buf) < size + 2:
                    buf += more()
                if size == 0:
                    break
                out, buf = out + buf[:size], buf[size + 2:]
            body = out
        elif status not in (204, 304) and not 100 <= status < 200:
            while True:
                body += more()
    except EOFError:
        pass
    return Response(status, headers, body)


class Client:
    """HTTP/1.1 over a fresh socket per request, so a case can send any bytes (bad headers, huge headers,
    a chosen source address on the loopback to act as another client)."""

    def __init__(self, base_url):
        parsed = urllib.parse.urlsplit(base_url)
        self.host, self.port = parsed.hostname, parsed.port or 80
        self.bad_instants = []  # (method, path, value) of every instant written with another offset

    def raw(self, data, source=None, timeout=30):
        """Sends `data` as is and reads the answer. A send cut short (the server refused early) still reads it."""
        started = time.monotonic()
        sock = socket.create_connection((self.host, self.port), timeout=timeout,
                                        source_address=(source, 0) if source else None)
        try:
            try:
                sock.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                pass
            try:
                response = _read_response(sock)
            except (ConnectionResetError, socket.timeout) as error:
                raise NoAnswer(f"no answer ({type(error).__name__})") from error
        finally:
            sock.close()
        response.elapsed = time.monotonic() - started
        self.last = response
        return response

    def call(self, method, path, body=b"", ctype=None, token=None, headers=None, cookie=None, source=None,
             json_body=None, timeout=30):
        if json_body is not None:
            body, ctype = json.dumps(json_body, ensure_ascii=False).encode(), ctype or "application/json"
        lines = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "Connection: close",
                 f"Content-Length: {len(body)}"]
        if ctype:
            lines.append(f"Content-Type: {ctype}")
        if token:
            lines.append(f"Authorization: Bearer {token}")
        if cookie:
            lines.append(f"Cookie: {cookie}")
        for name, value in (headers or {}).items():
            lines.append(f"{name}: {value}")
        data = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8") + body
        response = self.raw(data, source=source, timeout=timeout)
        if "json" in response.header("content-type"):
            for match in INSTANT.finditer(response.text()):
                if match.group(1) not in ("Z", "+07:00"):
                    self.bad_instants.append((method, path.split("?")[0], match.group(0)))
        return response


# ---- the checks every case shares -------------------------------------------------------------------------

def expect(response, statuses, web=False):
    """The status is one a user should get; an API refusal is problem+json with a Vietnamese detail, a web
    refusal a Vietnamese HTML page. A 5xx is always a failure (503 only with Retry-After, under overload)."""
    statuses = (statuses,) if isinstance(statuses, int) else tuple(statuses)
    if response.status >= 500 and not (response.status == 503 and response.header("retry-after")):
        raise CaseFailure(f"server error: {response.brief()}")
    if response.status not in statuses:
        raise CaseFailure(f"expected {'/'.join(map(str, statuses))}, got {response.brief()}")
    if response.status < 400:
        return response
    ctype = response.header("content-type")
    if web:
        if "text/html" not in ctype or not VIETNAMESE.search(response.text()):
            raise CaseFailure(f"refusal is not a Vietnamese HTML page: {response.brief()}")
        return response
    if "application/problem+json" not in ctype:
        raise CaseFailure(f"refusal is not application/problem+json: {response.brief()}")
    try:
        detail = response.json().get("detail", "")
    except ValueError:
        raise CaseFailure(f"problem body is not JSON: {response.brief()}")
    if not VIETNAMESE.search(detail or ""):
        raise CaseFailure(f"detail is not Vietnamese: {detail!r}")
    return response


def check(condition, message):
    if not condition:
        raise CaseFailure(message)


# ---- the demo server ---------------------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class DemoServer:
    """`thidua demo` on a free port and a temporary data folder; restartable on the same data after a crash."""

    def __init__(self, binary, repo):
        self.binary, self.repo = binary, repo
        self.port = free_port()
        self.data = tempfile.mkdtemp(prefix="thidua-hostile-")
        self.log_path = os.path.join(self.data, "server.log")
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=90):
        env = dict(os.environ, THIDUA_DATA_DIR=self.data, THIDUA_BCRYPT_COST="4", THIDUA_JOB_INTERVAL="3600")
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen([self.binary, "demo", "--port", str(self.port)], cwd=self.repo, env=env,
                                        stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        client, deadline = Client(self.url), time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                if client.call("GET", "/healthz", timeout=2).status == 200:
                    return
            except (OSError, CaseFailure):
                pass
            time.sleep(0.3)
        raise RuntimeError("server did not answer /healthz in time:\n" + self.log_tail())

    def alive(self):
        return self.process is not None and self.process.poll() is None

    def log_tail(self, lines=6):
        """The crash report's headline and its first frames in ThiĐua's sources, else the log's last lines."""
        try:
            with open(self.log_path, "rb") as f:
                text = f.read().decode("utf-8", "replace").strip().splitlines()
        except OSError:
            return ""
        crash = [line for line in text if "crashed" in line or "Fatal error" in line]
        frames = [line for line in text if "/Sources/ThiDua" in line][:3]
        return "\n".join("    | " + line.strip()[:220] for line in (crash[:2] + frames if crash else text[-lines:]))

    def stop(self, remove=False):
        if remove:
            self.stop()
            shutil.rmtree(self.data, ignore_errors=True)
        elif self.alive():
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# ---- hostile bodies ----------------------------------------------------------------------------------------

def multipart(parts, boundary=b"B"):
    """`parts` is a list of (raw header block, content). The body ends with the closing delimiter."""
    out = b""
    for header, content in parts:
        out += b"--" + boundary + b"\r\n" + header + b"\r\n\r\n" + content + b"\r\n"
    return out + b"--" + boundary + b"--\r\n"


def file_part(name, content, field_name=b"file"):
    header = b'Content-Disposition: form-data; name="' + field_name + b'"; filename="' + name + b'"\r\n' \
             b"Content-Type: application/octet-stream"
    return header, content


def make_zip(entries):
    """A ZIP of name -> bytes (deflated)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in entries.items():
            z.writestr(name, content)
    return buffer.getvalue()


XLSX_TYPES = (b'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
              b'content-types"><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
              b'officedocument.spreadsheetml.sheet.main+xml"/></Types>')
XLSX_WORKBOOK = (b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                 b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
                 b'<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
XLSX_RELS = (b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
             b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
             b'relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def xlsx(sheet_xml, extra=None):
    entries = {"[Content_Types].xml": XLSX_TYPES, "xl/workbook.xml": XLSX_WORKBOOK,
               "xl/_rels/workbook.xml.rels": XLSX_RELS, "xl/worksheets/sheet1.xml": sheet_xml}
    entries.update(extra or {})
    return make_zip(entries)


def bomb_xlsx(inflated=1 << 30):
    """An XLSX whose sheet inflates from about 1 MB to `inflated` bytes of spaces inside <sheetData>."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, content in [("[Content_Types].xml", XLSX_TYPES), ("xl/workbook.xml", XLSX_WORKBOOK),
                              ("xl/_rels/workbook.xml.rels", XLSX_RELS)]:
            z.writestr(name, content)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
                        b'2006/main"><sheetData>')
            block = b" " * (1 << 20)
            for _ in range(inflated >> 20):
                sheet.write(block)
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def lying_zip(entries, declared_size=10):
    """A ZIP whose local and central headers claim `declared_size` bytes for every entry, whatever it holds."""
    data = bytearray(make_zip(entries))
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset:at + offset + 4] = declared_size.to_bytes(4, "little")
            at = data.find(signature, at + 4)
    return bytes(data)


DOCX_TYPES = (b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              b'<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
              b'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
              b'</Types>')


def docx(body_xml=None, text="Kế hoạch", extra=None, drop=()):
    """A minimal .docx whose only paragraph holds `text` (or whose document.xml is `body_xml`)."""
    document = body_xml or ('<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.'
                            'openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
                            + text + "</w:t></w:r></w:p></w:body></w:document>").encode()
    entries = {"[Content_Types].xml": DOCX_TYPES, "word/document.xml": document}
    entries.update(extra or {})
    for name in drop:
        entries.pop(name, None)
    return make_zip(entries)


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lollollollollollollollollollol">'
                  + b"".join(b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                             for i in range(1, 10))
                  + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
                    b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>')

XXE_SHEET = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://'
             b'schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
             b'<t>&xxe;</t></is></c></row></sheetData></worksheet>')


def pdf(pages=1, tag=""):
    """A small, complete PDF with `pages` empty pages and a correct cross-reference table; a `tag` (a comment
    line) makes each one's SHA-256 distinct."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>"]
    objects += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    out, offsets = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + (b"%" + tag.encode() + b"\n" if tag else b""), []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{obj}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def form(fields):
    return urllib.parse.urlencode(fields).encode()


def cookie_from(response, name="thidua_session"):
    for value in response.headers.get("set-cookie", []):
        if value.startswith(name + "="):
            return value.split(";", 1)[0]
    return None


def csrf_from(response):
    found = re.search(r'name="csrfToken" value="([^"]+)"', response.text())
    return found.group(1) if found else None
