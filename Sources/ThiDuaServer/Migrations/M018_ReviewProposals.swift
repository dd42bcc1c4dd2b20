import Fluent

/// The provincial board's review of a bloc's proposal (issue 17): a proposal sent to the province is accepted for
/// the council or returned to the bloc with a reason; the last review's reason, time and reviewer are kept on it
/// (every review is also in the audit log).
struct M018_ReviewProposals: AsyncMigration {
    var name: String { "M018_ReviewProposals" }

    func prepare(on database: Database) async throws {
        // One column per statement: SQLite adds a single column at a time.
        try await database.schema("proposals").field("return_reason", .string).update()
        try await database.schema("proposals").field("reviewed_at", .datetime).update()
        try await database.schema("proposals").field("reviewed_by", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("proposals").deleteField("reviewed_by").update()
        try await database.schema("proposals").deleteField("reviewed_at").update()
        try await database.schema("proposals").deleteField("return_reason").update()
    }
}
