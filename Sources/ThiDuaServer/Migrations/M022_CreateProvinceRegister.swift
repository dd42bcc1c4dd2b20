import Fluent

/// The province's own number register (issue 17), for documents the board drafts above the blocs (the chairman's
/// decision): a (year, sequence) is issued once, and a kind ("decision:provincialFlag:2023") holds one number, so a
/// draft downloaded again keeps it.
struct M022_CreateProvinceRegister: AsyncMigration {
    var name: String { "M022_CreateProvinceRegister" }

    func prepare(on database: Database) async throws {
        try await database.schema("province_numbers")
            .id()
            .field("year", .int, .required)
            .field("seq", .int, .required)
            .field("kind", .string, .required)
            .unique(on: "year", "seq")
            .unique(on: "kind")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("province_numbers").delete()
    }
}
