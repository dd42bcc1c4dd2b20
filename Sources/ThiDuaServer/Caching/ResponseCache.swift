import Foundation
import NIOConcurrencyHelpers
import Vapor

/// Answers a repeated read from memory while the data revision has not moved: the read's handler (and every
/// query it runs) is skipped, the revision's one query is not. Entries are per user, so an answer is only ever
/// given again to the user whose request produced it, at a revision where the same checks gave the same result.
///
/// Some answers also depend on the time (a deadline passes, "today" moves on) without any write; an entry is
/// therefore kept at most `lifetime` seconds, and never used by a request whose clock reads earlier than it.
final class ResponseCache: Sendable {
    struct Key: Hashable, Sendable {
        var user: UUID
        var uri: String
        /// The Accept-Language of an API read; a page's session (its CSRF token is in every form).
        var variant: String
    }

    struct Entry: Sendable {
        var revision: Int64
        var storedAt: Date
        var status: HTTPStatus
        var headers: HTTPHeaders
        var body: ByteBuffer
        var size: Int { body.readableBytes + uri.utf8.count + 256 }
        var uri: String
        /// A page's session data when it was made: used again only while the session still holds the same
        /// (language, CSRF token, no message waiting to be shown).
        var session: [String: String]?
    }

    static let lifetime: TimeInterval = 5

    private struct State {
        var entries: [Key: Entry] = [:]
        var bytes = 0
        var hits = 0
        var misses = 0
    }

    private let state = NIOLockedValueBox(State())

    func entry(for key: Key, revision: Int64, now: Date) -> Entry? {
        state.withLockedValue { state in
            guard let entry = state.entries[key], entry.revision == revision,
                  now >= entry.storedAt, now.timeIntervalSince(entry.storedAt) < Self.lifetime
            else { state.misses += 1; return nil }
            state.hits += 1
            return entry
        }
    }

    /// An entry of the same revision whose lifetime is over, while another request is making it again: served
    /// to the others meanwhile (its data is still current; only the clock moved, by at most the making's time).
    func staleWhileMade(for key: Key, revision: Int64, now: Date) -> Entry? {
        guard flights.withLockedValue({ $0[Flight(key: key, revision: revision)] != nil }) else { return nil }
        return state.withLockedValue { state in
            guard let entry = state.entries[key], entry.revision == revision, now >= entry.storedAt else { return nil }
            state.hits += 1
            return entry
        }
    }

    /// Stores an entry within `budget` bytes: entries of older revisions go first, then everything (a revision
    /// moves often enough that a full cache is mostly stale anyway).
    func store(_ entry: Entry, for key: Key, budget: Int) {
        guard entry.size <= budget / 4 else { return }
        state.withLockedValue { state in
            if let old = state.entries.updateValue(entry, forKey: key) { state.bytes -= old.size }
            state.bytes += entry.size
            guard state.bytes > budget else { return }
            state.entries = state.entries.filter { $0.value.revision >= entry.revision }
            state.bytes = state.entries.values.reduce(0) { $0 + $1.size }
            if state.bytes > budget {
                state.entries = [key: entry]
                state.bytes = entry.size
            }
        }
    }

    /// Requests for the same answer at the same revision, while one of them makes it: when many ask at once (a
    /// kept answer just expired, 64 connections want it), one does the work and the others wait for its answer
    /// instead of all doing the same work together.
    private struct Flight: Hashable {
        var key: Key
        var revision: Int64
    }

    enum Role {
        case maker
        /// The answer another request made, or nil when it made none that can be kept (the waiter then asks itself).
        case waiter(Entry?)
    }

    private let flights = NIOLockedValueBox([Flight: [CheckedContinuation<Entry?, Never>]]())

    func join(_ key: Key, revision: Int64) async -> Role {
        let flight = Flight(key: key, revision: revision)
        let maker = flights.withLockedValue { flights -> Bool in
            guard flights[flight] == nil else { return false }
            flights[flight] = []
            return true
        }
        if maker { return .maker }
        let entry: Entry? = await withCheckedContinuation { continuation in
            let waiting = flights.withLockedValue { flights -> Bool in
                guard flights[flight] != nil else { return false }
                flights[flight]!.append(continuation)
                return true
            }
            if !waiting { continuation.resume(returning: nil) }  // finished in between: look again
        }
        return .waiter(entry)
    }

    /// Ends a flight the maker joined, whatever happened to its request.
    func finish(_ key: Key, revision: Int64, with entry: Entry?) {
        let waiters = flights.withLockedValue { $0.removeValue(forKey: Flight(key: key, revision: revision)) } ?? []
        if entry != nil { state.withLockedValue { $0.hits += waiters.count } }
        for waiter in waiters { waiter.resume(returning: entry) }
    }

    var counts: (hits: Int, misses: Int, entries: Int, bytes: Int) {
        state.withLockedValue { ($0.hits, $0.misses, $0.entries.count, $0.bytes) }
    }
}

/// Serves a route's GET answers from `ResponseCache`; only whole 200 answers that set no cookie are kept. For web
/// pages (`pages: true`) the entry also belongs to the session, is made only when the page left the session as it
/// found it and showed no message, and is used only while the session's data is what it was.
struct ResponseCacheMiddleware: AsyncMiddleware {
    var pages = false

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let budget = request.application.settings.responseCacheBytes
        guard budget > 0, request.method == .GET, let user = request.auth.get(User.self), let userID = user.id else {
            return try await next.respond(to: request)
        }
        let session = pages ? request.session.data.snapshot : nil
        if pages, request.session.id == nil || session?[Flash.sessionKey] != nil {
            return try await next.respond(to: request)
        }
        let cache = request.application.responseCache
        let revision = try await request.dataRevision()
        let variant = pages ? request.session.id?.string ?? "" : request.headers.first(name: .acceptLanguage) ?? ""
        let key = ResponseCache.Key(user: userID, uri: request.url.string, variant: variant)
        func answer(_ hit: ResponseCache.Entry) -> Response {
            Response(status: hit.status, headers: hit.headers, body: .init(buffer: hit.body))
        }
        if let hit = cache.entry(for: key, revision: revision, now: request.now), hit.session == session { return answer(hit) }
        if let stale = cache.staleWhileMade(for: key, revision: revision, now: request.now), stale.session == session {
            return answer(stale)
        }
        switch await cache.join(key, revision: revision) {
        case let .waiter(made):
            if let made, made.session == session { return answer(made) }
            if let hit = cache.entry(for: key, revision: revision, now: request.now), hit.session == session { return answer(hit) }
            return try await next.respond(to: request)
        case .maker:
            var made: ResponseCache.Entry?
            defer { cache.finish(key, revision: revision, with: made) }
            let response = try await next.respond(to: request)
            if response.status == .ok, !response.headers.contains(name: .setCookie), let body = response.body.buffer,
               !pages || request.session.data.snapshot == session {
                made = .init(revision: revision, storedAt: request.now, status: response.status, headers: response.headers,
                             body: body, uri: key.uri, session: session)
                cache.store(made!, for: key, budget: budget)
            }
            return response
        }
    }
}

extension Request {
    private struct RevisionKey: StorageKey { typealias Value = Int64 }

    /// The data revision as this request first asked for it: read before the data it guards, so an answer made
    /// from data newer than the revision is only ever kept under the older number, and never served again.
    func dataRevision() async throws -> Int64 {
        if let known = storage[RevisionKey.self] { return known }
        let value = try await DataRevision.current(on: db)
        storage[RevisionKey.self] = value
        return value
    }
}

extension Application {
    private struct ResponseCacheKey: StorageKey { typealias Value = ResponseCache }
    private struct SignInCacheKey: StorageKey { typealias Value = SignInCache }

    /// Made once in `configure`, before any request.
    var responseCache: ResponseCache {
        get { storage[ResponseCacheKey.self] ?? ResponseCache() }
        set { storage[ResponseCacheKey.self] = newValue }
    }

    var signInCache: SignInCache {
        get { storage[SignInCacheKey.self] ?? SignInCache() }
        set { storage[SignInCacheKey.self] = newValue }
    }
}
