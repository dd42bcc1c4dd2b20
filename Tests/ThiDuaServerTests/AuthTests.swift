import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

@Suite("Authentication")
struct AuthTests {
    @Test("a token from good credentials opens the API, with its expiry in +07:00")
    func tokenWorks() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            let res = try await send(app, .POST, "/api/v1/auth/token", token: nil,
                                     json: #"{"username":"Admin","password":"\#(Fixture.password)"}"#)
            #expect(res.status == .ok)
            let expiresAt = try res.content.get(String.self, at: "expiresAt")
            #expect(expiresAt == "2023-12-11T09:00:00+07:00")
            let bearer = try res.content.get(String.self, at: "token")
            #expect(try await send(app, .GET, "/api/v1/units", token: bearer).status == .ok)
        }
    }

    @Test("wrong credentials give 401 problem+json in Vietnamese, with no internals")
    func wrongPassword() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            for body in [#"{"username":"admin","password":"sai"}"#, #"{"username":"khong-co","password":"sai"}"#] {
                let res = try await send(app, .POST, "/api/v1/auth/token", token: nil, json: body)
                #expect(res.status == .unauthorized)
                #expect(res.headers.first(name: .contentType)?.hasPrefix("application/problem+json") == true)
                #expect(res.problem?.title == "Chưa đăng nhập")
                #expect(res.problem?.detail == "Tên đăng nhập hoặc mật khẩu không đúng.")
                #expect(res.problem?.type == "urn:thidua:problem:unauthorized")
            }
        }
    }

    @Test("repeated failures for one username give 429, even with the right password")
    func rateLimited() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            for _ in 0..<AuthService.maxFailuresPerAccountAndIP {
                let res = try await send(app, .POST, "/api/v1/auth/token", token: nil, json: #"{"username":"admin","password":"sai"}"#)
                #expect(res.status == .unauthorized)
            }
            let res = try await send(app, .POST, "/api/v1/auth/token", token: nil,
                                     json: #"{"username":"admin","password":"\#(Fixture.password)"}"#)
            #expect(res.status == .tooManyRequests)
            #expect(res.headers.first(name: .retryAfter) != nil)
            #expect(res.problem?.detail.contains("15 phút") == true)
            // Another account from another address is not locked out by it.
            #expect(try await token(app, "reviewer").isEmpty == false)
            // After the window the account opens again.
            app.clock = .fixed(testNow.addingTimeInterval(AuthService.failureWindow + 1))
            #expect(try await token(app, "admin").isEmpty == false)
        }
    }

    @Test("no token, an unknown token and an expired token all give 401")
    func anonymous() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            #expect(try await send(app, .GET, "/api/v1/blocs", token: nil).status == .unauthorized)
            #expect(try await send(app, .GET, "/api/v1/blocs", token: "khong-hop-le").status == .unauthorized)
            let bearer = try await token(app, "admin")
            app.clock = .fixed(testNow.addingTimeInterval(app.settings.tokenLifetime + 1))
            #expect(try await send(app, .GET, "/api/v1/blocs", token: bearer).status == .unauthorized)
        }
    }

    @Test("passwords are stored as Bcrypt hashes and never returned")
    func passwordHashing() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            let admin = try await token(app, "admin")
            let res = try await send(app, .GET, "/api/v1/users", token: admin)
            #expect(res.status == .ok)
            #expect(!res.body.string.contains("$2b$") && !res.body.string.contains("password"))
            let stored = try await User.query(on: app.db).filter(\.$username == "admin").first()
            #expect(stored?.passwordHash.hasPrefix("$2") == true)
        }
    }
}

@Suite("Web sessions end on the server")
struct SessionLifetimeTests {
    @Test("a signed-in session works for 12 hours from sign-in, then the same cookie leads back to the sign-in page")
    func expires() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            var browser = Browser(app: app)
            _ = try await browser.signIn("officer.a")
            app.clock = .fixed(testNow.addingTimeInterval(11 * 3600))
            #expect(try await browser.get("/blocs").status == .ok)
            app.clock = .fixed(testNow.addingTimeInterval(12 * 3600 + 60))
            let expired = try await browser.get("/blocs")
            #expect(expired.status == .seeOther && expired.headers.first(name: .location)?.hasPrefix("/login") == true)
            #expect(try await browser.get("/blocs").status == .seeOther)  // not revived by the visit
        }
    }
}

@Suite("Housekeeping of sign-in records")
struct PruneTests {
    @Test("failures older than the window and expired tokens go; recent failures and live tokens stay")
    func prune() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            let user = try #require(try await User.query(on: app.db).first())
            try await LoginFailure(username: "x", ip: "1.2.3.4", at: testNow.addingTimeInterval(-AuthService.failureWindow - 60)).create(on: app.db)
            try await LoginFailure(username: "x", ip: "1.2.3.4", at: testNow.addingTimeInterval(-60)).create(on: app.db)
            try await APIToken(userID: user.requireID(), tokenHash: "old", expiresAt: testNow.addingTimeInterval(-1)).create(on: app.db)
            try await APIToken(userID: user.requireID(), tokenHash: "live", expiresAt: testNow.addingTimeInterval(3600)).create(on: app.db)
            try await AuthService.prune(now: testNow, on: app.db)
            #expect(try await LoginFailure.query(on: app.db).count() == 1)
            #expect(try await APIToken.query(on: app.db).all().map(\.tokenHash) == ["live"])
        }
    }
}
