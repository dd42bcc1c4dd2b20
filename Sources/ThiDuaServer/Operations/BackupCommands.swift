import Foundation
import Vapor

/// `thidua backup <file>`: one consistent archive of the database and the stored files, taken while the server
/// runs; `thidua backup --verify <file>` checks an archive on its own, with no database.
public struct BackupCommand: AsyncCommand {
    public struct Signature: CommandSignature {
        @Argument(name: "file", help: "The archive to write (or, with --verify, to check).")
        var file: String
        @Flag(name: "verify", help: "Check the archive: row counts, hashes of tables and files, the audit chain.")
        var verify: Bool
        public init() {}
    }

    public init() {}

    public var help: String { "Writes a backup archive of the database and files, or checks one (--verify)." }

    public func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let url = URL(fileURLWithPath: signature.file)
        let manifest = signature.verify
            ? try BackupVerifier.verify(url, localizer: app.localizer).manifest
            : try await BackupService.backup(app, to: url)
        context.console.print(app.localizer.text(signature.verify ? "backup.verified" : "backup.written", Localizer.defaultLanguage,
                                                 BackupCommand.summary(manifest, file: url.path)))
    }

    static func summary(_ m: BackupManifest, file: String) -> [String: String] {
        ["file": file, "rows": String(m.tables.values.reduce(0) { $0 + $1.rows }), "tables": String(m.tables.count),
         "files": String(m.files.count), "seq": String(m.auditHead?.seq ?? 0), "hash": m.auditHead?.hash ?? "-"]
    }
}

/// `thidua restore <file>`: restores an archive into the configured database (SQLite or PostgreSQL, whichever wrote
/// it) and file store. A database that holds data is refused unless `--replace` says to empty it first.
public struct RestoreCommand: AsyncCommand {
    public struct Signature: CommandSignature {
        @Argument(name: "file", help: "The archive to restore.")
        var file: String
        @Flag(name: "replace", help: "Empty a database that already holds data, then restore.")
        var replace: Bool
        public init() {}
    }

    public init() {}

    public var help: String { "Restores a backup archive into an empty database (or, with --replace, over one)." }

    public func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let manifest = try await BackupService.restore(app, from: URL(fileURLWithPath: signature.file), replace: signature.replace)
        context.console.print(app.localizer.text("backup.restored", Localizer.defaultLanguage,
                                                 BackupCommand.summary(manifest, file: signature.file)))
    }
}

