import Fluent

/// Who chaired the conference, kept its minutes and counted its votes: the minutes and the count minutes name them
/// instead of leaving lines to fill by hand. One JSON column, since the three are always edited and read together.
struct M015_AddConferenceOfficers: AsyncMigration {
    var name: String { "M015_AddConferenceOfficers" }

    func prepare(on database: Database) async throws {
        try await database.schema("conferences").field("officers", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("conferences").deleteField("officers").update()
    }
}
