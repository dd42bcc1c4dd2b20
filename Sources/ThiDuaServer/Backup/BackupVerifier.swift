import Crypto
import Foundation
import ThiDuaCore
import ThiDuaDocuments

/// Checks an archive on its own, with no database: every table's row count and hash, every file's hash and size,
/// and the audit chain with its head as the manifest states it. The first thing that does not fit is named.
enum BackupVerifier {
    /// The tables, decoded rows kept as JSON, of an archive that passed.
    struct Checked: Sendable {
        var manifest: BackupManifest
        var tables: [String: [Data]]
    }

    static func verify(_ url: URL, localizer: Localizer) throws -> Checked {
        func fail(_ key: String, _ args: [String: String] = [:]) -> BackupError {
            BackupError(message: localizer.text(key, Localizer.defaultLanguage, args))
        }
        let reader: ZipBundleReader
        do { reader = try ZipBundleReader(url: url) } catch { throw fail("backup.unreadable", ["file": url.lastPathComponent]) }
        let manifest: BackupManifest
        do {
            manifest = try JSONDecoder().decode(BackupManifest.self, from: reader.data(BackupManifest.path, limit: 256 << 20))
        } catch { throw fail("backup.no_manifest") }
        guard manifest.format == BackupManifest.currentFormat else { throw fail("backup.format", ["format": manifest.format]) }
        var tables: [String: [Data]] = [:]
        for table in BackupTable.all {
            guard let expected = manifest.tables[table.schema] else { throw fail("backup.table_missing", ["table": table.schema]) }
            let data: Data
            do { data = try reader.data(BackupManifest.tablePath(table.schema), limit: Int(Int32.max)) } catch let error as ZipBundleError {
                // Missing, or damaged (its size or CRC-32 does not match): the reader's message names the entry.
                throw reader.paths.contains(BackupManifest.tablePath(table.schema))
                    ? BackupError(message: error.message) : fail("backup.table_missing", ["table": table.schema])
            }
            guard hex(SHA256.hash(data: data)) == expected.sha256 else { throw fail("backup.table_altered", ["table": table.schema]) }
            guard let rows = splitRows(data) else { throw fail("backup.table_altered", ["table": table.schema]) }
            guard rows.count == expected.rows else {
                throw fail("backup.table_count", ["table": table.schema, "rows": String(rows.count), "expected": String(expected.rows)])
            }
            tables[table.schema] = rows
        }
        let stored = Set(reader.paths.filter { $0.hasPrefix("files/") }.map { String($0.dropFirst("files/".count)) })
        for (sha, size) in manifest.files.sorted(by: { $0.key < $1.key }) {
            guard stored.contains(sha) else { throw fail("backup.file_missing", ["file": sha]) }
            var hasher = SHA256()
            var count = 0
            do {
                try reader.read(BackupManifest.filePath(sha)) { chunk in
                    hasher.update(data: chunk)
                    count += chunk.count
                }
            } catch { throw fail("backup.file_altered", ["file": sha]) }
            guard hex(hasher.finalize()) == sha, count == size else { throw fail("backup.file_altered", ["file": sha]) }
        }
        let entries = try (tables[AuditEntry.schema] ?? []).map { try JSONDecoder().decode(AuditEntry.self, from: $0) }
        if case let .broken(seq, problem) = AuditLog.verify(entries) {
            throw fail("backup.audit_broken", ["reason": problem.text(seq: seq, localizer)])
        }
        let head = entries.max { $0.seq < $1.seq }.map { BackupManifest.AuditHead(seq: $0.seq, hash: $0.hash) }
        guard head == manifest.auditHead else { throw fail("backup.audit_head") }
        return Checked(manifest: manifest, tables: tables)
    }

    /// A table's JSON array, one `Data` per row, as `BackupTable.write` takes them. The array is written one row per
    /// line (a compact JSON value never holds a raw line break), so rows come back byte for byte, with no number
    /// re-formatted on the way. Nil when the data is not laid out so.
    static func splitRows(_ data: Data) -> [Data]? {
        let lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard lines.first.map(Array.init) == Array("[".utf8), lines.last.map(Array.init) == Array("]".utf8) else { return nil }
        return lines.dropFirst().dropLast().map { line in
            Data(line.last == UInt8(ascii: ",") ? line.dropLast() : line)
        }
    }

    /// Rows joined as the JSON array stored in the archive: "[", one row per line, "]".
    static func joinRows(_ rows: [Data]) -> Data {
        var data = Data("[\n".utf8)
        for (i, row) in rows.enumerated() {
            data.append(row)
            data.append(contentsOf: Array((i < rows.count - 1 ? ",\n" : "\n").utf8))
        }
        data.append(contentsOf: Array("]".utf8))
        return data
    }

    static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
        digest.map { String(format: "%02x", $0) }.joined()
    }
}
