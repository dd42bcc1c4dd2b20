import Fluent
import SQLKit

/// Sealed electronic rounds (issue 15): the papers are stored encrypted under a key whose secret exists only as
/// trustees' shares. A round records whether it is sealed, its threshold and election key, and the least number of
/// choices a paper holds; a paper its encrypted form; the trustees' seats and posts get their own table.
struct M017_SealBallots: AsyncMigration {
    var name: String { "M017_SealBallots" }

    func prepare(on database: Database) async throws {
        // One column per statement: SQLite adds a single column at a time.
        try await database.schema("ballots").field("sealed", .bool, .required, .sql(.default(false))).update()
        try await database.schema("ballots").field("trustee_threshold", .int).update()
        try await database.schema("ballots").field("public_key", .string).update()
        try await database.schema("ballots").field("min_choices", .int).update()
        try await database.schema("ballot_papers").field("sealed", .string).update()
        try await database.schema(BallotTrustee.schema)
            .id()
            .field("ballot_id", .uuid, .required, .references("ballots", "id", onDelete: .restrict))
            .field("number", .int, .required)
            .field("seat", .string, .required)
            .field("unit_id", .uuid, .references("units", "id", onDelete: .restrict))
            .field("user_id", .uuid, .references("users", "id", onDelete: .restrict))
            .field("name", .string, .required)
            .field("holder_user_id", .uuid, .references("users", "id", onDelete: .restrict))
            .field("holder_name", .string)
            .field("key", .string)
            .field("shares", .string)
            .field("decryption", .string)
            .unique(on: "ballot_id", "number")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(BallotTrustee.schema).delete()
        try await database.schema("ballot_papers").deleteField("sealed").update()
        for field: FieldKey in ["min_choices", "public_key", "trustee_threshold", "sealed"] {
            try await database.schema("ballots").deleteField(field).update()
        }
    }
}
