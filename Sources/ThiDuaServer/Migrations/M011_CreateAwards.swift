import Fluent

/// People, nominees, proposals, decisions and the award history.
struct M011_CreateAwards: AsyncMigration {
    var name: String { "M011_CreateAwards" }

    func prepare(on database: Database) async throws {
        let unit = { (b: SchemaBuilder) in b.field("unit_id", .uuid, .required, .references(Unit.schema, "id", onDelete: .restrict)) }
        try await unit(database.schema(Person.schema).id())
            .field("full_name", .string, .required).field("folded_name", .string, .required).field("position", .string).create()
        try await unit(database.schema(Nominee.schema).id())
            .field("cycle_id", .uuid, .required, .references(Cycle.schema, "id", onDelete: .cascade))
            .field("kind", .string, .required).field("person_id", .uuid, .references(Person.schema, "id", onDelete: .restrict))
            .field("label", .string, .required).field("award", .string, .required).field("source", .string, .required).create()
        try await database.schema(Proposal.schema).id()
            .field("cycle_id", .uuid, .required, .references(Cycle.schema, "id", onDelete: .cascade))
            .field("title", .string, .required).field("status", .string, .required).field("sent_at", .datetime)
            .field("override_reason", .string).create()
        try await database.schema(ProposalNominee.schema).id()
            .field("proposal_id", .uuid, .required, .references(Proposal.schema, "id", onDelete: .cascade))
            .field("nominee_id", .uuid, .required, .references(Nominee.schema, "id", onDelete: .restrict))
            .unique(on: "proposal_id", "nominee_id").create()
        try await database.schema(Decision.schema).id()
            .field("proposal_id", .uuid, .required, .references(Proposal.schema, "id", onDelete: .restrict))
            .field("number", .string, .required).field("date", .string, .required).field("issuer", .string, .required)
            .field("recorded_at", .datetime, .required).create()
        try await unit(database.schema(AwardEntry.schema).id())
            .field("decision_id", .uuid, .required, .references(Decision.schema, "id", onDelete: .restrict))
            .field("nominee_id", .uuid, .required, .references(Nominee.schema, "id", onDelete: .restrict))
            .field("person_id", .uuid, .references(Person.schema, "id", onDelete: .restrict))
            .field("award", .string, .required).field("year", .int, .required).field("awarded", .bool, .required)
            .unique(on: "decision_id", "nominee_id").create()
    }

    func revert(on database: Database) async throws {
        for schema in [AwardEntry.schema, Decision.schema, ProposalNominee.schema, Proposal.schema, Nominee.schema, Person.schema] {
            try await database.schema(schema).delete()
        }
    }
}
