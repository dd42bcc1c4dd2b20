import Foundation

/// Reads a ZIP archive written by `ZipBundleWriter` (a backup): lists its entries and reads one into memory or in
/// chunks, with its size and CRC-32 checked. Built on `ZipReader`, never on ZIPFoundation's `extract`, which can
/// hang on a truncated entry: a damaged backup must be reported, not wait forever.
public final class ZipBundleReader {
    private let reader: ZipReader
    /// Entries by path, read once from the central directory.
    private let index: [String: ZipReader.Entry]
    /// Every file entry's path, in the archive's order.
    public let paths: [String]

    public init(url: URL) throws {
        guard let reader = ZipReader(url: url) else {
            throw ZipBundleError(message: "Không mở được tệp nén: \(url.lastPathComponent).")
        }
        self.reader = reader
        let files = reader.entries.filter { !$0.path.hasSuffix("/") }
        paths = files.map(\.path)
        index = Dictionary(files.map { ($0.path, $0) }, uniquingKeysWith: { first, _ in first })
    }

    deinit { reader.close() }

    /// The entry's bytes; refused when it would inflate past `limit` (a small entry such as the manifest).
    public func data(_ path: String, limit: Int) throws -> Data {
        let entry = try find(path)
        guard entry.uncompressedSize <= UInt64(limit) else { throw ZipBundleError(message: "Mục “\(path)” quá lớn.") }
        guard let data = reader.contents(of: entry, limit: limit) else { throw damaged(path) }
        return data
    }

    /// Streams the entry's bytes to `consume`, chunk by chunk; throws when the entry is damaged.
    public func read(_ path: String, _ consume: (Data) throws -> Void) throws {
        guard reader.verify(try find(path), consumer: consume) else { throw damaged(path) }
    }

    private func find(_ path: String) throws -> ZipReader.Entry {
        guard let entry = index[path] else { throw ZipBundleError(message: "Thiếu mục “\(path)” trong tệp nén.") }
        return entry
    }

    private func damaged(_ path: String) -> ZipBundleError {
        ZipBundleError(message: "Mục “\(path)” trong tệp nén bị hỏng (sai dung lượng hoặc mã kiểm tra).")
    }
}
