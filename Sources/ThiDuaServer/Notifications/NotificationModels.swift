import Fluent
import Foundation
import ThiDuaCore

/// A message waiting for, or done with, SMTP delivery. The outbox survives restarts; `messageID` is the
/// message's stable identity, and `dedupeKey` keeps a reminder from being queued twice.
final class OutboxMessage: Model, @unchecked Sendable {
    static let schema = "outbox"

    @ID(key: .id) var id: UUID?
    @Field(key: "message_id") var messageID: String
    @Field(key: "dedupe_key") var dedupeKey: String
    @Field(key: "to_email") var toEmail: String
    @OptionalField(key: "to_name") var toName: String?
    @Field(key: "subject") var subject: String
    @Field(key: "text") var text: String
    @OptionalField(key: "html") var html: String?
    @Field(key: "status") var status: OutboxStatus
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    @OptionalField(key: "last_error") var lastError: String?
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}
}

/// An in-app notice for one user.
final class AppNotification: Model, @unchecked Sendable {
    static let schema = "notifications"

    @ID(key: .id) var id: UUID?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "title") var title: String
    @Field(key: "body") var body: String
    @OptionalField(key: "link") var link: String?
    /// Reminders run again and again; the key keeps each notice to one per user.
    @Field(key: "dedupe_key") var dedupeKey: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "read_at") var readAt: Date?

    init() {}
}

/// The unguessable token behind a unit's calendar feed URL.
final class CalendarToken: Model, @unchecked Sendable {
    static let schema = "calendar_tokens"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "token") var token: String

    init() {}
}
