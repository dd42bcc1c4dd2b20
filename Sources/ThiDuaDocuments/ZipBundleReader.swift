import Foundation
import ZIPFoundation

/// Reads a ZIP archive written by `ZipBundleWriter` (a backup): lists its entries and reads one into memory or
/// onto disk in chunks. Entry paths are checked as the writer checks them, so nothing escapes a folder.
public final class ZipBundleReader {
    private let archive: Archive
    /// Entries by path, read once: looking one up in ZIPFoundation walks the whole central directory.
    private let index: [String: Entry]
    /// Every file entry's path, in the archive's order.
    public let paths: [String]

    public init(url: URL) throws {
        do { archive = try Archive(url: url, accessMode: .read) } catch {
            throw ZipBundleError(message: "Không mở được tệp nén: \(url.lastPathComponent).")
        }
        let files = archive.filter { $0.type == .file }
        paths = files.map(\.path)
        index = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The entry's bytes; refused when it would inflate past `limit` (a small entry such as the manifest).
    public func data(_ path: String, limit: Int) throws -> Data {
        guard let entry = index[path] else { throw ZipBundleError(message: "Thiếu mục “\(path)” trong tệp nén.") }
        guard entry.uncompressedSize <= Int64(limit) else { throw ZipBundleError(message: "Mục “\(path)” quá lớn.") }
        var data = Data()
        _ = try archive.extract(entry, skipCRC32: false) { chunk in
            data.append(chunk)
            if data.count > limit { throw ZipBundleError(message: "Mục “\(path)” quá lớn.") }
        }
        return data
    }

    /// Streams the entry's bytes to `consume`, chunk by chunk, with the CRC checked.
    public func read(_ path: String, _ consume: (Data) throws -> Void) throws {
        guard let entry = index[path] else { throw ZipBundleError(message: "Thiếu mục “\(path)” trong tệp nén.") }
        _ = try archive.extract(entry, skipCRC32: false, consumer: consume)
    }
}
