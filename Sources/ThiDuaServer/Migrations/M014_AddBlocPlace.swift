import Fluent

/// A bloc's place, printed in its documents' place-date line ("<place>, ngày …"), and the abbreviation its document
/// numbers end with ("05-KH/KTĐ"): data, no longer constants. (Not landed before this change, so one migration.)
struct M014_AddBlocPlace: AsyncMigration {
    var name: String { "M014_AddBlocPlace" }

    func prepare(on database: Database) async throws {
        // One column per statement: SQLite adds a single column at a time.
        try await database.schema("blocs").field("place", .string).update()
        try await database.schema("blocs").field("symbol", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("blocs").deleteField("symbol").update()
        try await database.schema("blocs").deleteField("place").update()
    }
}
