import Crypto
import Fluent
import SQLKit
import FluentSQLiteDriver
import Foundation
import Vapor

/// What one write changed, for the audit log.
struct AuditRecord: Sendable {
    var actor: String
    var action: String
    var entity: String
    var entityID: String
    var before: String?
    var after: String?

    init<B: Encodable, A: Encodable>(actor: String, action: String, entity: String, entityID: String, before: B?, after: A?) {
        self.actor = actor
        self.action = action
        self.entity = entity
        self.entityID = entityID
        self.before = before.map { AuditLog.json($0) }
        self.after = after.map { AuditLog.json($0) }
    }
}

/// The append-only, hash-chained audit log.
enum AuditLog {
    static let genesis = String(repeating: "0", count: 64)

    static func json<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "null"
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    /// The hash over every field; fields are length-prefixed so no two different entries can collide by shifting text.
    static func hash(prev: String, seq: Int, recordedAt: String, actor: String, action: String,
                     entity: String, entityID: String, before: String?, after: String?) -> String {
        let fields = [prev, String(seq), recordedAt, actor, action, entity, entityID, before ?? "\u{0}", after ?? "\u{0}"]
        let canonical = fields.map { "\($0.utf8.count):\($0)" }.joined(separator: "|")
        return SHA256.hash(data: Data(canonical.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func hash(of entry: AuditEntry) -> String {
        hash(prev: entry.prevHash, seq: entry.seq, recordedAt: entry.recordedAt, actor: entry.actor, action: entry.action,
             entity: entry.entity, entityID: entry.entityID, before: entry.before, after: entry.after)
    }

    /// Appends inside the caller's transaction, so the change and its record land together or not at all.
    static func append(_ record: AuditRecord, at date: Date, on db: Database) async throws {
        // PostgreSQL: writers queue on a transaction-scoped lock instead of racing for the next sequence number
        // (SQLite already admits one writer at a time).
        if let sql = db as? SQLDatabase, sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: 7_201_0001))").run()
        }
        let last = try await AuditEntry.query(on: db).sort(\.$seq, .descending).first()
        let entry = AuditEntry()
        entry.seq = (last?.seq ?? 0) + 1
        entry.recordedAt = timestamp(date)
        entry.actor = record.actor
        entry.action = record.action
        entry.entity = record.entity
        entry.entityID = record.entityID
        entry.before = record.before
        entry.after = record.after
        entry.prevHash = last?.hash ?? genesis
        entry.hash = hash(of: entry)
        try await entry.create(on: db)
    }

    /// The outcome of checking the chain.
    enum Verification: Equatable, Sendable {
        case intact(count: Int)
        case broken(seq: Int, problem: Problem)
    }

    /// What is wrong with the first entry that does not fit; worded by `text(seq:_:_:)`.
    enum Problem: Equatable, Sendable {
        /// Entry `expected` is missing: entry `found` follows entry `expected - 1`.
        case deleted(expected: Int, found: Int)
        /// The entry's previous-hash does not match the entry before it.
        case unlinked
        /// The entry's content no longer matches its hash.
        case altered

        /// The problem in words, for the entry numbered `seq`.
        func text(seq: Int, _ localizer: Localizer, _ lang: String = Localizer.defaultLanguage) -> String {
            switch self {
            case let .deleted(expected, found):
                return localizer.text("audit.entry_deleted", lang,
                                      ["seq": String(expected), "next": String(found), "previous": String(expected - 1)])
            case .unlinked:
                return localizer.text("audit.entry_unlinked", lang, ["seq": String(seq)])
            case .altered:
                return localizer.text("audit.entry_altered", lang, ["seq": String(seq)])
            }
        }
    }

    /// The newest entry: its sequence and hash are what a published record (count minutes, the public page)
    /// anchors, so that deleting the newest entries cannot pass unseen.
    static func head(on db: Database) async throws -> AuditEntry? {
        try await AuditEntry.query(on: db).sort(\.$seq, .descending).first()
    }

    /// The entry with this hash, if the chain still holds it; spaces (the printed form) are ignored.
    static func entry(hash: String, on db: Database) async throws -> AuditEntry? {
        try await AuditEntry.query(on: db).filter(\.$hash == hash.filter { !$0.isWhitespace }.lowercased()).first()
    }

    /// "3f9a1b2c 4d5e6f70 …": a hash as printed on paper, in groups of eight that a reader can copy and a line can break.
    static func grouped(_ hash: String) -> String {
        stride(from: 0, to: hash.count, by: 8).map { start in
            String(hash.dropFirst(start).prefix(8))
        }.joined(separator: " ")
    }

    /// The newest audited record of an action on an entity (the close of a ballot round, for instance).
    static func latest(action: String, entity: String, entityID: String, on db: Database) async throws -> AuditEntry? {
        try await AuditEntry.query(on: db).filter(\.$action == action).filter(\.$entity == entity).filter(\.$entityID == entityID)
            .sort(\.$seq, .descending).first()
    }

    /// Walks the chain in order and names the first entry that does not fit.
    static func verify(on db: Database) async throws -> Verification {
        verify(try await AuditEntry.query(on: db).sort(\.$seq, .ascending).all())
    }

    /// The same walk over entries read elsewhere (a backup archive), in any order.
    static func verify(_ entries: [AuditEntry]) -> Verification {
        var expectedSeq = 1
        var prev = genesis
        var count = 0
        for entry in entries.sorted(by: { $0.seq < $1.seq }) {
            if entry.seq != expectedSeq {
                return .broken(seq: expectedSeq, problem: .deleted(expected: expectedSeq, found: entry.seq))
            }
            if entry.prevHash != prev {
                return .broken(seq: entry.seq, problem: .unlinked)
            }
            if hash(of: entry) != entry.hash {
                return .broken(seq: entry.seq, problem: .altered)
            }
            prev = entry.hash
            expectedSeq += 1
            count += 1
        }
        return .intact(count: count)
    }
}

extension Request {
    /// Records a read that the records rules want kept (an export of a year, of a person's data): who and when, no data.
    func auditedRead(action: String, entity: String, entityID: String) async throws {
        let actor = actorName
        try await audited { _ in ((), AuditRecord(actor: actor, action: action, entity: entity, entityID: entityID,
                                                  before: String?.none, after: String?.none)) }
    }

    /// Creates one row in its own audited transaction: the entry's `after` is the DTO the API answers with.
    /// `make` builds a fresh row for each attempt, since a retried transaction must not reuse a created model.
    func auditedCreate<M: Model & Sendable, D: Encodable>(
        entity: String, dto: @escaping @Sendable (M) throws -> D, _ make: @escaping @Sendable () -> M
    ) async throws -> M where M.IDValue == UUID {
        let actor = actorName
        return try await audited { db in
            let model = make()
            try await model.create(on: db)
            return (model, AuditRecord(actor: actor, action: "create", entity: entity, entityID: try model.requireID().uuidString,
                                       before: D?.none, after: try dto(model)))
        }
    }

    /// Runs a write and its audit record in one transaction. Two writers racing for the same
    /// sequence number (or version) make one fail on the unique index; SQLite may instead refuse a
    /// read lock's upgrade as busy. Either way the loser retries after a short random pause, on a fresh chain head.
    func audited<T: Sendable>(
        _ body: @escaping @Sendable (Database) async throws -> (T, AuditRecord)
    ) async throws -> T {
        let now = self.now
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await db.transaction { db in
                    let (value, record) = try await body(db)
                    try await AuditLog.append(record, at: now, on: db)
                    return value
                }
            } catch where Self.isContention(error) && attempt < 12 {
                try await Task.sleep(for: .milliseconds(Int.random(in: 2...(10 * attempt))))
                continue
            }
        }
    }

    static func isContention(_ error: Error) -> Bool {
        if let db = error as? DatabaseError, db.isConstraintFailure { return true }
        if let sqlite = error as? SQLiteError {
            return [.busy, .locked, .busyInSnapshot, .busyTimeout, .lockedBySharedCache].contains(sqlite.reason)
        }
        return false
    }

    var actorName: String { auth.get(User.self)?.username ?? "system" }
}
