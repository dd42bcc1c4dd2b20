import Fluent
import Foundation
import NIOConcurrencyHelpers
import NIOCore
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
}

/// Delivers due outbox messages. On PostgreSQL a transaction-scoped advisory lock lets only one instance
/// deliver at a time; the message is marked sent in the same transaction, so a crash before commit means
/// one re-delivery with the same Message-ID, never a lost message.
enum OutboxWorker {
    static let maxAttempts = 6
    static let lockKey = 7_201_2023

    /// 1, 2, 4, 8, 16 minutes…
    static func backoff(afterAttempts attempts: Int) -> TimeInterval { 60 * pow(2, Double(max(attempts - 1, 0))) }

    static func deliverDue(app: Application, now: Date, limit: Int = 20) async throws {
        guard let transport = app.mailTransport else { return }
        let from = SMTPConfiguration.fromEnvironment(ProcessInfo.processInfo.environment)?.from
            ?? MailAddress(name: "ThiĐua", email: "noreply@thidua.local")
        if let sql = app.db as? SQLDatabase, sql.dialect.name == "postgresql" {
            // Several instances: the transaction-scoped lock lets one deliver; marks commit with it.
            try await app.db.transaction { db in
                struct Locked: Decodable { var locked: Bool }
                let row = try await (db as! SQLDatabase).raw("SELECT pg_try_advisory_xact_lock(\(literal: lockKey)) AS locked")
                    .first(decoding: Locked.self)
                guard row?.locked == true else { return }
                try await deliver(on: db, transport: transport, from: from, now: now, limit: limit, logger: app.logger)
            }
        } else {
            // SQLite serves one instance; no transaction, so a slow mail server never holds the write lock.
            try await deliver(on: app.db, transport: transport, from: from, now: now, limit: limit, logger: app.logger)
        }
    }

    private static func deliver(on db: Database, transport: any MailTransport, from: MailAddress, now: Date, limit: Int,
                                logger: Logger) async throws {
        let due = try await OutboxMessage.query(on: db).filter(\.$status == "pending").filter(\.$nextAttemptAt <= now)
            .sort(\.$createdAt).limit(limit).all()
        for m in due {
            let message = MailMessage(messageID: m.messageID, from: from, to: [MailAddress(name: m.toName, email: m.toEmail)],
                                      subject: m.subject, text: m.text, html: m.html, date: m.createdAt)
            m.attempts += 1
            do {
                try await transport.send(message)
                m.status = "sent"
                m.sentAt = now
                m.lastError = nil
            } catch let error as SMTPError {
                switch error {
                case let .permanent(reason):
                    m.status = "dead"
                    m.lastError = reason
                case let .transient(reason):
                    m.lastError = reason
                    if m.attempts >= maxAttempts { m.status = "dead" } else { m.nextAttemptAt = now.addingTimeInterval(backoff(afterAttempts: m.attempts)) }
                }
            } catch {
                m.lastError = String(describing: type(of: error))
                if m.attempts >= maxAttempts { m.status = "dead" } else { m.nextAttemptAt = now.addingTimeInterval(backoff(afterAttempts: m.attempts)) }
            }
            try await m.save(on: db)
            logger.info("outbox delivery", metadata: ["message": .string(m.messageID), "status": .string(m.status)])
        }
    }
}

/// Runs reminders and delivery every few seconds while serving; overlapping runs are skipped.
final class BackgroundJobs: LifecycleHandler, @unchecked Sendable {
    private var task: RepeatedTask?
    private let running = NIOLockedValueBox(false)

    func didBootAsync(_ app: Application) async throws {
        task = app.eventLoopGroup.next().scheduleRepeatedTask(initialDelay: .seconds(5), delay: .seconds(15)) { [running] _ in
            guard running.withLockedValue({ busy in defer { busy = true }; return !busy }) else { return }
            Task {
                defer { running.withLockedValue { $0 = false } }
                let now = app.clock.now()
                do {
                    try await ReminderService.enqueueDue(now: now, on: app.db)
                    try await OutboxWorker.deliverDue(app: app, now: now)
                } catch {
                    app.logger.error("background jobs failed", metadata: ["error": .string(String(describing: type(of: error)))])
                }
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        task?.cancel()
    }
}
