import Fluent

/// Whom invitees call or write to about the bloc's conference and documents: the secretariat's contact person,
/// telephone and e-mail, printed in the invitation's contact line. Data the secretariat edits, not the head unit's
/// generic address.
struct M016_AddBlocContact: AsyncMigration {
    var name: String { "M016_AddBlocContact" }

    func prepare(on database: Database) async throws {
        // One column per statement: SQLite adds a single column at a time.
        try await database.schema("blocs").field("contact_name", .string).update()
        try await database.schema("blocs").field("contact_phone", .string).update()
        try await database.schema("blocs").field("contact_email", .string).update()
    }

    func revert(on database: Database) async throws {
        try await database.schema("blocs").deleteField("contact_email").update()
        try await database.schema("blocs").deleteField("contact_phone").update()
        try await database.schema("blocs").deleteField("contact_name").update()
    }
}
