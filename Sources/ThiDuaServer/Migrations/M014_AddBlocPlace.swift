import Fluent

/// A bloc's place, printed in its documents' place-date line ("<place>, ngày …"): data, no longer a constant.
struct M014_AddBlocPlace: AsyncMigration {
    var name: String { "M014_AddBlocPlace" }

    func prepare(on database: Database) async throws {
        try await database.schema("blocs").field("place", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("blocs").deleteField("place").update()
    }
}
