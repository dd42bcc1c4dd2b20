import Fluent

/// A decision's scanned file, and the documents a proposal is sent with (its letter, the achievement reports).
struct M012_LinkAwardDocuments: AsyncMigration {
    var name: String { "M012_LinkAwardDocuments" }

    func prepare(on database: Database) async throws {
        // One column per statement: SQLite adds a single column per ALTER TABLE.
        let columns: [(FieldKey, DatabaseSchema.DataType)] = [
            ("scan_sha256", .string), ("scan_name", .string), ("scan_type", .string), ("scan_size", .int), ("scan_uploaded_at", .datetime),
        ]
        for (name, type) in columns { try await database.schema(Decision.schema).field(name, type).update() }
        try await database.schema(ProposalAttachment.schema).id()
            .field("proposal_id", .uuid, .required, .references(Proposal.schema, "id", onDelete: .cascade))
            .field("role", .string, .required)
            .field("generated_document_id", .uuid, .references(GeneratedDocument.schema, "id", onDelete: .restrict))
            .field("submission_id", .uuid, .references(Submission.schema, "id", onDelete: .restrict))
            .field("linked_at", .datetime, .required)
            .unique(on: "proposal_id", "generated_document_id").unique(on: "proposal_id", "submission_id").create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(ProposalAttachment.schema).delete()
        for name in ["scan_sha256", "scan_name", "scan_type", "scan_size", "scan_uploaded_at"] {
            try await database.schema(Decision.schema).deleteField(FieldKey(stringLiteral: name)).update()
        }
    }
}
