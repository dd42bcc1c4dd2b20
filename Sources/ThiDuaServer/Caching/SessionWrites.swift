import Fluent
import NIOConcurrencyHelpers
import Vapor

/// Vapor's sessions middleware writes the session back after every response, changed or not: a database write
/// (and on SQLite the one writer's lock) for every page anyone looks at. This driver keeps the session as it was
/// read and writes it back only when a page changed it (a sign-in, a message, a language, a CSRF token).
/// The server-side end of a session does not depend on the write: it is the sign-in time the session holds.
///
/// Sessions are a tracked table (M025), so a session read is also remembered while the data revision stands: a
/// sign-in, a sign-out or a change on any instance moves the revision and the next request reads it again.
struct SessionWritesWhenChanged: SessionDriver {
    let base: any SessionDriver
    /// Made once in `configure` and shared: Vapor may make the driver more than once.
    let remembered: RememberedSessions

    private struct ReadKey: StorageKey { typealias Value = SessionData }

    func createSession(_ data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        base.createSession(data, for: request)
    }

    func readSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<SessionData?> {
        guard request.application.settings.responseCacheBytes > 0 else {
            return base.readSession(sessionID, for: request).map { data in
                if let data { request.storage[ReadKey.self] = data }
                return data
            }
        }
        return request.eventLoop.makeFutureWithTask { [base, remembered] in
            // The revision first, as everywhere: a session read after it is current at least while it stands.
            let revision = try await request.dataRevision()
            var data = remembered.data(for: sessionID.string, revision: revision)
            if data == nil {
                data = try await base.readSession(sessionID, for: request).get()
                if let data { remembered.store(data, for: sessionID.string, revision: revision) }
            }
            if let data { request.storage[ReadKey.self] = data }
            return data
        }
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) -> EventLoopFuture<SessionID> {
        if let read = request.storage[ReadKey.self], read == data {
            return request.eventLoop.makeSucceededFuture(sessionID)
        }
        return base.updateSession(sessionID, to: data, for: request)
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) -> EventLoopFuture<Void> {
        base.deleteSession(sessionID, for: request)
    }
}

/// Session data by session ID, each with the revision it was read at.
final class RememberedSessions: Sendable {
    static let capacity = 50_000
    private let entries = NIOLockedValueBox([String: (revision: Int64, data: SessionData)]())

    func data(for id: String, revision: Int64) -> SessionData? {
        entries.withLockedValue { $0[id] }.flatMap { $0.revision == revision ? $0.data : nil }
    }

    func store(_ data: SessionData, for id: String, revision: Int64) {
        entries.withLockedValue { entries in
            if entries.count >= Self.capacity { entries.removeAll(keepingCapacity: true) }
            entries[id] = (revision, data)
        }
    }
}
