import Fluent

/// Who chaired the conference, kept its minutes and counted its votes: the minutes and the count minutes name them
/// instead of leaving lines to fill by hand (one JSON column: the three are always edited and read together); and
/// the conclusions the secretariat writes for section IV of the minutes.
struct M015_AddConferenceOfficers: AsyncMigration {
    var name: String { "M015_AddConferenceOfficers" }

    func prepare(on database: Database) async throws {
        // One column per statement: SQLite adds a single column at a time.
        try await database.schema("conferences").field("officers", .string).update()
        try await database.schema("conferences").field("conclusion", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("conferences").deleteField("conclusion").update()
        try await database.schema("conferences").deleteField("officers").update()
    }
}
