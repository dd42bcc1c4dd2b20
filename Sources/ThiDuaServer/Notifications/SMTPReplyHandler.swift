import Foundation
import NIOCore

/// One server reply: "250-first", "250 last" → code 250, lines ["first", "last"].
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    var text: String { lines.joined(separator: " ") }

    /// The EHLO keywords, upper-cased, without the greeting line: ["PIPELINING", "AUTH PLAIN LOGIN", …].
    var capabilities: [String] { lines.dropFirst().map { $0.uppercased() } }
}

/// Collects reply lines (after an `SMTPLineDecoder`) into `SMTPReply`s and hands them out
/// one at a time through `nextReply`, each with a deadline. Replies that arrive before they
/// are asked for (the greeting) wait in a queue. Lives on its channel's event loop only.
final class SMTPReplyHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    /// A reply of more lines than this, or a longer line, is taken as a broken server.
    static let maxLines = 100

    private var partial: [String] = []
    private var ready = CircularBuffer<SMTPReply>()
    private var waiting: (promise: EventLoopPromise<SMTPReply>, deadline: Scheduled<Void>)?
    private var failure: SMTPError?
    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }
    func handlerRemoved(context: ChannelHandlerContext) { self.context = nil }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        let line = buffer.readString(length: buffer.readableBytes) ?? ""
        guard let reply = parse(line) else { return }
        if let (promise, deadline) = waiting {
            waiting = nil
            deadline.cancel()
            promise.succeed(reply)
        } else {
            ready.append(reply)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.transient("connection closed by the server"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        fail(.transient("connection error: \(error)"))
        context.close(promise: nil)
    }

    /// The next reply, or a transient error when the connection fails or nothing comes in `timeout`.
    /// Call on `loop`, the channel's event loop.
    func nextReply(on loop: any EventLoop, timeout: TimeAmount) -> EventLoopFuture<SMTPReply> {
        if let reply = ready.popFirst() { return loop.makeSucceededFuture(reply) }
        if let failure { return loop.makeFailedFuture(failure) }
        if context == nil { return loop.makeFailedFuture(SMTPError.transient("connection closed")) }
        precondition(waiting == nil, "one reply at a time")
        let promise = loop.makePromise(of: SMTPReply.self)
        let deadline = loop.assumeIsolated().scheduleTask(in: timeout) { [weak self] in
            self?.fail(.transient("no reply from the server within \(timeout.nanoseconds / 1_000_000_000) s"))
            self?.context?.close(promise: nil)
        }
        waiting = (promise, deadline)
        return promise.futureResult
    }

    /// Adds one line; returns the reply it completes, or nil. A malformed line fails the connection.
    private func parse(_ line: String) -> SMTPReply? {
        let bytes = Array(line.utf8)
        let digits = bytes.prefix(3)
        guard bytes.count >= 3,
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
              let code = Int(String(decoding: digits, as: UTF8.self)), (200...599).contains(code),
              bytes.count == 3 || bytes[3] == UInt8(ascii: " ") || bytes[3] == UInt8(ascii: "-"),
              partial.count < Self.maxLines
        else {
            fail(.transient("malformed reply from the server: \(line.prefix(80))"))
            context?.close(promise: nil)
            return nil
        }
        partial.append(String(decoding: bytes.dropFirst(4), as: UTF8.self))
        if bytes.count > 3, bytes[3] == UInt8(ascii: "-") { return nil }
        defer { partial = [] }
        return SMTPReply(code: code, lines: partial)
    }

    private func fail(_ error: SMTPError) {
        if failure == nil { failure = error }
        if let (promise, deadline) = waiting {
            waiting = nil
            deadline.cancel()
            promise.fail(failure ?? error)
        }
    }
}

/// Splits the byte stream into lines without their CRLF (or bare LF). A line longer than
/// `maxLength` fails the channel, so a misbehaving server cannot fill memory.
struct SMTPLineDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer
    var maxLength = 4096

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > maxLength { throw SMTPError.transient("a reply line longer than \(maxLength) bytes") }
            return .needMoreData
        }
        guard var line = buffer.readSlice(length: newline - buffer.readerIndex) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 1)
        if line.readableBytesView.last == UInt8(ascii: "\r") { line.moveWriterIndex(to: line.writerIndex - 1) }
        context.fireChannelRead(wrapInboundOut(line))
        return .continue
    }

    mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData  // a partial last line is dropped
    }
}
