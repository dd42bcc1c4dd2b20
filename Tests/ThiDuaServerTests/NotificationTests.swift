import Fluent
import Foundation
import NIOConcurrencyHelpers
import Testing
import VaporTesting
@testable import ThiDuaServer
@testable import ThiDuaCore

/// Records what would have been sent; can be told to fail.
final class RecordingTransport: MailTransport, @unchecked Sendable {
    let sent = NIOLockedValueBox<[MailMessage]>([])
    let failure = NIOLockedValueBox<SMTPError?>(nil)

    func send(_ message: MailMessage) async throws {
        if let failure = failure.withLockedValue({ $0 }) { throw failure }
        sent.withLockedValue { $0.append(message) }
    }
}

@Suite("Reminders, outbox, notifications and the calendar feed")
struct NotificationTests {
    @Test("reminders go to units that have not submitted, once, N days before — an extension and a just-made submission count")
    func reminders() async throws {
        try await withApp { app in
            let s = try await SubmissionFixture.make(app)   // BCD and TOMTAT due end of 05/12/2023
            for unit in [s.f.unitA, s.f.unitB, s.f.unitC] {
                _ = try await send(app, .PATCH, "/api/v1/units/\(unit)", token: s.admin, json: #"{"contactEmail":"u\#(unit.uuidString.prefix(4))@example.org"}"#)
            }
            // Unit C submits BCD just before the reminder; unit B gets an extension of BCD to 10/12.
            app.clock = .fixed(utc("2023-12-02T16:00:00Z"))
            _ = try await upload(app, requirement: s.scoring, token: s.officerC, fileName: "a.pdf", data: Sample.pdf(pages: 1))
            _ = try await send(app, .POST, "/api/v1/requirements/\(s.scoring)/extensions", token: s.officerA, json: #"{"unitID":"\#(s.f.unitB)","dueAt":"2023-12-10"}"#)
            // 3 days before: 02/12 17:00Z + a minute.
            let threeDays = utc("2023-12-02T17:01:00Z")
            try await ReminderService.enqueueDue(now: threeDays, localizer: app.localizer, on: app.db)
            try await ReminderService.enqueueDue(now: threeDays, localizer: app.localizer, on: app.db)
            let queued = try await OutboxMessage.query(on: app.db).all()
            let bcd = queued.filter { $0.subject.contains("BCD") }
            #expect(bcd.count == 1, "\(queued.map(\.subject))")  // only unit A: C submitted, B has an extension
            #expect(queued.filter { $0.subject.contains("TOMTAT") }.count == 3)
            #expect(bcd.first?.text.contains("23 giờ 59, thứ Ba, ngày 05 tháng 12 năm 2023") == true)
            #expect(try await AppNotification.query(on: app.db).count() > 0)
        }
    }

    @Test("delivery is once; a failing transport retries with back-off, then dead-letters; the administrator can retry")
    func outbox() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            let transport = RecordingTransport()
            app.mailTransport = transport
            let now = testNow
            try await NoticeService.enqueue(to: "a@example.org", name: "Văn phòng", subject: "Nhắc hạn nộp báo cáo", text: "Nội dung",
                                            html: nil, dedupeKey: "k1", now: now, on: app.db)
            try await NoticeService.enqueue(to: "a@example.org", name: nil, subject: "x", text: "y", html: nil, dedupeKey: "k1", now: now, on: app.db)
            try await OutboxWorker.deliverDue(app: app, now: now)
            try await OutboxWorker.deliverDue(app: app, now: now)
            #expect(transport.sent.withLockedValue { $0.count } == 1)
            #expect(transport.sent.withLockedValue { $0.first?.subject } == "Nhắc hạn nộp báo cáo")
            transport.failure.withLockedValue { $0 = .transient("421 busy") }
            try await NoticeService.enqueue(to: "b@example.org", name: nil, subject: "Lần hai", text: "z", html: nil, dedupeKey: "k2", now: now, on: app.db)
            var clock = now
            for _ in 0..<OutboxWorker.maxAttempts {
                try await OutboxWorker.deliverDue(app: app, now: clock)
                clock = clock.addingTimeInterval(3600)
            }
            let dead = try #require(try await OutboxMessage.query(on: app.db).filter(\.$dedupeKey == "k2").first())
            #expect(dead.status == .dead && dead.attempts == OutboxWorker.maxAttempts && dead.lastError == "421 busy")
            let admin = try await token(app, "admin")
            let listed = try await send(app, .GET, "/api/v1/outbox", token: admin)
            #expect(listed.body.string.contains("dead"))
            #expect(try await send(app, .GET, "/api/v1/outbox", token: try await token(app, "officer.a")).status == .forbidden)
            transport.failure.withLockedValue { $0 = nil }
            #expect(try await send(app, .POST, "/api/v1/outbox/\(dead.id!)/retry", token: admin).status == .noContent)
            app.clock = .fixed(clock)
            try await OutboxWorker.deliverDue(app: app, now: clock.addingTimeInterval(1))
            #expect(transport.sent.withLockedValue { $0.map(\.subject) } == ["Nhắc hạn nộp báo cáo", "Lần hai"])
        }
    }

    @Test("the calendar feed lists the unit's deadlines in Asia/Ho_Chi_Minh; a bad token is 404")
    func calendar() async throws {
        try await withApp { app in
            let s = try await SubmissionFixture.make(app)
            var browser = Browser(app: app)
            _ = try await browser.signIn("officer.c")
            let checklist = try await browser.get("/cycles/\(s.f.cycleID)/checklist").body.string
            let link = try #require(checklist.range(of: #"/calendar/[A-Za-z0-9_-]+\.ics"#, options: .regularExpression).map { String(checklist[$0]) })
            let feed = try await send(app, .GET, link, token: nil)
            #expect(feed.status == .ok && feed.headers.contentType?.description.contains("text/calendar") == true)
            let text = feed.body.string.replacingOccurrences(of: "\r\n ", with: "")
            #expect(text.contains("DTSTART;TZID=Asia/Ho_Chi_Minh:20231205T235959"))
            #expect(text.contains("SUMMARY:Hạn: Bảng chấm điểm"))
            #expect(try await send(app, .GET, "/calendar/khong-co.ics", token: nil).status == .notFound)
        }
    }
}

@Suite("Outbox against a real SMTP sink", .enabled(if: SMTPSink.plain != nil && SMTPSink.maildir != nil))
struct OutboxSinkTests {
    /// Files in the sink's Maildir holding `messageID`.
    static func delivered(_ messageID: String) throws -> Int {
        let root = try #require(SMTPSink.maildir)
        var count = 0
        for folder in ["new", "cur"] {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: "\(root)/\(folder)")) ?? [] {
                let text = (try? String(contentsOfFile: "\(root)/\(folder)/\(file)", encoding: .utf8)) ?? ""
                if text.contains(messageID) { count += 1 }
            }
        }
        return count
    }

    @Test("a reminder is delivered once through SMTP, and a second run of the worker sends nothing more; a dead sink dead-letters")
    func deliveredOnce() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            let sink = try #require(SMTPSink.plain)
            let from = MailAddress(name: "ThiĐua", email: "noreply@example.org")
            app.mailTransport = SMTPClient(configuration: SMTPConfiguration(host: sink.host, port: sink.port, startTLS: false, username: nil,
                                                                            password: nil, from: from), eventLoopGroup: app.eventLoopGroup)
            try await NoticeService.enqueue(to: "vanphong@example.org", name: "Văn phòng Tỉnh ủy", subject: "Nhắc hạn nộp BCTK: còn 1 ngày",
                                            text: "Đơn vị chưa nộp báo cáo tổng kết.", html: "<p>Đơn vị chưa nộp báo cáo tổng kết.</p>",
                                            dedupeKey: "sink-\(UUID())", now: testNow, on: app.db)
            let message = try #require(try await OutboxMessage.query(on: app.db).filter(\.$status == .pending).first())
            try await OutboxWorker.deliverDue(app: app, now: testNow)
            try await OutboxWorker.deliverDue(app: app, now: testNow.addingTimeInterval(600))
            #expect(try Self.delivered(message.messageID) == 1)
            #expect(try await OutboxMessage.find(message.id, on: app.db)?.status == .sent)
            // A sink that is down: transient failures, retried with back-off, then dead-lettered.
            app.mailTransport = SMTPClient(configuration: SMTPConfiguration(host: "127.0.0.1", port: 9, startTLS: false, username: nil,
                                                                            password: nil, from: from), eventLoopGroup: app.eventLoopGroup)
            try await NoticeService.enqueue(to: "x@example.org", name: nil, subject: "x", text: "x", html: nil, dedupeKey: "down-\(UUID())",
                                            now: testNow, on: app.db)
            var clock = testNow
            for _ in 0..<OutboxWorker.maxAttempts {
                try await OutboxWorker.deliverDue(app: app, now: clock)
                clock = clock.addingTimeInterval(7200)
            }
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$status == .dead).count() == 1)
        }
    }
}
