import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit
import ThiDuaCore
import Vapor

/// Where mail goes: SMTP in production, a recorder in tests.
protocol MailTransport: Sendable {
    func send(_ message: MailMessage) async throws
}

extension SMTPClient: MailTransport {}

extension Application {
    private struct TransportKey: StorageKey { typealias Value = any MailTransport }
    /// Set from THIDUA_SMTP_URL at start; nil leaves messages pending in the outbox.
    var mailTransport: (any MailTransport)? {
        get { storage[TransportKey.self] }
        set { storage[TransportKey.self] = newValue }
    }

    private struct DeliveringKey: StorageKey { typealias Value = NIOLockedValueBox<Bool> }
    /// One delivery run at a time inside this process (the database lock covers other instances).
    var outboxDelivering: NIOLockedValueBox<Bool> {
        if let box = storage[DeliveringKey.self] { return box }
        let box = NIOLockedValueBox(false)
        storage[DeliveringKey.self] = box
        return box
    }
}

/// Delivers due outbox messages, one at a time, each step committed on its own:
///
///     pending ──claim──▶ sending ──SMTP 250──▶ sent
///                          │  └──refused/failed──▶ pending (back-off) or dead
///                          └──process dies──▶ found by the next run ──▶ pending, sent again
///
/// Only one delivery run exists at a time: within a process by a flag, across instances on PostgreSQL by a
/// session advisory lock held on one connection for the whole run (a crashed instance's connection closes and
/// frees it). So a message still marked `sending` when a run starts was interrupted by a crash or a restart:
/// it goes back in line with the same Message-ID. A crash before the server's final 250 left nothing delivered
/// (an SMTP server discards an unfinished transaction), so the message is sent exactly once. Only a crash in the
/// milliseconds between that 250 and the `sent` commit can repeat a message, and then with the same Message-ID,
/// by which mail systems recognise the copy; the log records the interruption.
enum OutboxWorker {
    static let maxAttempts = 6
    static let lockKey: Int32 = 7201

    /// 1, 2, 4, 8, 16 minutes…
    static func backoff(afterAttempts attempts: Int) -> TimeInterval { 60 * pow(2, Double(max(attempts - 1, 0))) }

    static func deliverDue(app: Application, now: Date, limit: Int = 500) async throws {
        guard let transport = app.mailTransport else { return }
        let busy = app.outboxDelivering
        guard busy.withLockedValue({ running in defer { running = true }; return !running }) else { return }
        defer { busy.withLockedValue { $0 = false } }
        let from = SMTPConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)?.from
            ?? MailAddress(name: NoticeService.productName, email: "noreply@thidua.local")
        let logger = app.logger
        let interrupted = app.localizer.text("outbox.interrupted")  // shown on the outbox page until the re-send
        let run: @Sendable (any Database) async throws -> Void = { db in
            try await deliver(on: db, transport: transport, from: from, now: now, limit: limit, interrupted: interrupted, logger: logger)
        }
        guard let sql = app.db as? SQLDatabase, sql.dialect.name == "postgresql" else {
            try await run(app.db)  // SQLite serves one instance; the flag above is enough.
            return
        }
        try await app.db.withConnection { db in
            let connection = db as! SQLDatabase
            struct Locked: Decodable { var locked: Bool }
            // Keyed by schema too, so separate installations (and test schemas) on one server do not block each other.
            let row = try await connection.raw("SELECT pg_try_advisory_lock(\(literal: lockKey), hashtext(current_schema())) AS locked")
                .first(decoding: Locked.self)
            guard row?.locked == true else { return }
            do {
                try await run(db)
            } catch {
                _ = try? await connection.raw("SELECT pg_advisory_unlock(\(literal: lockKey), hashtext(current_schema()))").run()
                throw error
            }
            try await connection.raw("SELECT pg_advisory_unlock(\(literal: lockKey), hashtext(current_schema()))").run()
        }
    }

    private static func deliver(on db: any Database, transport: any MailTransport, from: MailAddress, now: Date, limit: Int,
                                interrupted: String, logger: Logger) async throws {
        for stale in try await OutboxMessage.query(on: db).filter(\.$status == .sending).all() {
            stale.status = .pending
            stale.nextAttemptAt = now
            stale.lastError = interrupted
            try await stale.save(on: db)
            logger.warning("outbox message interrupted; queued again", metadata: ["message": .string(stale.messageID)])
        }
        for _ in 0..<limit {
            guard let m = try await OutboxMessage.query(on: db).filter(\.$status == .pending).filter(\.$nextAttemptAt <= now)
                .sort(\.$createdAt).first() else { return }
            m.attempts += 1
            m.status = .sending
            try await m.save(on: db)  // committed before the first SMTP byte, so a crash from here on is seen at the next run
            let message = MailMessage(messageID: m.messageID, from: from, to: [MailAddress(name: m.toName, email: m.toEmail)],
                                      subject: m.subject, text: m.text, html: m.html, date: m.createdAt)
            do {
                try await transport.send(message)
                m.status = .sent
                m.sentAt = now
                m.lastError = nil
            } catch {
                switch SMTPClient.classify(error) {
                case let .permanent(reason):
                    m.status = .dead
                    m.lastError = reason
                case let .transient(reason):
                    m.lastError = reason
                    m.status = m.attempts >= maxAttempts ? .dead : .pending
                    m.nextAttemptAt = now.addingTimeInterval(backoff(afterAttempts: m.attempts))
                }
            }
            try await m.save(on: db)
            logger.info("outbox delivery", metadata: ["message": .string(m.messageID), "status": .string(m.status.rawValue)])
        }
    }
}
