import Foundation
import NIOCore
import NIOPosix
import Testing
import ThiDuaCore
@testable import ThiDuaServer

/// The SMTP client against a scripted server in this process (always), and against a real
/// aiosmtpd sink when THIDUA_TEST_SMTP=host:port is set (see SMTPSinkTests).
@Suite struct SMTPClientTests {
    static let group = MultiThreadedEventLoopGroup.singleton
    static let message = MailMessage(
        messageID: "<b7e1c0de-0001@thidua.local>", from: MailAddress(name: "ThiĐua", email: "noreply@example.org"),
        to: [MailAddress(name: "Ban Dân vận Tỉnh ủy", email: "bdv@example.org"), MailAddress(email: "vp@example.org")],
        subject: "Nhắc hạn nộp báo cáo", text: ".dòng bắt đầu bằng dấu chấm\n..\nHết.", date: Date(timeIntervalSince1970: 1_702_900_000)
    )

    static func config(port: Int, username: String? = nil, startTLS: Bool = false, timeout: TimeAmount = .seconds(5)) -> SMTPConfiguration {
        SMTPConfiguration(host: "127.0.0.1", port: port, startTLS: startTLS, username: username, password: username.map { _ in "mật khẩu:@/ 1" },
                          from: MailAddress(name: "ThiĐua", email: "noreply@example.org"), timeout: timeout)
    }

    @Test func deliversWithAuthAndDotStuffing() async throws {
        let server = try await ScriptedSMTPServer.start { _ in nil }
        defer { server.stop() }
        try await SMTPClient(configuration: Self.config(port: server.port, username: "thidua@example.org"), eventLoopGroup: Self.group)
            .send(Self.message)
        let commands = server.transcript.commands
        let plain = Data("\0thidua@example.org\0mật khẩu:@/ 1".utf8).base64EncodedString()
        #expect(commands == ["EHLO example.org", "AUTH PLAIN \(plain)", "MAIL FROM:<noreply@example.org>",
                             "RCPT TO:<bdv@example.org>", "RCPT TO:<vp@example.org>", "DATA", "QUIT"])
        let data = try #require(server.transcript.data.first)
        #expect(data == SMTPClient.dotStuffed(MIME.render(Self.message, boundary: MIME.boundary(for: Self.message))))
        #expect(data.hasSuffix("\r\n") && data.contains("\r\nSubject: =?UTF-8?B?"))
    }

    @Test(arguments: [
        ("MAIL", "550 5.7.1 sender rejected", SMTPError.permanent("MAIL FROM: 550 5.7.1 sender rejected")),
        ("RCPT TO:<vp", "550 5.1.1 no such user", SMTPError.permanent("RCPT TO <vp@example.org>: 550 5.1.1 no such user")),
        ("RCPT TO:<bdv", "452 4.2.2 mailbox full", SMTPError.transient("RCPT TO <bdv@example.org>: 452 4.2.2 mailbox full")),
        ("DATA", "451 4.3.0 try later", SMTPError.transient("DATA: 451 4.3.0 try later")),
        (".", "554 5.6.0 message refused", SMTPError.permanent("end of DATA: 554 5.6.0 message refused")),
        ("AUTH", "535 5.7.8 bad credentials", SMTPError.permanent("AUTH PLAIN: 535 5.7.8 bad credentials")),
        ("EHLO", "421 4.3.2 shutting down", SMTPError.transient("EHLO: 421 4.3.2 shutting down")),
    ])
    func mapsReplies(trigger: String, reply: String, expected: SMTPError) async throws {
        let server = try await ScriptedSMTPServer.start { $0.hasPrefix(trigger) ? reply : nil }
        defer { server.stop() }
        let client = SMTPClient(configuration: Self.config(port: server.port, username: "u"), eventLoopGroup: Self.group)
        await #expect(throws: expected) { try await client.send(Self.message) }
        if trigger.hasPrefix("RCPT") { #expect(!server.transcript.commands.contains("DATA")) }
    }

    @Test func greetingRefusalAndMissingSTARTTLSAreTransient() async throws {
        let refusing = try await ScriptedSMTPServer.start(greeting: "554 no service") { _ in nil }
        defer { refusing.stop() }
        await #expect(throws: SMTPError.permanent("greeting: 554 no service")) {
            try await SMTPClient(configuration: Self.config(port: refusing.port), eventLoopGroup: Self.group).send(Self.message)
        }
        let plain = try await ScriptedSMTPServer.start { _ in nil }
        defer { plain.stop() }
        await #expect(throws: SMTPError.transient("the server does not offer STARTTLS")) {
            try await SMTPClient(configuration: Self.config(port: plain.port, startTLS: true), eventLoopGroup: Self.group).send(Self.message)
        }
        #expect(!plain.transcript.commands.contains { $0.hasPrefix("MAIL") })
    }

    @Test func closedPortIsTransient() async throws {
        let server = try await ScriptedSMTPServer.start { _ in nil }
        let port = server.port
        server.stop()
        let error = await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: Self.config(port: port), eventLoopGroup: Self.group).send(Self.message)
        }
        guard case .transient(let reason)? = error else { Issue.record("expected transient, got \(String(describing: error))"); return }
        #expect(reason.contains("cannot connect to 127.0.0.1:\(port)"))
    }

    @Test func silentServerTimesOut() async throws {
        let server = try await ScriptedSMTPServer.start(greeting: nil) { _ in nil }
        defer { server.stop() }
        // The timeout is named in the error; how long it took is a benchmark's business, not a test's.
        await #expect(throws: SMTPError.transient("no reply from the server within 1 s")) {
            try await SMTPClient(configuration: Self.config(port: server.port, timeout: .seconds(1)), eventLoopGroup: Self.group)
                .send(Self.message)
        }
    }

    @Test func refusesBadAddressesBeforeConnecting() async {
        var message = Self.message
        message.to = [MailAddress(email: "bdv@example.org>\r\nRCPT TO:<x@evil.example")]
        await #expect(throws: SMTPError.self) {
            try await SMTPClient(configuration: Self.config(port: 1), eventLoopGroup: Self.group).send(message)
        }
        message.to = []
        await #expect(throws: SMTPError.permanent("the message has no recipient")) {
            try await SMTPClient(configuration: Self.config(port: 1), eventLoopGroup: Self.group).send(message)
        }
    }

    @Test(arguments: [
        ("a\r\n.b\r\n", "a\r\n..b\r\n"), (".\r\n", "..\r\n"), ("x\n.\ny", "x\r\n..\r\ny\r\n"),
        ("no dots", "no dots\r\n"), ("", ""), ("a.\r\n b", "a.\r\n b\r\n"), ("..\r\n", "...\r\n"),
    ])
    func dotStuffing(text: String, expected: String) {
        #expect(SMTPClient.dotStuffed(text) == expected)
    }
}
