import Fluent
import Foundation
import SQLKit
import Vapor

/// Backups taken by the background jobs: every `THIDUA_BACKUP_INTERVAL_HOURS` hours (off when unset or 0), into
/// `THIDUA_BACKUP_DIR` (default `<data>/backups`), keeping the newest `THIDUA_BACKUP_KEEP` (default 7). Several
/// instances on one PostgreSQL take turns: one holds a lock while it backs up, and the others find the new file.
struct ScheduledBackups: Sendable {
    var interval: TimeInterval
    var keep: Int
    var folder: URL

    static func fromEnvironment(_ env: [String: String], dataDirectory: String) -> ScheduledBackups? {
        guard let hours = env["THIDUA_BACKUP_INTERVAL_HOURS"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }),
              hours > 0 else { return nil }
        let keep = env["THIDUA_BACKUP_KEEP"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { max($0, 1) } ?? 7
        let folder = env["THIDUA_BACKUP_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? dataDirectory + "/backups"
        return ScheduledBackups(interval: hours * 3600, keep: keep, folder: URL(fileURLWithPath: folder, isDirectory: true))
    }

    /// The archives in the folder, newest first, with the time each was taken (from its name, written from the
    /// application's clock, so that a due backup is decided by the same clock that names it).
    func archives() -> [(url: URL, at: Date)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.compactMap { name in Self.date(ofName: name).map { (folder.appendingPathComponent(name), $0) } }
            .sorted { $0.at > $1.at }
    }

    func isDue(now: Date) -> Bool {
        archives().first.map { now.timeIntervalSince($0.at) >= interval } ?? true
    }

    /// "thidua-20261205-074800.zip", in Vietnam's time.
    static func name(at date: Date) -> String { "thidua-\(stamp.string(from: date)).zip" }

    static func date(ofName name: String) -> Date? {
        guard name.hasPrefix("thidua-"), name.hasSuffix(".zip") else { return nil }
        return stamp.date(from: String(name.dropFirst("thidua-".count).dropLast(".zip".count)))
    }

    private static var stamp: DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        f.dateFormat = "yyyyMMdd-HHmmss"
        return f
    }

    private func take(_ app: Application, now: Date) async throws {
        let started = Date()
        let file = folder.appendingPathComponent(Self.name(at: now))
        try await BackupService.backup(app, to: file)
        let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int ?? 0
        app.metrics.recordBackup(at: now, bytes: size, seconds: Date().timeIntervalSince(started))
        for old in archives().dropFirst(keep) { try? FileManager.default.removeItem(at: old.url) }
    }

    /// Takes a backup when one is due, then removes the oldest beyond `keep`; failures are counted in `/metrics`.
    func runIfDue(_ app: Application, now: Date) async {
        guard isDue(now: now) else { return }
        do {
            if let sql = app.db as? SQLDatabase, sql.dialect.name == "postgresql" {
                // The lock lasts this transaction: another instance skips, then finds the new file. (SQLite has one
                // instance, and an in-memory one a single connection that the backup's own snapshot needs.)
                try await app.db.transaction { db in
                    let row = try await (db as? SQLDatabase)?.raw("SELECT pg_try_advisory_xact_lock(\(literal: 7_201_0002)) AS locked").first()
                    guard try row?.decode(column: "locked", as: Bool.self) == true, isDue(now: now) else { return }
                    try await take(app, now: now)
                }
            } else {
                try await take(app, now: now)
            }
        } catch {
            app.metrics.recordBackupFailure()
            app.logger.error("scheduled backup failed", metadata: ["error": .string(String(describing: error))])
        }
    }
}
