import Fluent

/// The hash-chained audit log; `seq` is unique so two writers can never both extend the same entry.
struct M005_CreateAuditLog: AsyncMigration {
    var name: String { "M005_CreateAuditLog" }

    func prepare(on database: Database) async throws {
        try await database.schema(AuditEntry.schema)
            .id()
            .field("seq", .int, .required)
            .field("recorded_at", .string, .required)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("before", .string)
            .field("after", .string)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "seq")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(AuditEntry.schema).delete()
    }
}
