import Fluent

/// Plan data, replaceable templates, generated documents and the number register.
struct M009_CreateDocuments: AsyncMigration {
    var name: String { "M009_CreateDocuments" }

    func prepare(on database: Database) async throws {
        try await database.schema(PlanRecord.schema).id()
            .field("cycle_id", .uuid, .required, .references(Cycle.schema, "id", onDelete: .cascade))
            .field("document", .string, .required).unique(on: "cycle_id").create()
        try await database.schema(DocumentTemplateRecord.schema).id()
            .field("kind", .string, .required).field("style", .string, .required).field("sha256", .string, .required)
            .field("uploaded_by", .string, .required).field("uploaded_at", .datetime, .required)
            .unique(on: "kind", "style").create()
        try await database.schema(GeneratedDocument.schema).id()
            .field("cycle_id", .uuid, .required, .references(Cycle.schema, "id", onDelete: .restrict))
            .field("kind", .string, .required).field("number", .string, .required).field("sha256", .string, .required)
            .field("data_hash", .string, .required).field("created_at", .datetime, .required).create()
        try await database.schema(DocumentNumber.schema).id()
            .field("bloc_id", .uuid, .required, .references(Bloc.schema, "id", onDelete: .restrict))
            .field("year", .int, .required).field("seq", .int, .required).field("kind", .string, .required)
            .unique(on: "bloc_id", "year", "seq").create()
    }

    func revert(on database: Database) async throws {
        for schema in [DocumentNumber.schema, GeneratedDocument.schema, DocumentTemplateRecord.schema, PlanRecord.schema] {
            try await database.schema(schema).delete()
        }
    }
}
