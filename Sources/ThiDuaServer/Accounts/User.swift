import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// A person who signs in. Its `Role` is one of three kinds of account; the secretariat is not a role but
/// follows from a cycle's head and deputy units.
final class User: Model, Authenticatable, @unchecked Sendable {
    static let schema = "users"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "display_name") var displayName: String
    @Field(key: "role") var role: Role
    @OptionalParent(key: "unit_id") var unit: Unit?
    /// For a reviewer: the province whose blocs (by their `place`) the board's views show; nil shows every bloc.
    @OptionalField(key: "province") var province: String?

    init() {}

    init(id: UUID? = nil, username: String, passwordHash: String, displayName: String, role: Role, unitID: UUID?) {
        self.id = id
        self.username = username
        self.passwordHash = passwordHash
        self.displayName = displayName
        self.role = role
        self.$unit.id = unitID
    }
}

/// A bearer token for integrations; only its SHA-256 is stored, so a database leak gives no usable token.
final class APIToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Parent(key: "user_id") var user: User
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date

    init() {}

    init(userID: UUID, tokenHash: String, expiresAt: Date) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.expiresAt = expiresAt
    }
}

/// A failed sign-in, kept in the database so that rate limiting holds across instances.
final class LoginFailure: Model, @unchecked Sendable {
    static let schema = "login_failures"

    @ID(key: .id) var id: UUID?
    @Field(key: "username") var username: String
    @Field(key: "ip") var ip: String
    @Field(key: "at") var at: Date

    init() {}

    init(username: String, ip: String, at: Date) {
        self.username = username
        self.ip = ip
        self.at = at
    }
}
