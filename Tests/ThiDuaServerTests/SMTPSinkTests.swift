import Foundation
import NIOCore
import NIOPosix
import Testing
import ThiDuaCore
@testable import ThiDuaServer

/// Delivery to a real SMTP server: `python3 -m aiosmtpd -n -l 127.0.0.1:PORT -c aiosmtpd.handlers.Mailbox DIR`
/// at THIDUA_TEST_SMTP=127.0.0.1:PORT, its Maildir at THIDUA_TEST_SMTP_MAILDIR; the same with
/// `--tlscert/--tlskey` (STARTTLS required, self-signed) at THIDUA_TEST_SMTP_STARTTLS, same Maildir.
@Suite(.enabled(if: SMTPSink.plain != nil, "THIDUA_TEST_SMTP=host:port of an aiosmtpd sink"))
struct SMTPSinkTests {

    static func message(id: String) -> MailMessage {
        MailMessage(
            messageID: id, from: MailAddress(name: "ThiĐua — Đảng ủy Khối", email: "noreply@example.org"),
            to: [MailAddress(name: "Văn phòng Ủy ban Kiểm tra Đảng ủy Khối các cơ quan tỉnh", email: "ubkt@example.org")],
            subject: "Nhắc hạn: nộp Báo cáo tổng kết công tác thi đua, khen thưởng năm 2023 — còn 3 ngày",
            text: "Kính gửi Ủy ban Kiểm tra,\n.Hạn nộp: 23:59:59 ngày 19/12/2023.\n\nTrân trọng.",
            html: "<p>Kính gửi <b>Ủy ban Kiểm tra</b>,</p>\n<p>Hạn nộp: 23:59:59 ngày 19/12/2023.</p>",
            date: Date()
        )
    }

    @Test func deliversOnceWithVietnameseHeadersAndBody() async throws {
        let sink = try #require(SMTPSink.plain)
        let id = "<\(UUID().uuidString.lowercased())@thidua.local>"
        let config = SMTPConfiguration(host: sink.host, port: sink.port, startTLS: false,
                                       from: MailAddress(email: "noreply@example.org"), timeout: .seconds(10))
        try await SMTPClient(configuration: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton).send(Self.message(id: id))
        try await checkDelivered(Self.message(id: id))
    }

    @Test(.enabled(if: SMTPSink.startTLS != nil, "THIDUA_TEST_SMTP_STARTTLS=host:port of an aiosmtpd sink with --tlscert"))
    func deliversOverSTARTTLSAndVerifiesCertificates() async throws {
        let sink = try #require(SMTPSink.startTLS)
        let id = "<\(UUID().uuidString.lowercased())@thidua.local>"
        var config = SMTPConfiguration(host: sink.host, port: sink.port, startTLS: true,
                                       from: MailAddress(email: "noreply@example.org"), timeout: .seconds(10))
        let client = SMTPClient(configuration: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
        let error = await #expect(throws: SMTPError.self, "a self-signed certificate must be refused") {
            try await client.send(Self.message(id: id))
        }
        if case .permanent? = error { Issue.record("certificate failure should be transient: \(String(describing: error))") }
        config.verifyCertificates = false
        try await SMTPClient(configuration: config, eventLoopGroup: MultiThreadedEventLoopGroup.singleton).send(Self.message(id: id))
        try await checkDelivered(Self.message(id: id))
    }

    /// Finds the one Maildir file holding the Message-ID and reads it back as a mail reader would.
    private func checkDelivered(_ sent: MailMessage) async throws {
        guard let maildir = SMTPSink.maildir else { return }
        var files: [String] = []
        for _ in 0..<50 {
            files = try ["new", "cur"].flatMap { sub -> [String] in
                let dir = maildir + "/" + sub
                return try FileManager.default.contentsOfDirectory(atPath: dir).map { dir + "/" + $0 }
            }.filter { (try? String(contentsOfFile: $0, encoding: .utf8))?.contains(sent.messageID) == true }
            if !files.isEmpty { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(files.count == 1, "delivered exactly once")
        let raw = try String(contentsOfFile: try #require(files.first), encoding: .utf8)
        #expect(raw.unicodeScalars.allSatisfy { $0.isASCII })
        let (headers, body) = try splitMessage(raw)
        #expect(decodeEncodedWords(headers["subject"] ?? "") == sent.subject)
        #expect(decodeEncodedWords(headers["from"] ?? "") == "ThiĐua — Đảng ủy Khối <noreply@example.org>")
        #expect(decodeEncodedWords(headers["to"] ?? "") == "Văn phòng Ủy ban Kiểm tra Đảng ủy Khối các cơ quan tỉnh <ubkt@example.org>")
        #expect(headers["message-id"] == sent.messageID)
        let contentType = try #require(headers["content-type"])
        let boundary = try #require(contentType.components(separatedBy: "boundary=\"").last?.split(separator: "\"").first)
        let parts = body.components(separatedBy: "--\(boundary)")
        #expect(parts.count == 4)
        for (part, original) in zip(parts[1...2], [sent.text, sent.html!]) {
            let (_, encoded) = try splitMessage(String(part.drop { $0 == "\n" }))
            let data = try #require(Data(base64Encoded: encoded.filter { !$0.isWhitespace }))
            #expect(String(data: data, encoding: .utf8) == MIME.crlf(original))
        }
    }
}

/// The sinks named in the environment (the suite's trait cannot refer to the suite itself).
enum SMTPSink {
    static let env = ProcessInfo.processInfo.environment
    static let plain = endpoint(env["THIDUA_TEST_SMTP"])
    static let startTLS = endpoint(env["THIDUA_TEST_SMTP_STARTTLS"])
    static let maildir = env["THIDUA_TEST_SMTP_MAILDIR"].flatMap { $0.isEmpty ? nil : $0 }

    static func endpoint(_ text: String?) -> (host: String, port: Int)? {
        guard let text, let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]) else { return nil }
        return (String(text[..<colon]), port)
    }
}

/// Headers (lower-case names, unfolded) and body of a message with CRLF or LF line ends.
private func splitMessage(_ raw: String) throws -> (headers: [String: String], body: String) {
    let text = raw.replacingOccurrences(of: "\r\n", with: "\n")
    let end = try #require(text.range(of: "\n\n"))
    var headers: [String: String] = [:], last: String?
    for line in text[..<end.lowerBound].components(separatedBy: "\n") {
        if line.first == " " || line.first == "\t", let name = last {
            headers[name, default: ""] += line
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].lowercased()
            headers[name] = String(line[line.index(after: colon)...])
            last = name
        }
    }
    return (headers.mapValues { $0.trimmingCharacters(in: .whitespaces) }, String(text[end.upperBound...]))
}

/// RFC 2047: UTF-8 B/Q encoded-words decoded, whitespace between adjacent words dropped.
private func decodeEncodedWords(_ value: String) -> String {
    let pattern = try! NSRegularExpression(pattern: #"=\?([^?]+)\?([BbQq])\?([^?]*)\?="#)
    var out = "", cursor = value.startIndex, previousWasWord = false
    for match in pattern.matches(in: value, range: NSRange(value.startIndex..., in: value)) {
        let range = Range(match.range, in: value)!
        let between = String(value[cursor..<range.lowerBound])
        if !(previousWasWord && between.allSatisfy(\.isWhitespace)) { out += between }
        let kind = value[Range(match.range(at: 2), in: value)!].uppercased()
        let payload = String(value[Range(match.range(at: 3), in: value)!])
        var bytes = Data()
        if kind == "B" {
            bytes = Data(base64Encoded: payload) ?? Data("\u{FFFD}".utf8)
        } else {
            var chars = Array(payload.replacingOccurrences(of: "_", with: " ").utf8)[...]
            while let c = chars.popFirst() {
                if c == UInt8(ascii: "="), let v = UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16) {
                    bytes.append(v)
                    chars = chars.dropFirst(2)
                } else { bytes.append(c) }
            }
        }
        out += String(data: bytes, encoding: .utf8) ?? "\u{FFFD}"
        cursor = range.upperBound
        previousWasWord = true
    }
    return out + value[cursor...]
}

/// Everything the scripted server saw: command lines, and each DATA payload as sent on the wire.
final class SMTPTranscript: @unchecked Sendable {
    private let lock = NSLock()
    private var _commands: [String] = [], _data: [String] = []
    var commands: [String] { lock.withLock { _commands } }
    var data: [String] { lock.withLock { _data } }
    func add(command: String) { lock.withLock { _commands.append(command) } }
    func add(data: String) { lock.withLock { _data.append(data) } }
}

/// A loopback SMTP server for tests: answers every command with a sensible success, unless
/// `script` returns another reply for it (the end of DATA is offered to `script` as ".").
struct ScriptedSMTPServer: Sendable {
    let channel: any Channel
    let transcript: SMTPTranscript
    var port: Int { channel.localAddress?.port ?? 0 }

    static func start(
        greeting: String? = "220 fake.example ESMTP", script: @escaping @Sendable (String) -> String?
    ) async throws -> ScriptedSMTPServer {
        let transcript = SMTPTranscript()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                child.eventLoop.makeCompletedFuture {
                    try child.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPLineDecoder(maxLength: 1 << 20)))
                    try child.pipeline.syncOperations.addHandler(
                        ScriptedSMTPHandler(greeting: greeting, script: script, transcript: transcript))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return ScriptedSMTPServer(channel: channel, transcript: transcript)
    }

    func stop() { try? channel.close().wait() }
}

private final class ScriptedSMTPHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let greeting: String?, script: @Sendable (String) -> String?, transcript: SMTPTranscript
    private var inData = false, payload = ""

    init(greeting: String?, script: @escaping @Sendable (String) -> String?, transcript: SMTPTranscript) {
        (self.greeting, self.script, self.transcript) = (greeting, script, transcript)
    }

    func channelActive(context: ChannelHandlerContext) {
        if let greeting { say(greeting, context) }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let line = String(buffer: unwrapInboundIn(data))
        if inData {
            guard line == "." else { payload += line + "\r\n"; return }
            inData = false
            transcript.add(data: payload)
            payload = ""
            say(script(".") ?? "250 2.0.0 queued", context)
            return
        }
        transcript.add(command: line)
        let verb = line.prefix(4).uppercased()
        let fallback = ["EHLO": "250-fake.example\r\n250-PIPELINING\r\n250 AUTH PLAIN LOGIN", "DATA": "354 end with .",
                        "QUIT": "221 bye", "AUTH": "235 2.7.0 ok"][verb] ?? "250 ok"
        let reply = script(line) ?? fallback
        say(reply, context)
        if verb == "DATA", reply.hasPrefix("354") { inData = true }
        if verb == "QUIT" { context.close(promise: nil) }
    }

    private func say(_ reply: String, _ context: ChannelHandlerContext) {
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: reply + "\r\n")), promise: nil)
    }
}
