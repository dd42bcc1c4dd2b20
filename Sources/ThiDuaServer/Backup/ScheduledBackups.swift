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

    /// The archives in the folder, newest first, with the time each was finished.
    func archives() -> [(url: URL, at: Date)] {
        let fm = FileManager.default
        let names = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix("thidua-") && $0.hasSuffix(".zip") }.compactMap { name in
            let url = folder.appendingPathComponent(name)
            return ((try? fm.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date).map { (url, $0) }
        }.sorted { $0.at > $1.at }
    }

    func isDue(now: Date) -> Bool {
        archives().first.map { now.timeIntervalSince($0.at) >= interval } ?? true
    }

    /// Takes a backup when one is due, then removes the oldest beyond `keep`; failures are counted in `/metrics`.
    func runIfDue(_ app: Application, now: Date) async {
        guard isDue(now: now) else { return }
        do {
            try await app.db.transaction { db in
                // On PostgreSQL the lock lasts this transaction: another instance skips, then finds the new file.
                if let sql = db as? SQLDatabase, sql.dialect.name == "postgresql" {
                    let row = try await sql.raw("SELECT pg_try_advisory_xact_lock(\(literal: 7_201_0002)) AS locked").first()
                    guard try row?.decode(column: "locked", as: Bool.self) == true else { return }
                }
                guard isDue(now: now) else { return }
                let stamp = ISO8601DateFormatter.string(from: now, timeZone: TimeZone(secondsFromGMT: 7 * 3600)!,
                                                        formatOptions: [.withFullDate, .withTime])
                let started = Date()
                let file = folder.appendingPathComponent("thidua-\(stamp.replacingOccurrences(of: ":", with: "")).zip")
                try await BackupService.backup(app, to: file)
                let size = (try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? Int ?? 0
                app.metrics.recordBackup(at: now, bytes: size, seconds: Date().timeIntervalSince(started))
                for old in archives().dropFirst(keep) { try? FileManager.default.removeItem(at: old.url) }
            }
        } catch {
            app.metrics.recordBackupFailure()
            app.logger.error("scheduled backup failed", metadata: ["error": .string(String(describing: error))])
        }
    }
}
