import Foundation
import Vapor

/// Where uploaded files live: content-addressed by SHA-256, so a file sent twice is stored once
/// and a row can never point at bytes other than the ones it was hashed from.
protocol FileStore: Sendable {
    /// A fresh path for an upload in progress, on the same volume as the store so that commit is a rename.
    func temporaryURL() throws -> URL
    /// Moves a fully received and checked file into place; a file already stored under that hash is kept.
    func commit(_ temporary: URL, sha256: String) throws
    func url(for sha256: String) -> URL
    /// Removes uploads in progress last written before `cutoff` (left by a crash) and returns how many went.
    func sweepTemporary(before cutoff: Date) -> Int
    /// The SHA-256 of every stored file (not uploads in progress), for a backup.
    func storedFiles() -> [String]
}

enum TemporaryFiles {
    /// Longer than any upload can take: the largest (a 50 MB scan) at 20 kbit/s takes under 6 hours.
    /// Instances sharing the folder never lose an upload in progress, which is written to every few seconds.
    static let maxAge: TimeInterval = 6 * 3600

    /// Sweeps the application's store, logging what went; run at start-up and by the background jobs.
    static func sweep(_ app: Application, now: Date) {
        let removed = app.fileStore.sweepTemporary(before: now.addingTimeInterval(-maxAge))
        if removed > 0 { app.logger.notice("removed abandoned upload files", metadata: ["count": "\(removed)"]) }
    }
}

/// The default store: `<data>/files/ab/cd/<sha256>`, with uploads in progress under `<data>/files/tmp`.
struct DiskFileStore: FileStore {
    let root: URL

    func temporaryURL() throws -> URL {
        let tmp = root.appendingPathComponent("tmp", isDirectory: true)
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        return tmp.appendingPathComponent(UUID().uuidString + ".part")
    }

    func url(for sha256: String) -> URL {
        let a = String(sha256.prefix(2)), b = String(sha256.dropFirst(2).prefix(2))
        return root.appendingPathComponent(a).appendingPathComponent(b).appendingPathComponent(sha256)
    }

    func sweepTemporary(before cutoff: Date) -> Int {
        let fm = FileManager.default
        let tmp = root.appendingPathComponent("tmp", isDirectory: true)
        guard let names = try? fm.contentsOfDirectory(atPath: tmp.path) else { return 0 }
        var removed = 0
        for name in names where name.hasSuffix(".part") {
            let path = tmp.appendingPathComponent(name).path
            guard let modified = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified < cutoff,
                  (try? fm.removeItem(atPath: path)) != nil else { continue }
            removed += 1
        }
        return removed
    }

    func storedFiles() -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root.path) else { return [] }
        var found: [String] = []
        while let relative = walker.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            // Stored files sit two levels down under their name's first four hex digits; tmp holds uploads in progress.
            guard !relative.hasPrefix("tmp"), name.count == 64, name.allSatisfy(\.isHexDigit),
                  relative == "\(name.prefix(2))/\(name.dropFirst(2).prefix(2))/\(name)" else { continue }
            found.append(name)
        }
        return found.sorted()
    }

    func commit(_ temporary: URL, sha256: String) throws {
        let target = url(for: sha256)
        let fm = FileManager.default
        if fm.fileExists(atPath: target.path) {
            try? fm.removeItem(at: temporary)
            return
        }
        try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
            try fm.moveItem(at: temporary, to: target)
        } catch where fm.fileExists(atPath: target.path) {
            // Another upload of the same bytes won the race; theirs is identical.
            try? fm.removeItem(at: temporary)
        }
    }
}

extension FileStore {
    /// Stores bytes made in memory (generated documents, templates) and returns their SHA-256.
    func store(_ data: Data) throws -> String {
        let sha = AuthService.sha256Hex(data)
        let temp = try temporaryURL()
        try data.write(to: temp)
        try commit(temp, sha256: sha)
        return sha
    }
}

extension Application {
    private struct FileStoreKey: StorageKey { typealias Value = any FileStore }
    var fileStore: any FileStore {
        get {
            storage[FileStoreKey.self]
                ?? DiskFileStore(root: URL(fileURLWithPath: settings.dataDirectory).appendingPathComponent("files"))
        }
        set { storage[FileStoreKey.self] = newValue }
    }
}
