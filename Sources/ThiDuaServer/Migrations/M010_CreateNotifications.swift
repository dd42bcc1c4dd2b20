import Fluent

/// The mail outbox, in-app notifications and calendar feed tokens.
struct M010_CreateNotifications: AsyncMigration {
    var name: String { "M010_CreateNotifications" }

    func prepare(on database: Database) async throws {
        try await database.schema(OutboxMessage.schema).id()
            .field("message_id", .string, .required).field("dedupe_key", .string, .required)
            .field("to_email", .string, .required).field("to_name", .string).field("subject", .string, .required)
            .field("text", .string, .required).field("html", .string).field("status", .string, .required)
            .field("attempts", .int, .required).field("next_attempt_at", .datetime, .required).field("last_error", .string)
            .field("created_at", .datetime, .required).field("sent_at", .datetime)
            .unique(on: "message_id").unique(on: "dedupe_key").create()
        try await database.schema(AppNotification.schema).id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("title", .string, .required).field("body", .string, .required).field("link", .string)
            .field("dedupe_key", .string, .required).field("created_at", .datetime, .required).field("read_at", .datetime)
            .unique(on: "user_id", "dedupe_key").create()
        try await database.schema(CalendarToken.schema).id()
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id", onDelete: .cascade))
            .field("token", .string, .required).unique(on: "unit_id").unique(on: "token").create()
    }

    func revert(on database: Database) async throws {
        for schema in [CalendarToken.schema, AppNotification.schema, OutboxMessage.schema] { try await database.schema(schema).delete() }
    }
}
