import Fluent

/// Scoring tables, self-assessments with evidence, agreed scores, adjustments, history, lock and publication.
struct M008_CreateScoring: AsyncMigration {
    var name: String { "M008_CreateScoring" }

    func prepare(on database: Database) async throws {
        let cycle = { (b: SchemaBuilder) in b.field("cycle_id", .uuid, .required, .references(Cycle.schema, "id", onDelete: .cascade)) }
        try await cycle(database.schema(ScoringTableRecord.schema).id())
            .field("version", .int, .required).field("document", .string, .required).field("frozen_at", .datetime)
            .unique(on: "cycle_id", "version").create()
        try await cycle(database.schema(SelfAssessment.schema).id())
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id", onDelete: .restrict))
            .field("table_version", .int, .required).field("submitted_at", .datetime).field("is_late", .bool, .required)
            .unique(on: "cycle_id", "unit_id").create()
        try await database.schema(SelfScore.schema).id()
            .field("assessment_id", .uuid, .required, .references(SelfAssessment.schema, "id", onDelete: .cascade))
            .field("code", .string, .required).field("points", .string, .required).field("note", .string)
            .unique(on: "assessment_id", "code").create()
        try await database.schema(EvidenceFile.schema).id()
            .field("assessment_id", .uuid, .required, .references(SelfAssessment.schema, "id", onDelete: .restrict))
            .field("code", .string, .required).field("sha256", .string, .required).field("size", .int64, .required)
            .field("content_type", .string, .required).field("original_name", .string, .required)
            .field("uploader_id", .uuid, .required, .references(User.schema, "id", onDelete: .restrict))
            .field("received_at", .datetime, .required).create()
        try await cycle(database.schema(AgreedScore.schema).id())
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id", onDelete: .restrict))
            .field("code", .string, .required).field("points", .string, .required).field("reason", .string)
            .unique(on: "cycle_id", "unit_id", "code").create()
        try await cycle(database.schema(ScoreAdjustment.schema).id())
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id", onDelete: .restrict))
            .field("kind", .string, .required).field("title", .string, .required).field("points", .string, .required)
            .field("penalty_kind", .string).field("reason", .string, .required).create()
        try await cycle(database.schema(ScoreHistory.schema).id())
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id", onDelete: .restrict))
            .field("code", .string, .required).field("before", .string).field("after", .string).field("reason", .string)
            .field("actor", .string, .required).field("at", .datetime, .required).create()
        try await cycle(database.schema(ScoringState.schema).id())
            .field("locked_at", .datetime).field("published_at", .datetime)
            .unique(on: "cycle_id").create()
    }

    func revert(on database: Database) async throws {
        for schema in [ScoringState.schema, ScoreHistory.schema, ScoreAdjustment.schema, AgreedScore.schema, EvidenceFile.schema,
                       SelfScore.schema, SelfAssessment.schema, ScoringTableRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}
