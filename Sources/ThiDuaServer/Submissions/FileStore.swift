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
