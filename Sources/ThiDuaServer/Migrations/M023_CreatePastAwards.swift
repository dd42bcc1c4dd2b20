import Fluent

/// Awards of years before the system, imported from the board's workbooks (issue 17). They join each unit's and
/// person's history (eligibility warnings, the province's search) and that year's statistics. A row is kept once:
/// its year, award, holder and decision number are unique, so a workbook imported twice adds nothing.
struct M023_CreatePastAwards: AsyncMigration {
    var name: String { "M023_CreatePastAwards" }

    func prepare(on database: Database) async throws {
        try await database.schema("past_awards")
            .id()
            .field("year", .int, .required)
            .field("award", .string, .required)
            .field("unit_id", .uuid, .required, .references("units", "id"))
            .field("person_id", .uuid, .references("people", "id"))
            /// "unit:<id>" or "person:<id>": what the unique index compares (a null person would not be compared).
            .field("holder_key", .string, .required)
            .field("decision_number", .string, .required)
            .field("decision_date", .string, .required)
            .field("method", .string, .required)
            .field("imported_at", .datetime, .required)
            .field("imported_by", .string, .required)
            .unique(on: "year", "award", "holder_key", "decision_number")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("past_awards").delete()
    }
}
