import Fluent

/// Users, API tokens and failed sign-ins.
struct M004_CreateAccounts: AsyncMigration {
    var name: String { "M004_CreateAccounts" }

    func prepare(on database: Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("username", .string, .required)
            .field("password_hash", .string, .required)
            .field("display_name", .string, .required)
            .field("role", .string, .required)
            .field("unit_id", .uuid, .references(Unit.schema, "id", onDelete: .restrict))
            .unique(on: "username")
            .create()
        try await database.schema(APIToken.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, "id", onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema(LoginFailure.schema)
            .id()
            .field("username", .string, .required)
            .field("ip", .string, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema(LoginFailure.schema).delete()
        try await database.schema(APIToken.schema).delete()
        try await database.schema(User.schema).delete()
    }
}
