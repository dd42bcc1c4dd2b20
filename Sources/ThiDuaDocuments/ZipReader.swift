import Foundation
import ZIPFoundation

/// A read-only view of a ZIP archive's central directory, for inspecting uploads.
///
/// ZIPFoundation's `Archive.extract` hangs on Linux when an entry's deflate data runs to the end of the
/// file (see `Inflate`), which a crafted upload can trigger; this reader finds each entry's bytes itself
/// and inflates them through `Inflate`, bounded by the sizes the directory declares.
struct ZipReader {
    struct Entry {
        var path: String
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
    }

    let file: FileHandle
    let fileSize: UInt64
    let entries: [Entry]

    /// Nil when the file has no readable end-of-central-directory record or directory.
    init?(url: URL) {
        guard let file = try? FileHandle(forReadingFrom: url),
              let size = try? file.seekToEnd(), size >= 22 else { return nil }
        self.file = file
        self.fileSize = size
        guard let entries = Self.readDirectory(file: file, size: size) else { return nil }
        self.entries = entries
    }

    func close() { try? file.close() }

    subscript(path: String) -> Entry? { entries.first { $0.path == path } }

    /// The entry's content, or nil if it is larger than `limit`, damaged, encrypted or uses another method.
    func contents(of entry: Entry, limit: Int) -> Data? {
        guard entry.uncompressedSize <= UInt64(limit) else { return nil }
        var data = Data()
        return verify(entry, consumer: { data.append($0) }) ? data : nil
    }

    /// Decodes the entry and checks its size and CRC-32 against the directory.
    func verify(_ entry: Entry, consumer: (Data) throws -> Void = { _ in }) -> Bool {
        guard entry.flags & 1 == 0, let start = dataOffset(of: entry),
              start + entry.compressedSize <= fileSize else { return false }
        let read: (Int64, Int) throws -> Data = { offset, count in
            try file.seek(toOffset: start + UInt64(offset))
            let data = try file.read(upToCount: count) ?? Data()
            guard data.count == count else { throw Inflate.Failure() }
            return data
        }
        do {
            switch entry.method {
            case 0:
                guard entry.compressedSize == entry.uncompressedSize else { return false }
                var crc: CRC32 = 0, offset: Int64 = 0
                while offset < Int64(entry.compressedSize) {
                    let chunk = try read(offset, Int(min(Int64(Inflate.bufferSize), Int64(entry.compressedSize) - offset)))
                    crc = chunk.crc32(checksum: crc)
                    try consumer(chunk)
                    offset += Int64(chunk.count)
                }
                return crc == entry.crc32
            case 8:
                var produced: UInt64 = 0
                let crc = try Inflate.raw(length: Int64(entry.compressedSize), limit: Int64(entry.uncompressedSize),
                                          read: read, consumer: { produced += UInt64($0.count); try consumer($0) })
                return crc == entry.crc32 && produced == entry.uncompressedSize
            default:
                return false
            }
        } catch {
            return false
        }
    }

    private func dataOffset(of entry: Entry) -> UInt64? {
        guard let header = try? Self.bytes(file, at: entry.localHeaderOffset, count: 30),
              header.u32(0) == 0x0403_4B50 else { return nil }
        return entry.localHeaderOffset + 30 + UInt64(header.u16(26)) + UInt64(header.u16(28))
    }

    private static func bytes(_ file: FileHandle, at offset: UInt64, count: Int) throws -> [UInt8] {
        try file.seek(toOffset: offset)
        let data = try file.read(upToCount: count) ?? Data()
        guard data.count == count else { throw Inflate.Failure() }
        return [UInt8](data)
    }

    private static func readDirectory(file: FileHandle, size: UInt64) -> [Entry]? {
        // The end record is 22 bytes plus a comment of up to 65,535 bytes, so it lies in the last 65,557.
        let tailStart = size - min(size, 65_557)
        guard let tail = try? bytes(file, at: tailStart, count: Int(size - tailStart)) else { return nil }
        guard let eocd = stride(from: tail.count - 22, through: 0, by: -1).first(where: { tail.u32($0) == 0x0605_4B50 })
        else { return nil }
        var count = UInt64(tail.u16(eocd + 10))
        var directorySize = UInt64(tail.u32(eocd + 12))
        var directoryOffset = UInt64(tail.u32(eocd + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the end record points at the 64-bit end record.
            let locatorAt = tailStart + UInt64(eocd)
            guard locatorAt >= 20, let locator = try? bytes(file, at: locatorAt - 20, count: 20),
                  locator.u32(0) == 0x0706_4B50,
                  let record = try? bytes(file, at: locator.u64(8), count: 56), record.u32(0) == 0x0606_4B50
            else { return nil }
            count = record.u64(32)
            directorySize = record.u64(40)
            directoryOffset = record.u64(48)
        }
        guard directoryOffset + directorySize <= size, directorySize <= 64 << 20,
              count <= directorySize / 46 + 1,
              let directory = try? bytes(file, at: directoryOffset, count: Int(directorySize)) else { return nil }
        var entries: [Entry] = []
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, directory.u32(at) == 0x0201_4B50 else { return nil }
            let nameLength = Int(directory.u16(at + 28)), extraLength = Int(directory.u16(at + 30))
            let end = at + 46 + nameLength + extraLength + Int(directory.u16(at + 32))
            guard end <= directory.count else { return nil }
            var entry = Entry(
                path: String(decoding: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self),
                method: directory.u16(at + 10), flags: directory.u16(at + 8), crc32: directory.u32(at + 16),
                compressedSize: UInt64(directory.u32(at + 20)), uncompressedSize: UInt64(directory.u32(at + 24)),
                localHeaderOffset: UInt64(directory.u32(at + 42)))
            applyZip64Extra(&entry, extra: Array(directory[(at + 46 + nameLength)..<(at + 46 + nameLength + extraLength)]))
            entries.append(entry)
            at = end
        }
        return entries
    }

    /// In the ZIP64 extra field (id 1) only the values saturated at 0xFFFFFFFF appear, in this order.
    private static func applyZip64Extra(_ entry: inout Entry, extra: [UInt8]) {
        var at = 0
        while at + 4 <= extra.count {
            let id = extra.u16(at), length = Int(extra.u16(at + 2))
            guard at + 4 + length <= extra.count else { return }
            if id == 1 {
                var field = at + 4
                func next() -> UInt64? {
                    guard field + 8 <= at + 4 + length else { return nil }
                    defer { field += 8 }
                    return extra.u64(field)
                }
                if entry.uncompressedSize == 0xFFFF_FFFF, let v = next() { entry.uncompressedSize = v }
                if entry.compressedSize == 0xFFFF_FFFF, let v = next() { entry.compressedSize = v }
                if entry.localHeaderOffset == 0xFFFF_FFFF, let v = next() { entry.localHeaderOffset = v }
                return
            }
            at += 4 + length
        }
    }
}

extension Array where Element == UInt8 {
    /// Little-endian reads; callers check the bounds first.
    func u16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
    func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
    func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
}
