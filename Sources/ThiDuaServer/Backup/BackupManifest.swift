import Foundation

/// What a backup holds, written as `manifest.json` beside the tables and files it describes, so that the archive
/// can be checked on its own (`thidua backup --verify`): row counts and hashes of each table, the hash and size of
/// each stored file, and the audit chain's head.
struct BackupManifest: Codable, Equatable, Sendable {
    static let currentFormat = "thidua-backup/1"

    struct Table: Codable, Equatable, Sendable {
        var rows: Int
        var sha256: String
    }

    struct AuditHead: Codable, Equatable, Sendable {
        var seq: Int
        var hash: String
    }

    var format = BackupManifest.currentFormat
    /// When the snapshot was taken (RFC 3339, +07:00).
    var createdAt: String
    /// The engine it was taken from: "sqlite" or "postgresql". Any engine restores it.
    var engine: String
    var tables: [String: Table]
    /// SHA-256 → size in bytes.
    var files: [String: Int]
    var auditHead: AuditHead?

    static func tablePath(_ schema: String) -> String { "tables/\(schema).json" }
    static func filePath(_ sha256: String) -> String { "files/\(sha256)" }
    static let path = "manifest.json"
}

/// A backup refused or found damaged; `message` says what, in Vietnamese, naming the table or file.
public struct BackupError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { message }
}
