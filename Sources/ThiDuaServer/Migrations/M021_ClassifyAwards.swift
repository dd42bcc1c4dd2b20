import Fluent

/// What the yearly statistics (Thông tư 02/2023/TT-BNV) count and the system did not hold (issue 17): the method of
/// a decision's awards, and where a person stands. Rows from before stay empty and are counted as "regular" and "not
/// recorded", which the sheet says.
struct M021_ClassifyAwards: AsyncMigration {
    var name: String { "M021_ClassifyAwards" }

    func prepare(on database: Database) async throws {
        try await database.schema("decisions").field("method", .string).update()
        try await database.schema("people").field("position_level", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("people").deleteField("position_level").update()
        try await database.schema("decisions").deleteField("method").update()
    }
}
