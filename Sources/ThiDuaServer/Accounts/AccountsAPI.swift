import Fluent
import Foundation
import Vapor

/// `POST /api/v1/auth/token` and `/api/v1/users`.
enum AccountsAPI {
    struct TokenRequest: Content {
        var username: String
        var password: String
    }

    struct TokenResponse: Content {
        var token: String
        var expiresAt: String
        /// The password would not be accepted today (NIST SP 800-63B-4 rules): the client should ask to change it.
        var passwordChangeRequired: Bool
    }

    static func token(_ req: Request) async throws -> TokenResponse {
        let input = try req.content.decode(TokenRequest.self)
        let signIn = try await AuthService.authenticate(username: input.username, password: input.password, on: req)
        let user = signIn.user
        let (token, expiresAt) = try await AuthService.issueToken(for: user, on: req)
        return TokenResponse(token: token, expiresAt: LocalTime.rfc3339(expiresAt), passwordChangeRequired: signIn.passwordOutdated)
    }

    static func listUsers(_ req: Request) async throws -> [UserDTO] {
        try req.authorize(.manageUsers)
        return try await UserService.all(on: req.db).map(UserDTO.init)
    }

    static func createUser(_ req: Request) async throws -> Response {
        let user = try await UserService.create(req.content.decode(CreateUserInput.self), on: req)
        return try await UserDTO(user).encodeResponse(status: .created, for: req)
    }
}
