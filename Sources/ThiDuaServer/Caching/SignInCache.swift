import Foundation
import NIOConcurrencyHelpers
import ThiDuaCore
import Vapor

/// Remembers which user a bearer token (or, keyed "user:<id>", a web session) stands for while the data revision
/// has not moved. Tokens and users are
/// data tables, so a token revoked or expired by a delete, a role changed, an account removed, on any instance,
/// moves the revision and the next request looks the token up again. The expiry is still checked every time.
final class SignInCache: Sendable {
    private struct Entry {
        var revision: Int64
        var expiresAt: Date
        var id: UUID
        var username: String
        var passwordHash: String
        var displayName: String
        var role: Role
        var unitID: UUID?
        var province: String?
    }

    /// Enough for every officer of a nation; past it, the cache starts again.
    static let capacity = 50_000

    private let entries = NIOLockedValueBox([String: Entry]())

    /// A fresh `User` each time: handlers may change the one they are given.
    func user(forKey key: String, revision: Int64, now: Date) -> User? {
        guard let entry = entries.withLockedValue({ $0[key] }), entry.revision == revision, entry.expiresAt > now else {
            return nil
        }
        let user = User(id: entry.id, username: entry.username, passwordHash: entry.passwordHash,
                        displayName: entry.displayName, role: entry.role, unitID: entry.unitID)
        user.province = entry.province
        user.$id.exists = true
        return user
    }

    /// The user `key` stands for, at the request's revision: remembered, else `load`ed (with its expiry) and
    /// remembered. With no memory for answers (`responseCacheBytes` 0) every request loads.
    func user(_ key: String, for request: Request, load: () async throws -> (User, expiresAt: Date)?) async throws -> User? {
        guard request.application.settings.responseCacheBytes > 0 else {
            return try await load().flatMap { $0.expiresAt > request.now ? $0.0 : nil }
        }
        // The revision first: what is loaded after it is current at least as long as the revision stands.
        let revision = try await request.dataRevision()
        if let user = user(forKey: key, revision: revision, now: request.now) { return user }
        guard let (user, expiresAt) = try await load() else { return nil }
        store(user, key: key, expiresAt: expiresAt, revision: revision)
        return expiresAt > request.now ? user : nil
    }

    func store(_ user: User, key: String, expiresAt: Date, revision: Int64) {
        guard let id = user.id else { return }
        let entry = Entry(revision: revision, expiresAt: expiresAt, id: id, username: user.username,
                          passwordHash: user.passwordHash, displayName: user.displayName, role: user.role,
                          unitID: user.$unit.id, province: user.province)
        entries.withLockedValue { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }
}
