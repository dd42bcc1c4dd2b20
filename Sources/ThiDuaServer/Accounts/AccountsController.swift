import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Sign-in, sign-out and the administrator's accounts page.
enum AccountsController {
    /// Session flag: the password used at sign-in no longer qualifies (see `PasswordRules.qualifies`).
    static let passwordOutdatedKey = "passwordOutdated"

    struct LoginPage: Encodable {
        var next: String
        var username: String
    }

    struct LoginForm: Content {
        var username: String?
        var password: String?
        var next: String?
    }

    static func loginPage(_ req: Request) async throws -> Response {
        if req.auth.has(User.self) { return req.redirect(to: SiteURL.home) }
        let next = req.query[String.self, at: "next"].flatMap(SiteURL.safeLocalPath) ?? SiteURL.home
        return try await req.render("accounts/login", title: req.t("login_title"), LoginPage(next: next, username: ""))
            .encodeResponse(for: req)
    }

    static func login(_ req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let next = form.next.flatMap(SiteURL.safeLocalPath) ?? SiteURL.home
        do {
            let signIn = try await AuthService.authenticate(username: form.username ?? "", password: form.password ?? "", on: req)
            let user = signIn.user
            // A fresh session ID and CSRF token on sign-in, so a session fixed before sign-in is worthless after it.
            if let oldID = req.session.id {
                try await AuthService.endSession(oldID, on: req.db)
                req.session.id = nil
            }
            req.session.data[CSRFMiddleware.sessionKey] = nil
            req.session.data[SessionUserAuthenticator.key] = try user.requireID().uuidString
            req.session.data[SessionUserAuthenticator.signedInKey] = String(Int(req.now.timeIntervalSince1970))
            req.session.data[Self.passwordOutdatedKey] = signIn.passwordOutdated ? "1" : nil
            req.auth.login(user)
            return req.redirect(to: next)
        } catch let error as AppError {
            req.setFlash(Flash(kind: .error, message: error.detail, values: ["username": form.username ?? ""]))
            let response = req.redirect(to: SiteURL.login(next: next))
            if error.status == .tooManyRequests { response.headers.add(contentsOf: error.headers) }
            return response
        }
    }

    static func logout(_ req: Request) async throws -> Response {
        req.auth.logout(User.self)
        req.session.destroy()
        return req.redirect(to: SiteURL.login())
    }

    struct UsersPage: Encodable {
        var users: [Row]
        var units: [UnitDTO]
        var roles: [Option]

        struct Row: Encodable {
            var username: String
            var displayName: String
            var roleLabel: String
            var unitName: String?
            var province: String?
        }
    }

    struct Option: Encodable {
        var value: String
        var label: String
    }

    static func users(_ req: Request) async throws -> View {
        try req.authorize(.manageUsers)
        let units = try await DirectoryService.units(on: req.db)
        let names = Dictionary(uniqueKeysWithValues: units.compactMap { u in u.id.map { ($0, u.name) } })
        let rows = try await UserService.all(on: req.db).map {
            UsersPage.Row(username: $0.username, displayName: $0.displayName,
                          roleLabel: req.t($0.role.labelKey), unitName: $0.$unit.id.flatMap { names[$0] }, province: $0.province)
        }
        let roles = Role.allCases.map { Option(value: $0.rawValue, label: req.t($0.labelKey)) }
        return try await req.render("accounts/users", title: req.t("users_title"),
                                    UsersPage(users: rows, units: try units.map(UnitDTO.init), roles: roles))
    }

    static func createUser(_ req: Request) async throws -> Response {
        try req.authorize(.manageUsers)
        return try await req.formAction(back: SiteURL.users) {
            // The form posts the API's own input.
            let user = try await UserService.create(Validate.formInput(CreateUserInput.self, on: req), on: req)
            req.setFlash(Flash(kind: .ok, message: req.t("user_created", ["value": user.username])))
            return SiteURL.users
        }
    }

    struct PasswordForm: Content {
        var currentPassword: String?
        var newPassword: String?
        var confirmPassword: String?
    }

    static func passwordPage(_ req: Request) async throws -> View {
        try await req.render("accounts/password", title: req.t("password_title"), [String: String]())
    }

    static func changePassword(_ req: Request) async throws -> Response {
        let form = try req.content.decode(PasswordForm.self)
        return try await req.formAction(back: SiteURL.password) {
            guard form.newPassword == form.confirmPassword else {
                throw AppError.validation("confirmPassword", req.t("user.password_mismatch"))
            }
            try await UserService.changePassword(current: form.currentPassword ?? "", new: form.newPassword ?? "", on: req)
            req.session.data[Self.passwordOutdatedKey] = nil
            req.setFlash(Flash(kind: .ok, message: req.t("password_changed")))
            return SiteURL.blocs
        }
    }
}
