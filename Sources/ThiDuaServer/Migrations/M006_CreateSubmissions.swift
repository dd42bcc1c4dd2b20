import Fluent

/// Requirements, their targets, extensions, paper originals and submitted versions.
struct M006_CreateSubmissions: AsyncMigration {
    var name: String { "M006_CreateSubmissions" }

    func prepare(on database: Database) async throws {
        try await database.schema(Requirement.schema)
            .id()
            .field("cycle_id", .uuid, .required, .references(Cycle.schema, "id", onDelete: .cascade))
            .field("parent_id", .uuid, .references(Requirement.schema, "id", onDelete: .restrict))
            .field("code", .string, .required)
            .field("title", .string, .required)
            .field("milestone_id", .uuid, .required, .references(Milestone.schema, "id", onDelete: .restrict))
            .field("audience", .string, .required)
            .field("accepted_kinds", .string, .required)
            .field("max_bytes", .int64, .required)
            .field("max_pages", .int)
            .field("originals_required", .int, .required)
            .field("closed_at", .datetime)
            .unique(on: "cycle_id", "code")
            .create()
        try await database.schema(RequirementTarget.schema)
            .id()
            .field("requirement_id", .uuid, .required, .references(Requirement.schema, "id", onDelete: .cascade))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id", onDelete: .restrict))
            .unique(on: "requirement_id", "unit_id")
            .create()
        try await database.schema(DeadlineExtension.schema)
            .id()
            .field("requirement_id", .uuid, .required, .references(Requirement.schema, "id", onDelete: .cascade))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id", onDelete: .restrict))
            .field("due_at", .datetime, .required)
            .unique(on: "requirement_id", "unit_id")
            .create()
        try await database.schema(PaperOriginals.schema)
            .id()
            .field("requirement_id", .uuid, .required, .references(Requirement.schema, "id", onDelete: .cascade))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id", onDelete: .restrict))
            .field("count", .int, .required)
            .field("received_at", .datetime, .required)
            .unique(on: "requirement_id", "unit_id")
            .create()
        try await database.schema(Submission.schema)
            .id()
            .field("requirement_id", .uuid, .required, .references(Requirement.schema, "id", onDelete: .restrict))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id", onDelete: .restrict))
            .field("version", .int, .required)
            .field("sha256", .string, .required)
            .field("size", .int64, .required)
            .field("content_type", .string, .required)
            .field("file_kind", .string, .required)
            .field("original_name", .string, .required)
            .field("uploader_id", .uuid, .required, .references(User.schema, "id", onDelete: .restrict))
            .field("received_at", .datetime, .required)
            .field("is_late", .bool, .required)
            .field("review", .string, .required)
            .field("review_reason", .string)
            .field("reviewed_by", .string)
            .field("reviewed_at", .datetime)
            .unique(on: "requirement_id", "unit_id", "version")
            .create()
    }

    func revert(on database: Database) async throws {
        for schema in [Submission.schema, PaperOriginals.schema, DeadlineExtension.schema, RequirementTarget.schema, Requirement.schema] {
            try await database.schema(schema).delete()
        }
    }
}
