import Fluent
import SQLKit

/// The conference, its agenda and attendance, and secret ballots.
///
/// The two ballot tables are the secrecy boundary: participation ("who voted") and papers ("what was voted")
/// share only the ballot's ID, carry no time, and on SQLite are WITHOUT ROWID tables keyed by random UUIDs,
/// so not even the storage order records which came first.
struct M007_CreateConference: AsyncMigration {
    var name: String { "M007_CreateConference" }

    func prepare(on database: Database) async throws {
        try await database.schema(Conference.schema)
            .id()
            .field("cycle_id", .uuid, .required, .references(Cycle.schema, "id", onDelete: .cascade))
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime)
            .field("venue", .string, .required)
            .field("form", .string, .required)
            .field("minutes", .string)
            .field("minutes_locked_at", .datetime)
            .unique(on: "cycle_id")
            .create()
        try await database.schema(ParticipantGroup.schema)
            .id()
            .field("conference_id", .uuid, .required, .references(Conference.schema, "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("name", .string, .required)
            .field("members", .string, .required)
            .create()
        try await database.schema(AgendaItem.schema)
            .id()
            .field("conference_id", .uuid, .required, .references(Conference.schema, "id", onDelete: .cascade))
            .field("part", .string, .required)
            .field("number", .int, .required)
            .field("text", .string, .required)
            .field("link", .string)
            .field("ballot_kind", .string)
            .field("outcome", .string)
            .create()
        try await database.schema(Attendance.schema)
            .id()
            .field("conference_id", .uuid, .required, .references(Conference.schema, "id", onDelete: .cascade))
            .field("unit_id", .uuid, .required, .references(Unit.schema, "id", onDelete: .restrict))
            .field("present", .bool, .required)
            .field("representative", .string)
            .field("checked_in_at", .datetime, .required)
            .unique(on: "conference_id", "unit_id")
            .create()
        try await database.schema(Ballot.schema)
            .id()
            .field("cycle_id", .uuid, .required, .references(Cycle.schema, "id", onDelete: .restrict))
            .field("parent_id", .uuid, .references(Ballot.schema, "id", onDelete: .restrict))
            .field("round", .int, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("max_choices", .int, .required)
            .field("mode", .string, .required)
            .field("status", .string, .required)
            .field("quota", .int, .required)
            .field("threshold", .string, .required)
            .field("self_vote_allowed", .bool, .required)
            .field("opened_at", .datetime)
            .field("closed_at", .datetime)
            .field("result", .string)
            .field("paper_count", .string)
            .create()
        try await database.schema(BallotCandidate.schema)
            .id()
            .field("ballot_id", .uuid, .required, .references(Ballot.schema, "id", onDelete: .cascade))
            .field("candidate", .string, .required)
            .field("position", .int, .required)
            .field("reason", .string)
            .unique(on: "ballot_id", "candidate")
            .create()
        if let sql = database as? SQLDatabase, sql.dialect.name == "sqlite" {
            try await sql.raw("""
                CREATE TABLE ballot_participation (id BLOB PRIMARY KEY NOT NULL, ballot_id BLOB NOT NULL REFERENCES ballots(id),
                unit_id BLOB NOT NULL REFERENCES units(id), UNIQUE (ballot_id, unit_id)) WITHOUT ROWID
                """).run()
            try await sql.raw("""
                CREATE TABLE ballot_papers (id BLOB PRIMARY KEY NOT NULL, ballot_id BLOB NOT NULL REFERENCES ballots(id),
                choices TEXT NOT NULL, receipt TEXT NOT NULL UNIQUE) WITHOUT ROWID
                """).run()
        } else {
            try await database.schema(BallotParticipation.schema)
                .id()
                .field("ballot_id", .uuid, .required, .references(Ballot.schema, "id", onDelete: .restrict))
                .field("unit_id", .uuid, .required, .references(Unit.schema, "id", onDelete: .restrict))
                .unique(on: "ballot_id", "unit_id")
                .create()
            try await database.schema(BallotPaper.schema)
                .id()
                .field("ballot_id", .uuid, .required, .references(Ballot.schema, "id", onDelete: .restrict))
                .field("choices", .string, .required)
                .field("receipt", .string, .required)
                .unique(on: "receipt")
                .create()
        }
    }

    func revert(on database: Database) async throws {
        for schema in [BallotPaper.schema, BallotParticipation.schema, BallotCandidate.schema, Ballot.schema,
                       Attendance.schema, AgendaItem.schema, ParticipantGroup.schema, Conference.schema] {
            try await database.schema(schema).delete()
        }
    }
}
