import Foundation
import ZIPFoundation

/// Raw-deflate and zlib decoding on top of ZIPFoundation's `Data.decompress`, safe for hostile input.
///
/// On Linux that function gives zlib `bufferSize` bytes of input whatever the provider returned, and loops
/// forever once the provider returns nothing before the stream ends (a truncated stream). So every chunk
/// handed over here is exactly `bufferSize` long (zero-padded past the end) and the provider throws once
/// the real input is used up: a truncated stream becomes an error instead of a hang or an over-read.
enum Inflate {
    struct Failure: Error {}

    static let bufferSize = 64 * 1024

    /// Inflates a raw deflate stream whose bytes come from `read(offset, count)` (offsets within the
    /// stream, `count` ≤ `bufferSize`), stopping with an error once more than `limit` bytes come out.
    /// Returns the CRC-32 of the output, which goes to `consumer` chunk by chunk.
    static func raw(length: Int64, limit: Int64, read: (Int64, Int) throws -> Data,
                    consumer: (Data) throws -> Void) throws -> CRC32 {
        var produced: Int64 = 0
        return try Data.decompress(size: length, bufferSize: bufferSize, skipCRC32: false, provider: { position, size in
            guard position < length else { throw Failure() }
            var chunk = try read(position, Int(min(Int64(size), length - position)))
            if chunk.count < size { chunk.append(Data(count: size - chunk.count)) }
            return chunk
        }, consumer: { data in
            produced += Int64(data.count)
            guard produced <= limit else { throw Failure() }
            try consumer(data)
        })
    }

    /// Inflates a whole in-memory raw deflate stream.
    static func raw(_ input: Data, limit: Int) throws -> Data {
        let base = input.startIndex
        var output = Data()
        _ = try raw(length: Int64(input.count), limit: Int64(limit), read: { offset, count in
            let start = base + Int(offset)
            return input.subdata(in: start..<(start + count))
        }, consumer: { output.append($0) })
        return output
    }

    /// Inflates a zlib stream (PDF FlateDecode): a 2-byte header, deflate data, an Adler-32 trailer.
    /// A few writers emit bare deflate without the header, so that is tried when the header is not valid.
    static func zlib(_ input: Data, limit: Int) throws -> Data {
        let bytes = [UInt8](input.prefix(2))
        if bytes.count == 2, bytes[0] & 0x0F == 8, (UInt16(bytes[0]) << 8 | UInt16(bytes[1])) % 31 == 0,
           bytes[1] & 0x20 == 0 {
            return try raw(input.dropFirst(2), limit: limit)
        }
        return try raw(input, limit: limit)
    }
}
