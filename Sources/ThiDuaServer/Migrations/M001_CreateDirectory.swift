import Fluent

/// Units and blocs.
struct M001_CreateDirectory: AsyncMigration {
    var name: String { "M001_CreateDirectory" }

    func prepare(on database: Database) async throws {
        try await database.schema(Unit.schema)
            .id()
            .field("name", .string, .required)
            .field("short_name", .string, .required)
            .field("contact_email", .string)
            .unique(on: "short_name")
            .create()
        try await database.schema(Bloc.schema)
            .id()
            .field("name", .string, .required)
            .field("issuer", .string, .required)
            .field("house_style", .string, .required)
            .unique(on: "name")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(Bloc.schema).delete()
        try await database.schema(Unit.schema).delete()
    }
}
