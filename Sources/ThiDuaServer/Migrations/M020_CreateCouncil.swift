import Fluent

/// The provincial council (issue 17): its members (people, some with an account to vote), its sessions with their
/// agenda and attendance, and a ballot per award kind. Who voted and what was chosen are kept in two tables with no
/// link between them, as for the blocs' electronic rounds before sealing: a paper names no member.
struct M020_CreateCouncil: AsyncMigration {
    var name: String { "M020_CreateCouncil" }

    func prepare(on database: Database) async throws {
        try await database.schema("council_members")
            .id()
            .field("full_name", .string, .required)
            .field("position", .string, .required)
            .field("is_chair", .bool, .required)
            .field("user_id", .uuid, .references("users", "id"))
            .field("created_at", .datetime, .required)
            .unique(on: "user_id")
            .create()
        try await database.schema("council_sessions")
            .id()
            .field("year", .int, .required)
            .field("title", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("venue", .string, .required)
            .field("agenda", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.schema("council_attendance")
            .id()
            .field("session_id", .uuid, .required, .references("council_sessions", "id"))
            .field("member_id", .uuid, .required, .references("council_members", "id"))
            .field("present", .bool, .required)
            .unique(on: "session_id", "member_id")
            .create()
        try await database.schema("council_ballots")
            .id()
            .field("session_id", .uuid, .required, .references("council_sessions", "id"))
            .field("award", .string, .required)
            .field("title", .string, .required)
            .field("candidates", .string, .required)
            .field("max_choices", .int, .required)
            .field("quota", .int, .required)
            .field("threshold", .string, .required)
            .field("status", .string, .required)
            .field("members", .int, .required)
            .field("present", .int, .required)
            .field("result", .string)
            .field("opened_at", .datetime, .required)
            .field("closed_at", .datetime)
            .unique(on: "session_id", "award")
            .create()
        try await database.schema("council_participation")
            .id()
            .field("ballot_id", .uuid, .required, .references("council_ballots", "id"))
            .field("member_id", .uuid, .required, .references("council_members", "id"))
            .unique(on: "ballot_id", "member_id")
            .create()
        try await database.schema("council_papers")
            .id()
            .field("ballot_id", .uuid, .required, .references("council_ballots", "id"))
            .field("choices", .string, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        for table in ["council_papers", "council_participation", "council_ballots", "council_attendance", "council_sessions",
                      "council_members"] {
            try await database.schema(table).delete()
        }
    }
}
