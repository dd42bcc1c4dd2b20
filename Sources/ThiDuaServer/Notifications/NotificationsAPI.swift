import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The calendar feed, in-app notifications and the administrator's outbox.
enum NotificationsAPI {
    /// `GET /calendar/{token}.ics`: a unit's deadlines and conferences, behind an unguessable token; anything else is 404.
    static func calendar(_ req: Request) async throws -> Response {
        let file = req.parameters.get("file") ?? ""
        guard file.hasSuffix(".ics"), let unit = try await NotificationService.calendarUnit(token: String(file.dropLast(4)), on: req.db) else {
            throw AppError.notFound(req.t("problem.not-found.detail"))
        }
        var events: [CalendarEvent] = []
        for entry in try await NotificationService.feed(ofUnit: unit.requireID(), on: req.db) {
            for m in entry.milestones {
                events.append(CalendarEvent(uid: "\(m.id!.uuidString)@thidua", start: m.dueAt, end: nil,
                                            summary: req.t("calendar.deadline", ["title": m.title]), description: m.code, location: nil))
            }
            if let c = entry.conference {
                events.append(CalendarEvent(uid: "\(c.id!.uuidString)@thidua", start: c.startsAt, end: c.endsAt,
                                            summary: req.t("calendar.conference"), description: nil, location: c.venue))
            }
        }
        let body = ICalendar.feed(name: req.t("calendar.feed_name", ["unit": unit.name]), events: events, now: req.now)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }

    /// The unit's feed URL, making its token on first use; for the unit's officers and the secretariat.
    static func calendarURL(unitID: UUID, on req: Request) async throws -> String {
        try await NotificationService.calendarURL(unitID: unitID, on: req)
    }

    struct NotificationDTO: Content {
        var id: UUID
        var title: String
        var body: String
        var link: String?
        var createdAt: String
        var read: Bool
    }

    static func notifications(_ req: Request) async throws -> [NotificationDTO] {
        let user = try req.user()
        return try await NotificationService.recent(for: user.requireID(), on: req.db).map {
            NotificationDTO(id: $0.id!, title: $0.title, body: $0.body, link: $0.link, createdAt: LocalTime.rfc3339($0.createdAt), read: $0.readAt != nil)
        }
    }

    static func markRead(_ req: Request) async throws -> HTTPStatus {
        let user = try req.user()
        try await NotificationService.markRead(req.idParameter("notificationID"), for: user, on: req)
        return .noContent
    }

    struct OutboxDTO: Content {
        var id: UUID
        var messageID: String
        var to: String
        var subject: String
        var status: OutboxStatus
        var attempts: Int
        var nextAttemptAt: String
        var lastError: String?
    }

    static func outbox(_ req: Request) async throws -> [OutboxDTO] {
        try req.authorize(.manageUsers)
        return try await NotificationService.outbox(on: req.db).map(OutboxDTO.init)
    }

    /// Puts a dead (or waiting) message back in line, now.
    static func retry(_ req: Request) async throws -> HTTPStatus {
        try await retry(req.idParameter("messageID"), on: req)
        return .noContent
    }

    static func retry(_ id: UUID, on req: Request) async throws {
        try await NotificationService.retry(id, on: req)
    }

    struct TestMailInput: Content { var to: String }

    /// Queues a test message, so the administrator can check the SMTP settings from the application itself.
    static func testMail(_ req: Request) async throws -> Response {
        try await queueTest(to: req.content.decode(TestMailInput.self).to, on: req).encodeResponse(status: .accepted, for: req)
    }

    static func queueTest(to address: String, on req: Request) async throws -> OutboxDTO {
        try req.authorize(.manageUsers)
        let to = address.trimmingCharacters(in: .whitespaces)
        guard MailAddress.isPlausibleAddress(to), to.unicodeScalars.allSatisfy(\.isASCII) else {
            throw AppError.validation("to", req.t("outbox.bad_address"))
        }
        let body = req.t("outbox.test_body", ["actor": req.actorName])
        // A fresh key each time: a test message is meant to be sent again and again.
        guard let m = try await NoticeService.enqueue(to: to, name: nil, subject: req.t("outbox.test_subject"), text: body,
                                                      html: "<p>\(NoticeService.escape(body))</p>", dedupeKey: "test:\(UUID().uuidString)",
                                                      now: req.now, on: req.db) else { throw Abort(.internalServerError) }
        return OutboxDTO(m)
    }
}

extension NotificationsAPI.OutboxDTO {
    init(_ m: OutboxMessage) {
        self.init(id: m.id!, messageID: m.messageID, to: m.toEmail, subject: m.subject, status: m.status, attempts: m.attempts,
                  nextAttemptAt: LocalTime.rfc3339(m.nextAttemptAt), lastError: m.lastError)
    }
}
