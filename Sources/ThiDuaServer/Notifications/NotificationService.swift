import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The reads and writes behind the calendar feed, the in-app notifications and the administrator's outbox.
enum NotificationService {
    /// One cycle of a unit's calendar feed: its milestones by due date, and its conference if one is set.
    struct FeedCycle {
        var milestones: [Milestone]
        var conference: Conference?
    }

    /// The unit a feed token opens; nil for an unknown token (or a unit since removed), which the feed answers with 404.
    static func calendarUnit(token: String, on db: Database) async throws -> Unit? {
        guard let record = try await CalendarToken.query(on: db).filter(\.$token == token).first() else { return nil }
        return try await Unit.find(record.unitID, on: db)
    }

    /// What a unit's feed shows, cycle by cycle in membership order: three queries whatever the number of cycles.
    static func feed(ofUnit unitID: UUID, on db: Database) async throws -> [FeedCycle] {
        let cycleIDs = try await Membership.query(on: db).filter(\.$unit.$id == unitID).all().map { $0.$cycle.id }
        guard !cycleIDs.isEmpty else { return [] }
        // The order of `MilestoneService.milestones(of:on:)`, for every cycle at once; grouping keeps it within each cycle.
        let milestones = Dictionary(grouping: try await Milestone.query(on: db).filter(\.$cycle.$id ~~ cycleIDs)
            .sort(\.$dueAt).sort(\.$code).all(), by: { $0.$cycle.id })
        let conferences = try await ConferenceService.conferences(of: cycleIDs, on: db)
        return cycleIDs.map { FeedCycle(milestones: milestones[$0] ?? [], conference: conferences[$0]) }
    }

    /// The unit's feed URL, absolute so that a calendar program can subscribe to it, making its token on first use;
    /// when another request made one meanwhile, that one is used.
    static func calendarURL(unitID: UUID, on req: Request) async throws -> String {
        if let existing = try await CalendarToken.query(on: req.db).filter(\.$unitID == unitID).first() {
            return req.absoluteURL(SiteURL.Path.calendar.link("\(existing.token).ics"))
        }
        let token = CalendarToken()
        token.unitID = unitID
        token.token = req.application.random.token(bytes: 24)
        do { try await token.create(on: req.db) } catch let error as DatabaseError where error.isConstraintFailure {
            return try await calendarURL(unitID: unitID, on: req)
        }
        return req.absoluteURL(SiteURL.Path.calendar.link("\(token.token).ics"))
    }

    /// The user's latest 100 notifications, newest first.
    static func recent(for userID: UUID, on db: Database) async throws -> [AppNotification] {
        try await AppNotification.query(on: db).filter(\.$userID == userID).sort(\.$createdAt, .descending).limit(100).all()
    }

    /// The number the navigation shows beside the notifications link.
    static func unreadCount(of userID: UUID, on db: Database) async throws -> Int {
        try await AppNotification.query(on: db).filter(\.$userID == userID).filter(\.$readAt == nil).count()
    }

    /// Marks one of the user's notifications read (keeping the first reading time); another user's is as unknown as a missing one.
    static func markRead(_ id: UUID, for user: User, on req: Request) async throws {
        guard let n = try await AppNotification.find(id, on: req.db), n.userID == user.id else {
            throw AppError.notFound(req.t("problem.not-found.detail"))
        }
        n.readAt = n.readAt ?? req.now
        try await n.save(on: req.db)
    }

    /// Marks every unread notification of the user read, at `date`, in one statement.
    static func markAllRead(of userID: UUID, at date: Date, on db: Database) async throws {
        try await AppNotification.query(on: db).filter(\.$userID == userID).filter(\.$readAt == nil)
            .set(\.$readAt, to: date).update()
    }

    /// The outbox as the administrator reads it: the latest 500 messages, newest first.
    static func outbox(on db: Database) async throws -> [OutboxMessage] {
        try await OutboxMessage.query(on: db).sort(\.$createdAt, .descending).limit(500).all()
    }

    /// Puts a dead (or waiting) message back in line, now; audited.
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
}
