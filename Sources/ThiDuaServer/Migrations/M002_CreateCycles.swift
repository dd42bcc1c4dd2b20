import Fluent

/// Rule sets, cycles and memberships.
struct M002_CreateCycles: AsyncMigration {
    var name: String { "M002_CreateCycles" }

    func prepare(on database: Database) async throws {
        try await database.schema(RuleSetRecord.schema)
            .id()
            .field("key", .string, .required)
            .field("version", .string, .required)
            .field("name", .string, .required)
            .field("is_example", .bool, .required)
            .field("document", .string, .required)
            .unique(on: "key", "version")
            .create()
        try await database.schema(Cycle.schema)
            .id()
            .field("bloc_id", .uuid, .required, .references(Bloc.schema, "id", onDelete: .restrict))
            .field("year", .int, .required)
            .field("head_unit_id", .uuid, .required, .references(Unit.schema, "id", onDelete: .restrict))
            .field("deputy_unit_id", .uuid, .required, .references(Unit.schema, "id", onDelete: .restrict))
            .field("rule_set_id", .uuid, .references(RuleSetRecord.schema, "id", onDelete: .restrict))
            .unique(on: "bloc_id", "year")
            .create()
        try await database.schema(Membership.schema)
            .id()
            .field("cycle_id", .uuid, .required, .references(Cycle.schema, "id", onDelete: .cascade))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id", onDelete: .restrict))
            .unique(on: "cycle_id", "unit_id")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(Membership.schema).delete()
        try await database.schema(Cycle.schema).delete()
        try await database.schema(RuleSetRecord.schema).delete()
    }
}
