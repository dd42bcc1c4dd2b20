import NIOCore
import Vapor

/// A multipart body the server refuses to read: the reason is for the log, the answer is always a 400.
struct MalformedMultipart: Error, Equatable {
    enum Reason: String { case boundary, syntax, headerTooLarge, tooManyParts, noParts, unterminated }
    var reason: Reason
}

/// A streaming multipart reader, ours rather than MultipartKit's parser: that parser traps on a header-name
/// byte ≥ 0x80 (it indexes a 128-entry table) and on an empty boundary, so one anonymous request could stop the
/// process. Every multipart body goes through this reader first (the form decoder and the streamed uploads), so
/// the dependency only ever sees bodies this reader accepted. The states follow RFC 2046 § 5.1.1.
final class MultipartReader {
    /// A part's headers are a few hundred bytes; more is an attack on memory.
    static let maxHeaderBytes = 16 * 1024
    static let maxParts = 1000

    var onHeader: (String, String) -> Void = { _, _ in }
    var onBody: (inout ByteBuffer) -> Void = { _ in }
    var onPartComplete: () -> Void = {}

    private(set) var parts = 0
    private(set) var finished = false
    private let delimiter: [UInt8]
    private var state = State.preamble(0)
    private var headerBytes = 0

    private enum State {
        case preamble(Int)  // bytes of "--boundary" (no leading CRLF) or "\r\n--boundary" matched
        case afterDelimiter([UInt8])  // the bytes after a delimiter: "\r\n" opens a part, "--" closes the body
        case headerName([UInt8])
        case headerValue([UInt8], name: [UInt8])
        case headerLF([UInt8], name: [UInt8])
        case headersEndLF
        case body
        case delimiter(Int)
        case epilogue
    }

    /// RFC 2046: 1–70 characters from a fixed set; anything else (empty included) is refused, not trapped on.
    init(boundary: String) throws {
        let allowed = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ".utf8)
        let bytes = Array(boundary.utf8)
        guard (1...70).contains(bytes.count), bytes.allSatisfy(allowed.contains), bytes.last != 32 else {
            throw MalformedMultipart(reason: .boundary)
        }
        delimiter = Array("\r\n--".utf8) + bytes
    }

    /// The boundary of a `multipart/…` content type, checked.
    static func boundary(of headers: HTTPHeaders) throws -> String {
        guard let type = headers.contentType, type.type == "multipart", let boundary = type.parameters["boundary"] else {
            throw MalformedMultipart(reason: .boundary)
        }
        return boundary
    }

    /// Checks a whole body: it must be well formed, hold at least one part and end with the closing delimiter.
    static func validate(_ body: ByteBuffer, boundary: String) throws {
        let reader = try MultipartReader(boundary: boundary)
        try reader.execute(body)
        guard reader.finished else { throw MalformedMultipart(reason: .unterminated) }
        guard reader.parts > 0 else { throw MalformedMultipart(reason: .noParts) }
    }

    func execute(_ input: ByteBuffer) throws {
        var buffer = input
        while buffer.readableBytes > 0 {
            switch state {
            case let .preamble(matched): state = preamble(&buffer, matched)
            case let .afterDelimiter(seen): state = try afterDelimiter(&buffer, seen)
            case let .headerName(name): state = try headerName(&buffer, name)
            case let .headerValue(value, name): state = try headerValue(&buffer, value, name)
            case let .headerLF(value, name):
                guard buffer.readInteger(as: UInt8.self) == 10 else { throw MalformedMultipart(reason: .syntax) }
                onHeader(String(decoding: name, as: UTF8.self), String(decoding: value, as: UTF8.self))
                state = .headerName([])
            case .headersEndLF:
                guard buffer.readInteger(as: UInt8.self) == 10 else { throw MalformedMultipart(reason: .syntax) }
                state = .body
            case .body: state = body(&buffer)
            case let .delimiter(matched): state = delimiterMatch(&buffer, matched)
            case .epilogue: return  // RFC 2046: text after the closing delimiter is ignored
            }
        }
    }

    private func preamble(_ buffer: inout ByteBuffer, _ matched: Int) -> State {
        var matched = matched
        while matched < delimiter.count, let byte = buffer.readInteger(as: UInt8.self) {
            if matched == 0, byte == delimiter[2] {
                matched = 3  // the first delimiter may open the body without its CRLF
            } else if byte == delimiter[matched] {
                matched += 1
            } else {
                matched = byte == delimiter[0] ? 1 : 0
            }
        }
        return matched == delimiter.count ? .afterDelimiter([]) : .preamble(matched)
    }

    private func afterDelimiter(_ buffer: inout ByteBuffer, _ seen: [UInt8]) throws -> State {
        var seen = seen
        while seen.count < 2, let byte = buffer.readInteger(as: UInt8.self) { seen.append(byte) }
        switch seen {
        case [13, 10]:
            parts += 1
            guard parts <= Self.maxParts else { throw MalformedMultipart(reason: .tooManyParts) }
            headerBytes = 0
            return .headerName([])
        case [45, 45]:
            finished = true
            return .epilogue
        case [13], [45]: return .afterDelimiter(seen)
        default: throw MalformedMultipart(reason: .syntax)
        }
    }

    private func countHeaderByte() throws {
        headerBytes += 1
        if headerBytes > Self.maxHeaderBytes { throw MalformedMultipart(reason: .headerTooLarge) }
    }

    private func headerName(_ buffer: inout ByteBuffer, _ name: [UInt8]) throws -> State {
        var name = name
        while let byte = buffer.readInteger(as: UInt8.self) {
            try countHeaderByte()
            switch byte {
            case 58 where !name.isEmpty: return .headerValue([], name: name)
            case 13 where name.isEmpty: return .headersEndLF
            case _ where Self.isTokenByte(byte): name.append(byte)
            default: throw MalformedMultipart(reason: .syntax)
            }
        }
        return .headerName(name)
    }

    private func headerValue(_ buffer: inout ByteBuffer, _ value: [UInt8], _ name: [UInt8]) throws -> State {
        var value = value
        while let byte = buffer.readInteger(as: UInt8.self) {
            try countHeaderByte()
            switch byte {
            case 13: return .headerLF(value, name: name)
            case 32 where value.isEmpty, 9 where value.isEmpty: continue  // `where` binds to one pattern only
            case 10, 0: throw MalformedMultipart(reason: .syntax)
            default: value.append(byte)
            }
        }
        return .headerValue(value, name: name)
    }

    private func body(_ buffer: inout ByteBuffer) -> State {
        var slice = ByteBuffer(buffer.readableBytesView.prefix { $0 != delimiter[0] })
        if slice.readableBytes > 0 {
            buffer.moveReaderIndex(forwardBy: slice.readableBytes)
            onBody(&slice)
        }
        return buffer.readableBytes > 0 ? .delimiter(0) : .body
    }

    private func delimiterMatch(_ buffer: inout ByteBuffer, _ matched: Int) -> State {
        var matched = matched
        while matched < delimiter.count {
            guard let byte = buffer.readInteger(as: UInt8.self) else { return .delimiter(matched) }
            guard byte == delimiter[matched] else {
                // Not a delimiter after all: the bytes matched so far were body bytes.
                var held = ByteBuffer(bytes: delimiter[0..<matched])
                if byte == delimiter[0] {
                    onBody(&held)
                    return .delimiter(1)
                }
                held.writeInteger(byte)
                onBody(&held)
                return .body
            }
            matched += 1
        }
        onPartComplete()
        return .afterDelimiter([])
    }

    /// RFC 9110 token characters; everything ≥ 0x80 is refused here, before any table lookup.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}
