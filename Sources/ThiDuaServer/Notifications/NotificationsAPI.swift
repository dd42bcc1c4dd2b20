import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The calendar feed, in-app notifications and the administrator's outbox.
enum NotificationsAPI {
    /// `GET /calendar/{token}.ics`: a unit's deadlines and conferences, behind an unguessable token; anything else is 404.
    static func calendar(_ req: Request) async throws -> Response {
        let file = req.parameters.get("file") ?? ""
        guard file.hasSuffix(".ics"), let token = try await CalendarToken.query(on: req.db)
            .filter(\.$token == String(file.dropLast(4))).first(),
              let unit = try await Unit.find(token.unitID, on: req.db) else {
            throw AppError.notFound(req.t("problem.not-found.detail"))
        }
        var events: [CalendarEvent] = []
        let cycleIDs = try await Membership.query(on: req.db).filter(\.$unit.$id == token.unitID).all().map { $0.$cycle.id }
        for cycleID in cycleIDs {
            for m in try await MilestoneService.milestones(of: cycleID, on: req.db) {
                events.append(CalendarEvent(uid: "\(m.id!.uuidString)@thidua", start: m.dueAt, end: nil,
                                            summary: "Hạn: \(m.title)", description: m.code, location: nil))
            }
            if let c = try await ConferenceService.find(cycleID: cycleID, on: req.db) {
                events.append(CalendarEvent(uid: "\(c.id!.uuidString)@thidua", start: c.startsAt, end: c.endsAt,
                                            summary: "Hội nghị tổng kết thi đua", description: nil, location: c.venue))
            }
        }
        let body = ICalendar.feed(name: "ThiĐua — \(unit.name)", events: events, now: req.now)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: body))
    }

    /// The unit's feed URL, making its token on first use; for the unit's officers and the secretariat.
    static func calendarURL(unitID: UUID, on req: Request) async throws -> String {
        if let existing = try await CalendarToken.query(on: req.db).filter(\.$unitID == unitID).first() {
            return SiteURL.Path.calendar.link("\(existing.token).ics")
        }
        let token = CalendarToken()
        token.unitID = unitID
        token.token = req.application.random.token(bytes: 24)
        do { try await token.create(on: req.db) } catch let error as DatabaseError where error.isConstraintFailure {
            return try await calendarURL(unitID: unitID, on: req)
        }
        return SiteURL.Path.calendar.link("\(token.token).ics")
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
        return try await AppNotification.query(on: req.db).filter(\.$userID == user.requireID()).sort(\.$createdAt, .descending)
            .limit(100).all().map {
                NotificationDTO(id: $0.id!, title: $0.title, body: $0.body, link: $0.link, createdAt: LocalTime.rfc3339($0.createdAt), read: $0.readAt != nil)
            }
    }

    static func markRead(_ req: Request) async throws -> HTTPStatus {
        let user = try req.user()
        guard let n = try await AppNotification.find(req.idParameter("notificationID"), on: req.db), n.userID == user.id else {
            throw AppError.notFound(req.t("problem.not-found.detail"))
        }
        n.readAt = n.readAt ?? req.now
        try await n.save(on: req.db)
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
        return try await OutboxMessage.query(on: req.db).sort(\.$createdAt, .descending).limit(500).all().map(OutboxDTO.init)
    }

    /// Puts a dead (or waiting) message back in line, now.
    static func retry(_ req: Request) async throws -> HTTPStatus {
        try await retry(req.idParameter("messageID"), on: req)
        return .noContent
    }

    static func retry(_ id: UUID, on req: Request) async throws {
        try req.authorize(.manageUsers)
        guard let m = try await OutboxMessage.find(id, on: req.db) else {
            throw AppError.notFound(req.t("problem.not-found.detail"))
        }
        guard m.status != .sent else { throw AppError.conflict(req.t("outbox.already_sent")) }
        guard m.status != .sending else { throw AppError.conflict(req.t("outbox.sending")) }
        let actor = req.actorName
        let now = req.now
        try await req.audited { db in
            m.status = .pending
            m.attempts = 0
            m.nextAttemptAt = now
            try await m.save(on: db)
            return ((), AuditRecord(actor: actor, action: "retry", entity: "outbox", entityID: m.messageID, before: String?.none, after: String?.none))
        }
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
