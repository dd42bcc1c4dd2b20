import Crypto
import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Signs people in: checks the password, counts failures in the database, issues bearer tokens.
enum AuthService {
    /// Failures within this window count towards the limits below.
    static let failureWindow: TimeInterval = 15 * 60
    /// Wrong passwords for one account from one client address before that address is refused for the account.
    static let maxFailuresPerAccountAndIP = 5
    /// Wrong passwords from one address, whatever the accounts, before the address is refused.
    static let maxFailuresPerIP = 20
    /// Wrong passwords for one account from all addresses before each further attempt is slowed down. The account is
    /// never locked by others' failures, so nobody can lock a colleague out by guessing from elsewhere.
    static let slowdownAfterAccountFailures = 10
    static let maxSlowdown: TimeInterval = 5

    static func normalized(_ username: String) -> String {
        username.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    static func hashPassword(_ password: String, app: Application) throws -> String {
        try Bcrypt.hash(PasswordRules.bcryptInput(password), cost: app.settings.bcryptCost)
    }

    /// The client's address: the socket's peer, or, behind a trusted reverse proxy (THIDUA_TRUST_PROXY=1), the
    /// address that proxy appended last to X-Forwarded-For (earlier entries are the client's own claims).
    static func clientIP(_ req: Request) -> String {
        if req.application.settings.trustProxy,
           let last = req.headers[.xForwardedFor].last?.split(separator: ",").last?.trimmingCharacters(in: .whitespaces),
           !last.isEmpty, last.count <= 45 {
            return last
        }
        return req.remoteAddress?.ipAddress ?? "unknown"
    }

    /// A successful sign-in: the user, and whether the password used would be refused today.
    struct SignIn {
        var user: User
        var passwordOutdated: Bool
    }

    /// Returns the user for good credentials; throws 429 when rate-limited, 401 otherwise.
    ///
    /// The attempt is written as a failure *before* the password is checked and removed when it was right, so
    /// concurrent guesses each see the ones before them: the check and the count cannot race, on any instance.
    static func authenticate(username raw: String, password: String, on req: Request) async throws -> SignIn {
        let username = normalized(raw)
        let ip = clientIP(req)
        let since = req.now.addingTimeInterval(-failureWindow)
        let attempt = LoginFailure(username: username, ip: ip, at: req.now)
        try await attempt.create(on: req.db)
        let byAccountAndIP = try await LoginFailure.query(on: req.db)
            .filter(\.$username == username).filter(\.$ip == ip).filter(\.$at > since).count()
        let byIP = try await LoginFailure.query(on: req.db).filter(\.$ip == ip).filter(\.$at > since).count()
        if byAccountAndIP > maxFailuresPerAccountAndIP || byIP > maxFailuresPerIP {
            req.logger.notice("login rate-limited", metadata: ["username": .string(username)])
            throw AppError.tooManyRequests(req.t("auth.rate_limited"), retryAfter: Int(failureWindow))
        }
        let byAccount = try await LoginFailure.query(on: req.db)
            .filter(\.$username == username).filter(\.$at > since).count()
        if byAccount > slowdownAfterAccountFailures {
            let delay = min(maxSlowdown, Double(byAccount - slowdownAfterAccountFailures) * 0.5)
            req.logger.notice("login slowed down", metadata: ["username": .string(username), "seconds": "\(delay)"])
            try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
        }
        let user = try await User.query(on: req.db).filter(\.$username == username).first()
        // Verify against a dummy hash when the user is unknown, so timing does not reveal which usernames exist.
        let hash = user?.passwordHash ?? dummyHash
        let matched = await (try? req.application.threadPool.runIfActive { PasswordRules.match(password, hash: hash) }) ?? nil
        guard let user, let matched else {
            req.logger.info("login failed", metadata: ["username": .string(username)])
            throw AppError.unauthorized(req.t("auth.invalid_credentials"))
        }
        // Right password: this attempt and this address's earlier failures for the account no longer count.
        try await LoginFailure.query(on: req.db).filter(\.$username == username).filter(\.$ip == ip).delete()
        try await prune(now: req.now, on: req.db)
        req.logger.info("login ok", metadata: ["username": .string(username)])
        let qualifies = PasswordRules.qualifies(password, username: user.username, matched: matched, app: req.application)
        return SignIn(user: user, passwordOutdated: !qualifies)
    }

    /// Drops failures that no longer count and expired tokens. Run at sign-in and by the background jobs, so a
    /// flood of failed sign-ins with no successful one cannot grow the table for ever.
    /// Forgets a stored web session, so its ID opens nothing any more (sign-in replaces a session fixed before it).
    static func endSession(_ id: SessionID, on db: Database) async throws {
        try await SessionRecord.query(on: db).filter(\.$key == id).delete()
    }

    static func prune(now: Date, on db: Database) async throws {
        try await LoginFailure.query(on: db).filter(\.$at < now.addingTimeInterval(-failureWindow)).delete()
        try await APIToken.query(on: db).filter(\.$expiresAt < now).delete()
    }

    private static let dummyHash = "$2b$12$C6UzMDM.H6dfI/f/IKxGhuS0r7bYUd4Vf3q3x2bA0n6SD7M8X4XlC"

    static func sha256Hex(_ text: String) -> String { sha256Hex(Data(text.utf8)) }

    static func sha256Hex(_ data: Data) -> String {
        // By table, not `String(format:)` per byte: this runs on every API request.
        let digits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            hex.append(digits[Int(byte >> 4)])
            hex.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }

    /// Issues a token; only its hash is stored.
    static func issueToken(for user: User, on req: Request) async throws -> (token: String, expiresAt: Date) {
        let token = req.application.random.token()
        let expiresAt = req.now.addingTimeInterval(req.application.settings.tokenLifetime)
        try await APIToken(userID: user.requireID(), tokenHash: sha256Hex(token), expiresAt: expiresAt).create(on: req.db)
        return (token, expiresAt)
    }
}

/// Accepts `Authorization: Bearer …` for the API; looks the token up in the database so every instance agrees.
struct BearerAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        let hash = AuthService.sha256Hex(bearer.token)
        let user = try await request.application.signInCache.user("token:" + hash, for: request) {
            try await APIToken.query(on: request.db).filter(\.$tokenHash == hash).with(\.$user).first().map { ($0.user, $0.expiresAt) }
        }
        if let user { request.auth.login(user) }
    }
}

/// Restores the signed-in user from the database-backed web session. A session ends on the server too, after
/// `Settings.sessionLifetime` from sign-in, so a copied cookie stops working even if the browser keeps it.
struct SessionUserAuthenticator: AsyncMiddleware {
    static let key = "userID"
    static let signedInKey = "signedInAt"

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if let raw = request.session.data[Self.key], let id = UUID(uuidString: raw) {
            let signedIn = request.session.data[Self.signedInKey].flatMap(TimeInterval.init).map(Date.init(timeIntervalSince1970:))
            if let signedIn, request.now.timeIntervalSince(signedIn) < request.application.settings.sessionLifetime,
               let user = try await Self.user(id, for: request) {
                request.auth.login(user)
            } else {
                request.session.data[Self.key] = nil  // expired: the next page asks to sign in again
            }
        }
        return try await next.respond(to: request)
    }

    /// The session's user, remembered while the data revision stands (users are a data table).
    private static func user(_ id: UUID, for request: Request) async throws -> User? {
        try await request.application.signInCache.user("user:" + id.uuidString, for: request) {
            try await User.find(id, on: request.db).map { ($0, .distantFuture) }
        }
    }
}

/// Refuses anonymous requests with 401 (the error middleware turns it into a sign-in redirect on the web).
struct RequireUser: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        guard request.auth.has(User.self) else {
            throw AppError.unauthorized(request.t("auth.required"))
        }
        return try await next.respond(to: request)
    }
}

extension Request {
    /// The signed-in user; routes behind `RequireUser` always have one.
    func user() throws -> User {
        guard let user = auth.get(User.self) else { throw AppError.unauthorized(t("auth.required")) }
        return user
    }
}
