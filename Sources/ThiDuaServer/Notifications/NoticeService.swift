import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Queues e-mail into the outbox and writes in-app notifications; delivery happens later, in `OutboxWorker`.
enum NoticeService {
    /// The product's name, which signs every notice e-mail. A proper name, the same in every language (vi.json's
    /// and en.json's `app_name`), kept here as a literal because `notifyUnit` runs without the app's localizer
    /// (reminders are queued with a database only).
    static let productName = "ThiĐua"

    /// Queues one message; a second call with the same `dedupeKey` does nothing, so a reminder is never queued twice.
    /// Returns the queued message, or nil when the key was already queued.
    @discardableResult
    static func enqueue(to email: String, name: String?, subject: String, text: String, html: String?, dedupeKey: String,
                        now: Date, on db: Database) async throws -> OutboxMessage? {
        if try await OutboxMessage.query(on: db).filter(\.$dedupeKey == dedupeKey).first() != nil { return nil }
        let m = OutboxMessage()
        m.messageID = "<\(UUID().uuidString.lowercased())@thidua.local>"
        m.dedupeKey = dedupeKey
        m.toEmail = email
        m.toName = name
        m.subject = subject
        m.text = text
        m.html = html
        m.status = .pending
        m.attempts = 0
        m.nextAttemptAt = now
        m.createdAt = now
        do { try await m.create(on: db) } catch let error as DatabaseError where error.isConstraintFailure {
            // Another instance queued the same notice first.
            return nil
        }
        return m
    }

    /// A notice to a unit: e-mail to its contact address, and an in-app notification to each of its officers.
    static func notifyUnit(_ unitID: UUID, title: String, body: String, link: String?, dedupeKey: String, now: Date, on db: Database) async throws {
        guard let unit = try await Unit.find(unitID, on: db) else { return }
        if let email = unit.contactEmail {
            let text = body + (link.map { "\n\n\($0)" } ?? "") + "\n\n— \(productName)"
            let html = "<p>\(escape(body))</p>" + (link.map { "<p><a href=\"\(escape($0))\">\(escape($0))</a></p>" } ?? "")
            try await enqueue(to: email, name: unit.name, subject: title, text: text, html: html, dedupeKey: dedupeKey, now: now, on: db)
        }
        for user in try await User.query(on: db).filter(\.$unit.$id == unitID).all() {
            let userID = try user.requireID()
            if try await AppNotification.query(on: db).filter(\.$userID == userID).filter(\.$dedupeKey == dedupeKey).first() != nil { continue }
            let n = AppNotification()
            (n.userID, n.title, n.body, n.link, n.dedupeKey, n.createdAt) = (userID, title, body, link, dedupeKey, now)
            try await n.create(on: db)
        }
    }

    /// An in-app notice to one person (a board member who holds a ballot key), once per `dedupeKey`.
    static func notifyUser(_ userID: UUID, title: String, body: String, link: String?, dedupeKey: String, now: Date, on db: Database) async throws {
        if try await AppNotification.query(on: db).filter(\.$userID == userID).filter(\.$dedupeKey == dedupeKey).first() != nil { return }
        let n = AppNotification()
        (n.userID, n.title, n.body, n.link, n.dedupeKey, n.createdAt) = (userID, title, body, link, dedupeKey, now)
        try await n.create(on: db)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
