import Foundation
import ThiDuaCore
import ZIPFoundation

/// Why a bundle entry was refused; `message` is shown to the user as is.
public struct ZipBundleError: Error, Equatable, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
}

/// Writes a ZIP archive to a file on disk entry by entry from files on disk, so a bundle of many large files
/// never sits in memory; the caller then streams the finished file.
///
/// Not Sendable: it owns an open file and must be used from one task at a time, start to `finish()`.
/// ZIPFoundation rewrites the central directory after every entry, so the file is a valid archive after
/// each successful `add`; entries over 4 GiB get ZIP64 records.
public final class ZipBundleWriter {
    private var archive: Archive?
    private var paths = Set<String>()
    public let destination: URL

    /// Formats that are already compressed: deflating them again costs CPU for a percent or two.
    static let storedExtensions: Set<String> = [
        "jpg", "jpeg", "png", "gif", "webp", "heic", "zip", "gz", "7z", "rar", "docx", "xlsx", "pptx",
        "odt", "ods", "mp3", "mp4", "mov",
    ]

    /// Creates the archive file; fails if `destination` already exists, so nothing is overwritten by mistake.
    public init(destination: URL) throws {
        if FileManager.default.fileExists(atPath: destination.path) {
            throw ZipBundleError(message: "Tệp nén đích đã tồn tại.")
        }
        self.destination = destination
        let archive: Archive = try Archive(url: destination, accessMode: .create)
        self.archive = archive
    }

    /// Adds a file, read in chunks. `path` uses "/" separators and must be ASCII (see `FileName.ascii`).
    public func add(file: URL, as path: String) throws {
        let archive = try open(for: path)
        let method: CompressionMethod = Self.storedExtensions.contains(Self.extensionOf(path)) ? .none : .deflate
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        let size = try handle.seekToEnd()
        try handle.seek(toOffset: 0)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(size), compressionMethod: method,
                             bufferSize: 256 * 1024, provider: { _, count in
            let chunk = try handle.read(upToCount: count) ?? Data()
            // A file that shrinks while being added would otherwise leave a short, corrupt entry.
            if chunk.count != count { throw ZipBundleError(message: "Tệp “\(path)” bị thay đổi khi đang nén.") }
            return chunk
        })
        paths.insert(path)
    }

    /// Adds a small in-memory entry, such as manifest.csv.
    public func add(data: Data, as path: String) throws {
        let archive = try open(for: path)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                             provider: { position, count in
            let start = data.startIndex + Int(position)
            return data.subdata(in: start..<min(start + count, data.endIndex))
        })
        paths.insert(path)
    }

    /// Closes the file. Further `add` calls throw; calling `finish()` again does nothing.
    public func finish() throws {
        archive = nil  // Archive closes its file handle when released
    }

    private func open(for path: String) throws -> Archive {
        guard let archive else { throw ZipBundleError(message: "Tệp nén đã được đóng.") }
        try Self.validate(path)
        if paths.contains(path) { throw ZipBundleError(message: "Tệp “\(path)” đã có trong tệp nén.") }
        return archive
    }

    /// Entry paths that could escape the folder they are extracted into ("../", "/etc", "C:") or that
    /// unzip tools show garbled (non-ASCII without the UTF-8 flag) are refused.
    static func validate(_ path: String) throws {
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        let allowed = path.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F }
        guard !path.isEmpty, path.utf8.count <= 1000, allowed, !path.hasPrefix("/"), !path.contains("\\"),
              !path.contains(":"), !path.hasSuffix("/"),
              components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else {
            throw ZipBundleError(message: "Đường dẫn trong tệp nén không hợp lệ: “\(path)”.")
        }
    }

    static func extensionOf(_ path: String) -> String {
        FileName.fileExtension(String(path.split(separator: "/").last ?? ""))
    }
}

@available(*, unavailable)
extension ZipBundleWriter: Sendable {}
