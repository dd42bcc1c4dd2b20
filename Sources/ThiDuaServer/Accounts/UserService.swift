import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// An account as the API shows it; never the password hash.
struct UserDTO: Content, Equatable {
    var id: UUID
    var username: String
    var displayName: String
    var role: Role
    var unitID: UUID?
    var province: String?

    init(_ user: User) throws {
        id = try user.requireID()
        username = user.username
        displayName = user.displayName
        role = user.role
        unitID = user.$unit.id
        province = user.province
    }
}

struct CreateUserInput: Content {
    var username: String
    var password: String
    var displayName: String
    var role: Role
    var unitID: UUID?
    /// For a reviewer: the province (as blocs write their place) whose blocs the board's views show; all when left out.
    var province: String?
}

/// Accounts, managed by the administrator.
enum UserService {
    static func all(on db: Database) async throws -> [User] {
        try await User.query(on: db).sort(\.$username).all()
    }

    static func create(_ input: CreateUserInput, on req: Request) async throws -> User {
        try req.authorize(.manageUsers)
        let username = AuthService.normalized(try Validate.text(input.username, "username", max: 64, on: req))
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789._-")
        guard username.unicodeScalars.allSatisfy(allowed.contains) else {
            throw AppError.validation("username", req.t("user.bad_username"))
        }
        try PasswordRules.check(input.password, username: username, field: "password", on: req)
        let displayName = try Validate.name(input.displayName, "displayName", on: req)
        let role = input.role
        if role == .officer {
            guard let unitID = input.unitID else { throw AppError.validation("unitID", req.t("user.officer_needs_unit")) }
            guard try await Unit.find(unitID, on: req.db) != nil else {
                throw AppError.validation("unitID", req.t("cycle.unknown_unit"))
            }
        }
        if try await User.query(on: req.db).filter(\.$username == username).first() != nil {
            throw AppError.conflict(req.t("user.duplicate", ["value": username]), field: "username")
        }
        let hash = try await req.application.threadPool.runIfActive {
            try AuthService.hashPassword(input.password, app: req.application)
        }
        let unitID = role == .officer ? input.unitID : nil
        let province = role == .reviewer ? try Validate.optionalName(input.province, "province", max: 100, on: req) : nil
        return try await req.auditedCreate(entity: "user", dto: UserDTO.init) {
            let user = User(username: username, passwordHash: hash, displayName: displayName, role: role, unitID: unitID)
            user.province = province
            return user
        }
    }

    /// Changes the signed-in user's own password after checking the current one; the audit records only that it changed.
    static func changePassword(current: String, new: String, on req: Request) async throws {
        let user = try req.user()
        guard PasswordRules.verify(current, hash: user.passwordHash) else {
            throw AppError.validation("currentPassword", req.t("user.wrong_current_password"))
        }
        try PasswordRules.check(new, username: user.username, field: "newPassword", on: req)
        let hash = try await req.application.threadPool.runIfActive {
            try AuthService.hashPassword(new, app: req.application)
        }
        let actor = req.actorName
        let id = try user.requireID()
        try await req.audited { db in
            user.passwordHash = hash
            try await user.save(on: db)
            // Tokens issued with the old password stop working.
            try await APIToken.query(on: db).filter(\.$user.$id == id).delete()
            return ((), AuditRecord(actor: actor, action: "change-password", entity: "user", entityID: id.uuidString,
                                    before: String?.none, after: ["passwordChanged": true]))
        }
    }
}
