import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// A browser-like client for the in-memory tester: keeps the session cookie and reads CSRF tokens.
struct Browser {
    var app: Application
    var cookie: String?

    mutating func get(_ path: String) async throws -> TestingHTTPResponse {
        try await request(.GET, path, form: nil)
    }

    mutating func post(_ path: String, _ form: [String: String]) async throws -> TestingHTTPResponse {
        try await request(.POST, path, form: form)
    }

    mutating func request(_ method: HTTPMethod, _ path: String, form: [String: String]?) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: cookie) }
        var body: ByteBuffer?
        if let form {
            headers.contentType = .urlEncodedForm
            let encoded = form.map { key, value in
                "\(key)=\(value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")"
            }.joined(separator: "&")
            body = ByteBuffer(string: encoded)
        }
        var response: TestingHTTPResponse?
        try await app.testing().test(method, path, headers: headers, body: body) { response = $0 }
        if let set = response?.headers.first(name: .setCookie), let pair = set.split(separator: ";").first {
            cookie = String(pair)
        }
        return response!
    }

    /// A file input's form, as the page posts it: multipart, with the session cookie.
    mutating func upload(_ path: String, file: Data, named name: String, accept: String? = nil) async throws -> TestingHTTPResponse {
        let boundary = "----thidua\(UUID().uuidString.prefix(8))"
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: cookie) }
        if let accept { headers.add(name: .accept, value: accept) }
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        var body = ByteBuffer(string: "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\n"
                              + "Content-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(file)
        body.writeString("\r\n--\(boundary)--\r\n")
        var response: TestingHTTPResponse?
        try await app.testing().test(.POST, path, headers: headers, body: body) { response = $0 }
        return response!
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: #"name="csrfToken" value=""#) else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    mutating func signIn(_ username: String, password: String = Fixture.password) async throws -> TestingHTTPResponse {
        let page = try await get("/login")
        let token = try #require(Self.csrf(in: page.body.string))
        return try await post("/login", ["username": username, "password": password, "csrfToken": token, "next": "/blocs"])
    }
}

@Suite("Web pages")
struct WebTests {
    @Test("anonymous pages redirect to sign-in; forms without the CSRF token are refused")
    func signInAndCSRF() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            var browser = Browser(app: app)
            let anonymous = try await browser.get("/blocs")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers.first(name: .location) == "/login?next=/blocs")
            let login = try await browser.get("/login")
            #expect(login.body.string.contains("Đăng nhập"))
            #expect(login.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
            #expect(login.headers.first(name: "X-Content-Type-Options") == "nosniff")
            let forged = try await browser.post("/login", ["username": "admin", "password": Fixture.password])
            #expect(forged.status == .forbidden)
            #expect(forged.body.string.contains("Biểu mẫu đã hết hiệu lực"))
            let wrong = try await browser.signIn("admin", password: "sai")
            #expect(wrong.headers.first(name: .location)?.hasPrefix("/login") == true)
            #expect(try await browser.get("/login").body.string.contains("Tên đăng nhập hoặc mật khẩu không đúng."))
            let ok = try await browser.signIn("admin")
            #expect(ok.headers.first(name: .location) == "/blocs")
            let blocs = try await browser.get("/blocs")
            #expect(blocs.status == .ok)
            #expect(blocs.body.string.contains("Khối Thi đua các cơ quan Tỉnh ủy"))
        }
    }

    @Test("the cycle page shows the plan with Vietnamese due instants and what comes next")
    func cyclePage() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let admin = try await token(app, "admin")
            for body in [#"{"code":"SCORING","title":"Nộp bảng chấm điểm","dueAt":"2023-12-05"}"#,
                         #"{"code":"CONFERENCE","title":"Hội nghị tổng kết","dueAt":"2023-12-19T08:00:00+07:00"}"#,
                         #"{"code":"ORIGINALS","title":"Nộp bản chính","relativeTo":"CONFERENCE","offsetDays":3}"#] {
                #expect(try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/milestones", token: admin, json: body).status == .created)
            }
            var browser = Browser(app: app)
            _ = try await browser.signIn("officer.c")
            let html = try await browser.get("/cycles/\(f.cycleID)").body.string
            #expect(html.contains("<h1>Khối Thi đua các cơ quan Tỉnh ủy — năm thi đua 2023</h1>"))
            #expect(html.contains("23 giờ 59, thứ Ba, ngày 05 tháng 12 năm 2023"))
            #expect(html.contains("08 giờ 00, thứ Ba, ngày 19 tháng 12 năm 2023"))
            #expect(html.contains("23 giờ 59, thứ Sáu, ngày 22 tháng 12 năm 2023"))
            #expect(html.contains("Mốc tiếp theo: Hội nghị tổng kết"))
            #expect(html.contains("Đã qua hạn"))
            // A plain member sees the plan but no milestone forms.
            #expect(!html.contains("Thêm mốc thời gian"))
        }
    }

    @Test("the secretariat adds a milestone from the web; a bad one comes back with its message and values")
    func milestoneForm() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            var browser = Browser(app: app)
            _ = try await browser.signIn("officer.a")
            let page = try await browser.get("/cycles/\(f.cycleID)")
            #expect(page.body.string.contains("Thêm mốc thời gian"))
            let csrf = try #require(Browser.csrf(in: page.body.string))
            let bad = try await browser.post("/cycles/\(f.cycleID)/milestones",
                                             ["csrfToken": csrf, "code": "HN", "title": "Hội nghị tổng kết", "mode": "date", "date": ""])
            #expect(bad.status == .seeOther)
            let back = try await browser.get("/cycles/\(f.cycleID)").body.string
            #expect(back.contains("Thời hạn phải là ngày"))
            #expect(back.contains("value=\"Hội nghị tổng kết\""))
            let good = try await browser.post("/cycles/\(f.cycleID)/milestones",
                                              ["csrfToken": csrf, "code": "HN", "title": "Hội nghị tổng kết", "mode": "date",
                                               "date": "2023-12-19", "time": "08:00"])
            #expect(good.status == .seeOther)
            let saved = try await browser.get("/cycles/\(f.cycleID)").body.string
            #expect(saved.contains("08 giờ 00, thứ Ba, ngày 19 tháng 12 năm 2023"))
        }
    }

    @Test("an officer gets a Vietnamese 403 page on the accounts page, not a stack trace")
    func forbiddenPage() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            var browser = Browser(app: app)
            _ = try await browser.signIn("officer.a")
            let res = try await browser.get("/users")
            #expect(res.status == .forbidden)
            #expect(res.body.string.contains("Không có quyền"))
            let missing = try await browser.get("/cycles/\(UUID())")
            #expect(missing.status == .notFound)
            #expect(missing.body.string.contains("Không tìm thấy năm thi đua."))
        }
    }

    @Test("a user changes their own password; the old one and old API tokens stop working")
    func changePassword() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            let oldToken = try await token(app, "officer.a")
            var browser = Browser(app: app)
            _ = try await browser.signIn("officer.a")
            let page = try await browser.get("/account/password")
            let csrf = try #require(Browser.csrf(in: page.body.string))
            _ = try await browser.post("/account/password", ["csrfToken": csrf, "currentPassword": "sai-roi",
                                                             "newPassword": "mat-khau-moi-mua-dong", "confirmPassword": "mat-khau-moi-mua-dong"])
            #expect(try await browser.get("/account/password").body.string.contains("Mật khẩu hiện tại không đúng."))
            let done = try await browser.post("/account/password", ["csrfToken": csrf, "currentPassword": Fixture.password,
                                                                    "newPassword": "mat-khau-moi-mua-dong", "confirmPassword": "mat-khau-moi-mua-dong"])
            #expect(done.headers.first(name: .location) == "/blocs")
            #expect(try await send(app, .GET, "/api/v1/units", token: oldToken).status == .unauthorized)
            let old = try await send(app, .POST, "/api/v1/auth/token", token: nil,
                                     json: #"{"username":"officer.a","password":"\#(Fixture.password)"}"#)
            #expect(old.status == .unauthorized)
            #expect(try await token(app, "officer.a", password: "mat-khau-moi-mua-dong").isEmpty == false)
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "change-password").first()
            #expect(audit?.after?.contains("$2") == false)
        }
    }
}
