import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// Findings of the outside security test: each case failed (or stopped the process) before its fix.
@Suite("Hostile input")
struct HardeningTests {
    /// Sends raw bytes as multipart with the given Content-Type.
    static func multipart(_ app: Application, _ path: String, method: HTTPMethod = .POST, token: String?,
                          contentType: String, body: String, json: Bool = true) async throws -> TestingHTTPResponse {
        var headers = token.map(HTTPHeaders.bearer) ?? HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        if json { headers.replaceOrAdd(name: .accept, value: "application/json") }
        var response: TestingHTTPResponse?
        try await app.testing().test(method, path, headers: headers, body: ByteBuffer(bytes: Array(body.utf8))) { response = $0 }
        return response!
    }

    @Test("a part header name with a byte ≥ 0x80, or an empty boundary, is a 400 (it stopped the process)")
    func multipartHeaderBytes() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let admin = try await token(app, "admin")
            let bodies = [("multipart/form-data; boundary=B", "--B\r\né: x\r\n\r\nhi\r\n--B--\r\n"),
                          ("multipart/form-data; boundary=", "--\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n----\r\n"),
                          ("multipart/form-data", "--B\r\n\r\n--B--\r\n")]
            for (type, body) in bodies {
                let login = try await Self.multipart(app, "/login", token: nil, contentType: type, body: body)
                #expect(login.status == .badRequest, "\(type) \(login.body.string)")
                #expect(login.headers.first(name: .contentType)?.hasPrefix("application/problem+json") == true)
                let upload = try await Self.multipart(app, "/api/v1/cycles/\(f.cycleID)/scoring-table/import", token: admin,
                                                      contentType: type, body: body)
                #expect(upload.status == .badRequest, "\(type) \(upload.body.string)")
            }
            // The web sign-in answers with a Vietnamese page, and the server is still there.
            let page = try await Self.multipart(app, "/login", token: nil, contentType: "multipart/form-data; boundary=B",
                                                body: "--B\r\né: x\r\n\r\nhi\r\n--B--\r\n", json: false)
            #expect(page.status == .badRequest && page.body.string.contains("Tệp tải lên không trọn vẹn"))
            #expect(try await send(app, .GET, "/healthz", token: nil).status == .ok)
        }
    }

    @Test("a multipart body with no parts is a 400 problem on every multipart route, not a 500")
    func multipartWithoutParts() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let admin = try await token(app, "admin")
            let officer = try await token(app, "officer.a")
            let routes: [(HTTPMethod, String, String)] = [
                (.POST, "/api/v1/cycles/\(f.cycleID)/scoring-table/import", admin),
                (.POST, "/api/v1/cycles/\(f.cycleID)/units/\(f.unitA)/self-assessment/import", officer),
                (.PUT, "/api/v1/templates/plan", admin),
            ]
            for (method, path, token) in routes {
                let res = try await Self.multipart(app, path, method: method, token: token, contentType: "multipart/form-data; boundary=B",
                                                   body: "--B--\r\n")
                #expect(res.status == .badRequest, "\(path): \(res.body.string)")
                #expect(res.problem?.type == "urn:thidua:problem:upload-incomplete")
                #expect(res.problem?.detail.contains("multipart") == true)
            }
        }
    }

    @Test("the multipart reader gives the same parts however the body is cut into buffers")
    func multipartChunking() throws {
        let body = Array("preamble\r\n--xyz\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nmột\r\n--x\r\n--xyz\r\n"
            .utf8) + Array("Content-Disposition: form-data; name=\"b\"; filename=\"tờ trình.pdf\"\r\n\r\n\r\n--xy\r\n--xyz--\r\n".utf8)
        func read(_ cuts: [Int]) throws -> [String] {
            let reader = try MultipartReader(boundary: "xyz")
            // Bytes, not strings: a cut may fall inside a letter's UTF-8 sequence.
            var parts: [String] = [], current: [UInt8] = []
            reader.onHeader = { name, value in current += Array("\(name)=\(value);".utf8) }
            reader.onBody = { buffer in current += buffer.readBytes(length: buffer.readableBytes) ?? [] }
            reader.onPartComplete = { parts.append(String(decoding: current, as: UTF8.self)); current = [] }
            var start = 0
            for cut in cuts + [body.count] {
                try reader.execute(ByteBuffer(bytes: body[start..<cut]))
                start = cut
            }
            #expect(reader.finished)
            return parts
        }
        let whole = try read([])
        #expect(whole == ["Content-Disposition=form-data; name=\"a\";một\r\n--x",
                          "Content-Disposition=form-data; name=\"b\"; filename=\"tờ trình.pdf\";\r\n--xy"])
        for cut in 1..<body.count { #expect(try read([cut]) == whole, "cut at \(cut)") }
        #expect(throws: MalformedMultipart(reason: .boundary)) { try MultipartReader(boundary: "") }
        #expect(throws: MalformedMultipart(reason: .boundary)) { try MultipartReader(boundary: String(repeating: "a", count: 71)) }
    }

    @Test("parallel wrong passwords for one account cannot pass the limit: at most 5 are checked")
    func concurrentSignIn() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<19 {
                    group.addTask {
                        try await send(app, .POST, "/api/v1/auth/token", token: nil, json: #"{"username":"admin","password":"sai"}"#).status
                    }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .unauthorized }.count <= AuthService.maxFailuresPerAccountAndIP)
            #expect(statuses.filter { $0 == .tooManyRequests }.count >= 19 - AuthService.maxFailuresPerAccountAndIP)
        }
    }

    @Test("wrong passwords from one address lock that address out of the account, not its owner elsewhere")
    func lockPerAddress() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            app.settings.trustProxy = true
            func signIn(_ password: String, from ip: String) async throws -> HTTPStatus {
                var headers = HTTPHeaders()
                headers.contentType = .json
                headers.add(name: .xForwardedFor, value: "203.0.113.9, \(ip)")  // the proxy appends the real peer last
                var status: HTTPStatus = .internalServerError
                try await app.testing().test(.POST, "/api/v1/auth/token", headers: headers,
                                             body: ByteBuffer(string: #"{"username":"admin","password":"\#(password)"}"#)) { status = $0.status }
                return status
            }
            for _ in 0..<AuthService.maxFailuresPerAccountAndIP { #expect(try await signIn("sai", from: "198.51.100.1") == .unauthorized) }
            #expect(try await signIn(Fixture.password, from: "198.51.100.1") == .tooManyRequests)
            #expect(try await signIn(Fixture.password, from: "198.51.100.2") == .ok)
        }
    }

    @Test("after sign-in, next= leads only to a path of this site", arguments: [
        "/\\evil.example", "/\t/evil.example", "//evil.example", "https://evil.example", "/%09/evil.example\u{0}", "/ /x",
    ])
    func openRedirect(next: String) async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            var browser = Browser(app: app)
            let page = try await browser.get("/login")
            let csrf = try #require(Browser.csrf(in: page.body.string))
            let res = try await browser.post("/login", ["username": "admin", "password": Fixture.password, "csrfToken": csrf, "next": next])
            #expect(res.status == .seeOther)
            #expect(res.headers.first(name: .location) == "/")
        }
        #expect(SiteURL.safeLocalPath("/cycles/1?unit=2") == "/cycles/1?unit=2")
    }

    @Test("a password must have 15 characters, not be common, repeated or a sequence; every byte counts")
    func passwords() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            let admin = try await token(app, "admin")
            for weak in ["        ", "password", "12345678", "ngắn quá", String(repeating: " ", count: 16), "passwordpassword",
                         "123456789012345", "qwertyuiopasdfgh", "iloveyou20242024", "nguoimoi-abcdefghij"] {
                let res = try await send(app, .POST, "/api/v1/users", token: admin, json: """
                    {"username":"nguoimoi","password":"\(weak)","displayName":"Người mới","role":"reviewer"}
                    """)
                #expect(res.status == .unprocessableEntity, "\(weak): \(res.body.string)")
                #expect(res.problem?.field == "password")
            }
            // A long Vietnamese passphrase is welcome, and its bytes past bcrypt's 72 count.
            let long = "mùa xuân trên quê hương lào cai có hoa đào nở đỏ khắp các sườn đồi"
            #expect(long.utf8.count > 72)
            let created = try await send(app, .POST, "/api/v1/users", token: admin, json: """
                {"username":"nguoimoi","password":"\(long)","displayName":"Người mới","role":"reviewer"}
                """)
            #expect(created.status == .created, "\(created.body.string)")
            let good = try await send(app, .POST, "/api/v1/auth/token", token: nil,
                                      json: #"{"username":"nguoimoi","password":"\#(long)"}"#)
            #expect(good.status == .ok)
            #expect(try good.content.get(Bool.self, at: "passwordChangeRequired") == false)
            let prefix = String(decoding: Array(long.utf8).prefix(72), as: UTF8.self)
            let other = try await send(app, .POST, "/api/v1/auth/token", token: nil,
                                       json: #"{"username":"nguoimoi","password":"\#(prefix) khác hẳn"}"#)
            #expect(other.status == .unauthorized)
        }
    }

    @Test("an account whose password no longer qualifies still signs in and is asked to change it")
    func outdatedPassword() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            let hash = try Bcrypt.hash("demo123", cost: 4)
            let user = try #require(try await User.query(on: app.db).filter(\.$username == "officer.c").first())
            user.passwordHash = hash
            try await user.save(on: app.db)
            let res = try await send(app, .POST, "/api/v1/auth/token", token: nil, json: #"{"username":"officer.c","password":"demo123"}"#)
            #expect(res.status == .ok)
            #expect(try res.content.get(Bool.self, at: "passwordChangeRequired") == true)
            var browser = Browser(app: app)
            _ = try await browser.signIn("officer.c", password: "demo123")
            let page = try await browser.get("/blocs").body.string
            #expect(page.contains("data-testid=\"password-outdated\"") && page.contains("Vui lòng đổi mật khẩu"))
            var fine = Browser(app: app)
            _ = try await fine.signIn("officer.a")
            #expect(!(try await fine.get("/blocs").body.string.contains("password-outdated")))
        }
    }

    @Test("dates outside 2000–2100 are refused, and every instant is written with +07:00", arguments: [
        "0017-10-26", "1999-12-31", "2101-01-01", "0017-10-26T10:00:00+07:00", "2101-01-01T00:00:00Z",
    ])
    func dateBounds(dueAt: String) async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let officer = try await token(app, "officer.a")
            let res = try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/milestones", token: officer,
                                     json: #"{"code":"XA","title":"Mốc xa","dueAt":"\#(dueAt)"}"#)
            #expect(res.status == .unprocessableEntity, "\(res.body.string)")
            #expect(res.problem?.field == "dueAt")
        }
        #expect(LocalTime.rfc3339(Date(timeIntervalSince1970: 0)).hasSuffix("+07:00"))
        #expect(LocalTime.rfc3339(LocalTime.parseRFC3339("2000-01-01T00:00:00+07:00")!) == "2000-01-01T00:00:00+07:00")
    }

    @Test("names are stored in NFC; NUL, bidi overrides, invisible-only names and second spellings are refused")
    func names() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            let admin = try await token(app, "admin")
            func create(_ name: String) async throws -> TestingHTTPResponse {
                let body = try String(decoding: JSONEncoder().encode(["name": name, "shortName": "S\(UUID().uuidString.prefix(6))"]), as: UTF8.self)
                return try await send(app, .POST, "/api/v1/units", token: admin, json: body)
            }
            for bad in ["Sở\u{0}Nội vụ", "\u{200B}\u{200B}", "Sở \u{202E}vụ iộN", "  ", "Sở\nNội vụ"] {
                let res = try await create(bad)
                #expect(res.status == .unprocessableEntity, "\(bad.unicodeScalars.map { String($0.value, radix: 16) }): \(res.body.string)")
                #expect(res.problem?.field == "name")
            }
            let nfd = "Sở Nội vụ".decomposedStringWithCanonicalMapping
            let made = try await create("  \(nfd)\u{200B}  ")
            #expect(made.status == .created)
            let stored = try made.content.get(String.self, at: "name")
            #expect(stored.unicodeScalars.elementsEqual("Sở Nội vụ".precomposedStringWithCanonicalMapping.unicodeScalars))
            for again in ["Sở Nội vụ", nfd, "sở nội  vụ"] {
                let res = try await create(again)
                #expect(res.status == .conflict, "\(res.body.string)")
                #expect(res.problem?.field == "name")
            }
        }
    }

    @Test("upload files left by a crash are swept once older than any upload can take")
    func temporarySweep() throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory() + "thidua-sweep-" + UUID().uuidString)
        defer { try? FileManager.default.removeItem(at: root) }
        let store = DiskFileStore(root: root)
        let old = try store.temporaryURL(), fresh = try store.temporaryURL()
        for url in [old, fresh] { FileManager.default.createFile(atPath: url.path, contents: Data("x".utf8)) }
        let now = Date()
        try FileManager.default.setAttributes([.modificationDate: now.addingTimeInterval(-TemporaryFiles.maxAge - 60)], ofItemAtPath: old.path)
        #expect(store.sweepTemporary(before: now.addingTimeInterval(-TemporaryFiles.maxAge)) == 1)
        #expect(!FileManager.default.fileExists(atPath: old.path))
        #expect(FileManager.default.fileExists(atPath: fresh.path))
    }
}
