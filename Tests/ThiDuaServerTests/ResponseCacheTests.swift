import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ThiDuaServer

/// Issue 16: reads answered from memory are invalidated by every write that changes their data, on any instance
/// and through any path, and are never given to anyone but the user they were made for.
@Suite("Response cache and data revision", .serialized)
struct ResponseCacheTests {
    static func milestones(_ app: Application, _ cycle: UUID, _ token: String) async throws -> (Int, TestingHTTPResponse) {
        try await QueryCounter.run(app, "/api/v1/cycles/\(cycle)/milestones", token: token)
    }

    @Test("a repeated read costs one query; a write through the API, straight into the database, or time passing is seen at once")
    func invalidatedByWrites() async throws {
        try await withApp { app in
            QueryCounter.prepare(app)
            let f = try await Fixture.seed(app)
            let head = try await token(app, "officer.a")
            let path = "/api/v1/cycles/\(f.cycleID)/milestones"
            #expect(try await send(app, .POST, path, token: head, json: #"{"code":"BC","title":"Nộp báo cáo","dueAt":"2023-12-20"}"#).status == .created)
            let (first, a) = try await Self.milestones(app, f.cycleID, head)
            let hits = app.responseCache.counts.hits
            let (second, b) = try await Self.milestones(app, f.cycleID, head)
            #expect(a.status == .ok && b.body.string == a.body.string)
            #expect(first > 2, "the first read does the work")
            // The revision's own query is plain SQL, which Fluent's log (what QueryCounter reads) does not show.
            #expect(second == 0, "the second asks only for the revision")
            #expect(app.responseCache.counts.hits == hits + 1)

            // Through the API.
            #expect(try await send(app, .POST, path, token: head, json: #"{"code":"HN","title":"Hội nghị tổng kết","dueAt":"2023-12-22"}"#).status == .created)
            let (_, c) = try await Self.milestones(app, f.cycleID, head)
            #expect(c.body.string.contains("Hội nghị tổng kết"))

            // Straight into the database, as another instance or an operator would.
            let milestone = try #require(try await Milestone.query(on: app.db).filter(\.$code == "BC").first())
            milestone.title = "Nộp báo cáo (đã sửa)"
            try await milestone.save(on: app.db)
            let (third, d) = try await Self.milestones(app, f.cycleID, head)
            #expect(third > 1 && d.body.string.contains("Nộp báo cáo (đã sửa)"))
            try await Milestone.query(on: app.db).filter(\.$code == "HN").delete()
            let (_, e) = try await Self.milestones(app, f.cycleID, head)
            #expect(!e.body.string.contains("Hội nghị tổng kết"))

            // Time passes with no write: the answer is made again.
            _ = try await Self.milestones(app, f.cycleID, head)
            app.clock = .fixed(testNow.addingTimeInterval(ResponseCache.lifetime + 1))
            let (later, _) = try await Self.milestones(app, f.cycleID, head)
            #expect(later > 1)
            #expect(app.responseCache.counts.hits >= 1)
        }
    }

    @Test("many asking at once for an answer not yet kept: one makes it, the others get the same answer")
    func oneMakesTheRestWait() async throws {
        try await withApp { app in
            QueryCounter.prepare(app)
            let f = try await Fixture.seed(app)
            let head = try await token(app, "officer.a")
            // After a write, another read makes the token's user known again at the new revision: what is left to
            // count is the milestones' own work.
            let other = "/api/v1/cycles/\(f.cycleID)/requirements"
            try await Unit(name: "Sở Công Thương", shortName: "SCT").create(on: app.db)
            _ = try await QueryCounter.run(app, other, token: head)
            let (alone, _) = try await Self.milestones(app, f.cycleID, head)
            try await Unit(name: "Sở Tư pháp", shortName: "STP").create(on: app.db)
            _ = try await QueryCounter.run(app, other, token: head)
            let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for _ in 0..<12 { group.addTask { let (n, r) = try await Self.milestones(app, f.cycleID, head); return (n, r.body.string) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(results.map(\.1)).count == 1)
            // Twelve requests together did the work of about one (a late one may find the flight over and the answer kept).
            #expect(results.map(\.0).reduce(0, +) <= 2 * alone, "\(results.map(\.0)) queries; one alone ran \(alone)")
        }
    }

    @Test("an answer past its lifetime is given to others only while one request makes it again, and never across a write")
    func staleOnlyWhileMade() async throws {
        let cache = ResponseCache()
        let key = ResponseCache.Key(user: UUID(), uri: "/api/v1/overview", variant: "")
        let entry = ResponseCache.Entry(revision: 7, storedAt: testNow, status: .ok, headers: [:], body: ByteBuffer(string: "{}"),
                                        uri: key.uri, session: nil)
        cache.store(entry, for: key, budget: 1 << 20)
        let later = testNow.addingTimeInterval(ResponseCache.lifetime + 1)
        #expect(cache.entry(for: key, revision: 7, now: later) == nil)
        #expect(cache.staleWhileMade(for: key, revision: 7, now: later) == nil, "nobody is making it: the next asks itself")
        guard case .maker = await cache.join(key, revision: 7) else { Issue.record("the first to join makes it"); return }
        #expect(cache.staleWhileMade(for: key, revision: 7, now: later)?.body == entry.body)
        #expect(cache.staleWhileMade(for: key, revision: 8, now: later) == nil, "a write since: never the old answer")
        cache.finish(key, revision: 7, with: nil)
        #expect(cache.staleWhileMade(for: key, revision: 7, now: later) == nil)
    }

    @Test("an answer kept for one user is never given to another, and a revoked token stops at once")
    func perUserAndRevocation() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let deputy = try await token(app, "officer.c"), outsider = try await token(app, "officer.a")
            let path = "/api/v1/cycles/\(f.otherCycleID)/submission-status"
            for _ in 0..<2 { #expect(try await send(app, .GET, path, token: deputy).status == .ok) }
            let refused = try await send(app, .GET, path, token: outsider)
            #expect(refused.status == .forbidden, "\(refused.status) \(refused.body.string)")
            #expect(try await send(app, .GET, path, token: deputy).status == .ok)

            // The token's row removed (as sign-out or expiry does, on any instance): refused at the next request.
            let user = try #require(try await User.query(on: app.db).filter(\.$username == "officer.c").first())
            try await APIToken.query(on: app.db).filter(\.$user.$id == user.requireID()).delete()
            #expect(try await send(app, .GET, path, token: deputy).status == .unauthorized)

            // A role taken away is seen at once too.
            let admin = try await token(app, "admin")
            #expect(try await send(app, .GET, "/api/v1/users", token: admin).status == .ok)
            let account = try #require(try await User.query(on: app.db).filter(\.$username == "admin").first())
            account.role = .officer
            try await account.save(on: app.db)
            #expect(try await send(app, .GET, "/api/v1/users", token: admin).status == .forbidden)
        }
    }

    @Test("a page kept in memory follows a form's write, shows its message once, and is not another session's")
    func pages() async throws {
        try await withApp { app in
            QueryCounter.prepare(app)
            let f = try await Fixture.seed(app)
            var head = Browser(app: app)
            #expect(try await head.signIn("officer.a").status == .seeOther)
            let page = "/cycles/\(f.cycleID)"
            _ = try await head.get(page)  // the first page of a session makes its CSRF token: a change, so not kept
            let first = try await head.get(page)
            let csrf = try #require(Browser.csrf(in: first.body.string))
            let (again, second) = try await QueryCounter.run(app, page, token: nil, cookie: head.cookie)
            #expect(second.body.string == first.body.string)
            // No Fluent query at all: the session and its user are remembered, the page is kept, the session is not
            // written back; the revision's plain-SQL read is all that is left.
            #expect(again == 0, "\(again) queries for a page already made")

            // A form writes: the next page shows the new milestone and the message, and the one after no message.
            let posted = try await head.post("/cycles/\(f.cycleID)/milestones",
                                             ["csrfToken": csrf, "code": "HN", "title": "Hội nghị tổng kết năm", "mode": "date", "date": "2023-12-22"])
            #expect(posted.status == .seeOther)
            let shown = try await head.get(page)
            let message = app.localizer.text("milestone_saved", "vi", ["code": "HN"])
            #expect(shown.body.string.contains("Hội nghị tổng kết năm") && shown.body.string.contains(message))
            let next = try await head.get(page)
            #expect(next.body.string.contains("Hội nghị tổng kết năm") && !next.body.string.contains(message))

            // Another session of the same user gets its own page, with its own CSRF token.
            var other = Browser(app: app)
            #expect(try await other.signIn("officer.a").status == .seeOther)
            let theirs = try await other.get(page)
            #expect(Browser.csrf(in: theirs.body.string) != csrf)

            // The session removed in the database (a sign-out on another instance): the next page asks to sign in.
            try await SessionRecord.query(on: app.db).delete()
            let after = try await head.get(page)
            #expect(after.status == .seeOther && after.headers.first(name: .location)?.hasPrefix("/login") == true)
        }
    }

    @Test("every data table moves the revision; on PostgreSQL folding the changes keeps it")
    func everyTableTracked() async throws {
        try await withApp { app in
            let sql = try #require(app.db as? SQLDatabase)
            let tracked = try await catalogueNames(sql,
                sqlite: "SELECT DISTINCT tbl_name AS name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'revision_%'",
                postgres: "SELECT DISTINCT event_object_table AS name FROM information_schema.triggers WHERE trigger_schema = current_schema() AND trigger_name LIKE 'revision_%'")
            let data = Set(BackupTable.all.map(\.schema)).subtracting(DataRevision.untracked)
            #expect(data.subtracting(tracked).sorted() == [], "a data table whose writes no cache would see")

            let before = try await DataRevision.current(on: app.db)
            let unit = Unit(name: "Sở Xây dựng", shortName: "SXD")
            try await unit.create(on: app.db)
            let created = try await DataRevision.current(on: app.db)
            try await unit.delete(on: app.db)
            let deleted = try await DataRevision.current(on: app.db)
            #expect(before < created && created < deleted)
            if sql.dialect.name == "postgresql" {
                // The count of a connection that has gone (no such backend): folded into row 0, the sum unchanged.
                try await sql.raw("INSERT INTO data_revision (id, value) VALUES (2147483000, 5)").run()
                let counted = try await DataRevision.current(on: app.db)
                #expect(counted == deleted + 5)
                try await DataRevision.compact(on: app.db)
                try await DataRevision.compact(on: app.db)
                struct Count: Decodable { var n: Int }
                #expect(try await sql.raw("SELECT COUNT(*) AS n FROM data_revision WHERE id = 2147483000").first(decoding: Count.self)?.n == 0)
                #expect(try await DataRevision.current(on: app.db) == counted)
                return
            }
            try await DataRevision.compact(on: app.db)
            #expect(try await DataRevision.current(on: app.db) == deleted)
            // An audit entry or a failed sign-in alone moves nothing.
            try await LoginFailure(username: "x", ip: "127.0.0.1", at: testNow).create(on: app.db)
            #expect(try await DataRevision.current(on: app.db) == deleted)
        }
    }
}
