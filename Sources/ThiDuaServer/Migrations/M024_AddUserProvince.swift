import Fluent

/// The province a board reviewer works for (issue 17: "the board sees every bloc of its province"): nil sees every
/// bloc, as before, which is right for a server that holds one province.
struct M024_AddUserProvince: AsyncMigration {
    var name: String { "M024_AddUserProvince" }

    func prepare(on database: Database) async throws {
        try await database.schema("users").field("province", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("users").deleteField("province").update()
    }
}
