import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer
@testable import ThiDuaCore

/// A transport that stops in the middle of a delivery, like a slow mail server, until the test cuts the line.
final class HeldTransport: MailTransport, @unchecked Sendable {
    let started = AsyncStream<Void>.makeStream()
    let cut = AsyncStream<Void>.makeStream()

    func send(_ message: MailMessage) async throws {
        started.continuation.yield()
        for await _ in cut.stream { break }
        throw SMTPError.transient("connection lost")
    }
}

@Suite("Outbox: interrupted deliveries, the administrator's page and test message")
struct OutboxTests {
    @Test("a delivery cut off mid-way is found `sending` by the next run and sent again with the same Message-ID, once")
    func interrupted() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            try await NoticeService.enqueue(to: "a@example.org", name: nil, subject: "Nhắc hạn", text: "x", html: nil,
                                            dedupeKey: "k", now: testNow, on: app.db)
            let held = HeldTransport()
            app.mailTransport = held
            let run = Task { try await OutboxWorker.deliverDue(app: app, now: testNow) }
            var events = held.started.stream.makeAsyncIterator()
            _ = await events.next()
            let inFlight = try #require(try await OutboxMessage.query(on: app.db).first())
            #expect(inFlight.status == .sending && inFlight.attempts == 1)
            // While it is in flight the administrator cannot put it back in line, nor can a second run take it.
            let admin = try await token(app, "admin")
            #expect(try await send(app, .POST, "/api/v1/outbox/\(inFlight.id!)/retry", token: admin).status == .conflict)
            held.cut.continuation.yield()
            try await run.value
            // A killed process records nothing after the claim; this one recorded the failure, so put the row back as a crash leaves it.
            inFlight.status = .sending
            inFlight.nextAttemptAt = testNow.addingTimeInterval(3600)
            try await inFlight.save(on: app.db)

            let transport = RecordingTransport()
            app.mailTransport = transport
            try await OutboxWorker.deliverDue(app: app, now: testNow.addingTimeInterval(5))
            try await OutboxWorker.deliverDue(app: app, now: testNow.addingTimeInterval(10))
            #expect(transport.sent.withLockedValue { $0.map(\.messageID) } == [inFlight.messageID])
            let after = try #require(try await OutboxMessage.find(inFlight.id, on: app.db))
            #expect(after.status == .sent && after.attempts == 2)
        }
    }

    @Test("the administrator queues a test message and sees the outbox page; others are refused; a bad address is explained")
    func page() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            let admin = try await token(app, "admin")
            let queued = try await send(app, .POST, "/api/v1/outbox/test", token: admin, json: #"{"to":"vp@example.org"}"#)
            #expect(queued.status == .accepted && queued.body.string.contains("vp@example.org"))
            let bad = try await send(app, .POST, "/api/v1/outbox/test", token: admin, json: #"{"to":"không phải địa chỉ"}"#)
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("Địa chỉ thư điện tử không hợp lệ"))
            #expect(try await send(app, .POST, "/api/v1/outbox/test", token: try await token(app, "officer.a"),
                                   json: #"{"to":"x@example.org"}"#).status == .forbidden)

            var browser = Browser(app: app)
            _ = try await browser.signIn("admin")
            let page = try await browser.get("/outbox")
            #expect(page.status == .ok && page.body.string.contains("vp@example.org") && page.body.string.contains("Đang chờ gửi"))
            #expect(page.body.string.contains("Chưa cấu hình máy chủ thư"))
            let csrf = try #require(Browser.csrf(in: page.body.string))
            let posted = try await browser.post("/outbox", ["csrfToken": csrf, "action": "test", "to": "tp@example.org"])
            #expect(posted.status == .seeOther)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$toEmail == "tp@example.org").count() == 1)
            #expect(try await browser.post("/outbox", ["action": "test", "to": "x@example.org"]).status == .forbidden)  // no CSRF token

            var officer = Browser(app: app)
            _ = try await officer.signIn("officer.a")
            #expect(try await officer.get("/outbox").status == .forbidden)
        }
    }
}

extension InstancesTests {
    @Test("on PostgreSQL only one instance delivers: while one run holds the advisory lock, the other's run sends nothing",
          .enabled(if: TestDatabase.postgresURL != nil))
    func oneSender() async throws {
        try await withTwoInstances(on: try await TestDatabase.make(.postgres)) { first, second in
            _ = try await Fixture.seed(first)
            for key in ["k1", "k2"] {
                try await NoticeService.enqueue(to: "\(key)@example.org", name: nil, subject: key, text: "x", html: nil,
                                                dedupeKey: key, now: testNow, on: first.db)
            }
            let held = HeldTransport()
            first.mailTransport = held
            let other = RecordingTransport()
            second.mailTransport = other
            let run = Task { try await OutboxWorker.deliverDue(app: first, now: testNow) }
            var events = held.started.stream.makeAsyncIterator()
            _ = await events.next()
            try await OutboxWorker.deliverDue(app: second, now: testNow)
            #expect(other.sent.withLockedValue { $0.isEmpty }, "the second instance delivered while the first held the lock")
            held.cut.continuation.finish()  // the first run's attempts fail and it ends, releasing the lock
            try await run.value
            try await OutboxWorker.deliverDue(app: second, now: testNow.addingTimeInterval(3600))
            #expect(Set(other.sent.withLockedValue { $0.map(\.subject) }) == ["k1", "k2"])
        }
    }
}
