import Fluent

/// Plan milestones; a relative one points at its base in the same cycle.
struct M003_CreateMilestones: AsyncMigration {
    var name: String { "M003_CreateMilestones" }

    func prepare(on database: Database) async throws {
        try await database.schema(Milestone.schema)
            .id()
            .field("cycle_id", .uuid, .required, .references(Cycle.schema, "id", onDelete: .cascade))
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("rule_kind", .string, .required)
            .field("fixed_at", .datetime)
            .field("local_date", .string)
            .field("relative_to_id", .uuid, .references(Milestone.schema, "id", onDelete: .restrict))
            .field("offset_days", .int)
            .field("day_kind", .string)
            .field("due_at", .datetime, .required)
            .unique(on: "cycle_id", "code")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(Milestone.schema).delete()
    }
}
