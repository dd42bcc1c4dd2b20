import Crypto
import Fluent
import Foundation
import SQLKit
import ThiDuaCore
import ThiDuaDocuments
import Vapor
#if canImport(Glibc)
import Glibc
#endif

/// Backup and restore of a whole installation: every table (one consistent snapshot, taken while the server runs
/// and accepts writes) and every stored file, in one ZIP with its manifest.
enum BackupService {
    /// Writes the archive to `destination`. It is built under a temporary name in the same folder, flushed to disk
    /// and renamed, so a crash (even `kill -9`) leaves either the previous file or the complete new one.
    @discardableResult
    static func backup(_ app: Application, to destination: URL) async throws -> BackupManifest {
        let snapshot = try await snapshot(app.db)
        var manifest = BackupManifest(createdAt: LocalTime.rfc3339(app.clock.now()), engine: snapshot.engine,
                                      tables: [:], files: [:], auditHead: snapshot.auditHead)
        let folder = destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let partial = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).partial")
        removeLeftovers(of: destination, now: Date())
        do {
            let writer = try ZipBundleWriter(destination: partial)
            for (schema, rows) in snapshot.tables {
                let data = BackupVerifier.joinRows(rows)
                manifest.tables[schema] = .init(rows: rows.count, sha256: BackupVerifier.hex(SHA256.hash(data: data)))
                try writer.add(data: data, as: BackupManifest.tablePath(schema))
            }
            // Listed after the snapshot: every file a snapshot row names was stored before that row was written.
            let store = app.fileStore
            for sha in store.storedFiles() {
                let url = store.url(for: sha)
                guard let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int else { continue }
                try writer.add(file: url, as: BackupManifest.filePath(sha))
                manifest.files[sha] = size
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try writer.add(data: try encoder.encode(manifest), as: BackupManifest.path)
            try writer.finish()
            try flush(partial)
            guard rename(partial.path, destination.path) == 0 else {
                throw BackupError(message: app.localizer.text("backup.write_failed", Localizer.defaultLanguage, ["file": destination.path]))
            }
            try? flush(folder)
        } catch {
            try? FileManager.default.removeItem(at: partial)
            throw error
        }
        return manifest
    }

    struct Snapshot: Sendable {
        var engine: String
        var tables: [(String, [Data])]
        var auditHead: BackupManifest.AuditHead?
    }

    /// Every table read in one transaction: on PostgreSQL a repeatable-read snapshot, on SQLite (WAL) the read
    /// transaction's own. Writers go on meanwhile; none of their rows is half in the archive.
    static func snapshot(_ database: Database) async throws -> Snapshot {
        try await database.transaction { db in
            let sql = db as? SQLDatabase
            let engine = sql?.dialect.name ?? "sqlite"
            if engine == "postgresql" {
                try await sql?.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
            }
            var tables: [(String, [Data])] = []
            for table in BackupTable.all { tables.append((table.schema, try await table.read(db))) }
            let head = try await AuditEntry.query(on: db).sort(\.$seq, .descending).first()
            return Snapshot(engine: engine, tables: tables, auditHead: head.map { .init(seq: $0.seq, hash: $0.hash) })
        }
    }

    /// Restores into an empty database (migrated here) and file store. `replace` empties a database that holds
    /// data first; without it such a database is refused and left as it was.
    @discardableResult
    static func restore(_ app: Application, from url: URL, replace: Bool) async throws -> BackupManifest {
        let checked = try BackupVerifier.verify(url, localizer: app.localizer)
        try await app.autoMigrate()
        var existing = 0
        for table in BackupTable.all { existing += try await table.count(app.db) }
        if existing > 0 && !replace {
            throw BackupError(message: app.localizer.text("backup.not_empty", Localizer.defaultLanguage, ["rows": String(existing)]))
        }
        let reader = try ZipBundleReader(url: url)
        let store = app.fileStore
        for sha in checked.manifest.files.keys.sorted() where !FileManager.default.fileExists(atPath: store.url(for: sha).path) {
            let temporary = try store.temporaryURL()
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw BackupError(message: app.localizer.text("backup.write_failed", Localizer.defaultLanguage, ["file": temporary.path]))
            }
            let handle = try FileHandle(forWritingTo: temporary)
            try reader.read(BackupManifest.filePath(sha)) { try handle.write(contentsOf: $0) }
            try handle.close()
            try store.commit(temporary, sha256: sha)
        }
        let tables = checked.tables
        try await app.db.transaction { db in
            if replace {
                try await SessionRecord.query(on: db).delete()
                for table in BackupTable.all.reversed() { try await table.deleteAll(db) }
            }
            for table in BackupTable.all { try await table.write(tables[table.schema] ?? [], db) }
        }
        return checked.manifest
    }

    /// Partial archives a crashed backup of the same name left behind: an archive being written is touched every
    /// few seconds, so one untouched for ten minutes is abandoned.
    static func removeLeftovers(of destination: URL, now: Date) {
        let fm = FileManager.default
        let folder = destination.deletingLastPathComponent()
        let prefix = ".\(destination.lastPathComponent)."
        for name in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] where name.hasPrefix(prefix) && name.hasSuffix(".partial") {
            let url = folder.appendingPathComponent(name)
            if let modified = (try? fm.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date, now.timeIntervalSince(modified) > 600 {
                try? fm.removeItem(at: url)
            }
        }
    }

    /// Forces the file's bytes (or a folder's entry) to disk before the rename makes it the backup.
    private static func flush(_ url: URL) throws {
        let fd = open(url.path, O_RDONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = fsync(fd)
    }
}
