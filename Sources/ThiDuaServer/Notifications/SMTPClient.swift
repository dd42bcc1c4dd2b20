import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import ThiDuaCore

/// A minimal SMTP client on SwiftNIO, one connection per message: EHLO (HELO for very old
/// servers), STARTTLS (NIOSSL, certificates verified unless THIDUA_SMTP_INSECURE=1), AUTH PLAIN
/// (LOGIN when only that is offered), MAIL FROM, RCPT TO for each recipient, DATA with the
/// dot-stuffed `MIME.render` output, QUIT. All recipients are accepted or none gets the message.
/// Nothing is logged; errors carry the server's reply text but never the password or the body.
struct SMTPClient: Sendable {
    let configuration: SMTPConfiguration
    let eventLoopGroup: any EventLoopGroup

    /// Delivers `message` (envelope sender: `configuration.from`). Throws `SMTPError` only.
    func send(_ message: MailMessage) async throws {
        let recipients = message.to.map(\.email)
        guard !recipients.isEmpty else { throw SMTPError.permanent("the message has no recipient") }
        for address in [configuration.from.email] + recipients
        where !MailAddress.isPlausibleAddress(address) || !address.unicodeScalars.allSatisfy(\.isASCII) {
            throw SMTPError.permanent("not a deliverable address: \(address.prefix(100))")
        }
        let payload = Self.dotStuffed(MIME.render(message, boundary: MIME.boundary(for: message)))
        let connection = try await SMTPConnection.open(configuration, group: eventLoopGroup)
        do {
            try await withTaskCancellationHandler {
                try await converse(connection, recipients: recipients, payload: payload)
            } onCancel: {
                connection.abort()
            }
        } catch {
            connection.abort()
            throw Self.classify(error)
        }
    }

    private func converse(_ c: SMTPConnection, recipients: [String], payload: String) async throws {
        let greeting = try await c.reply()
        guard greeting.code == 220 else { throw SMTPError.reply(greeting.code, greeting.text, during: "greeting") }
        let name = Self.heloName(for: configuration.from)
        var hello = try await c.hello(name)
        var secure = configuration.implicitTLS
        if configuration.startTLS, !secure {
            guard hello.capabilities.contains("STARTTLS") else {
                throw SMTPError.transient("the server does not offer STARTTLS")
            }
            try await c.command("STARTTLS", expect: 220...220, step: "STARTTLS")
            try await c.upgradeToTLS(SMTPConnection.tlsContext(configuration), serverHostname: Self.sniName(configuration.host))
            secure = true
            hello = try await c.command("EHLO \(name)", expect: 250...250, step: "EHLO after STARTTLS")
        }
        if let username = configuration.username {
            guard secure || Self.isLoopback(configuration.host) || !configuration.verifyCertificates else {
                throw SMTPError.transient("refusing to send the password without TLS (use starttls=1 or smtps://)")
            }
            try await authenticate(c, hello: hello, username: username, password: configuration.password ?? "")
        }
        try await c.command("MAIL FROM:<\(configuration.from.email)>", expect: 250...250, step: "MAIL FROM")
        var refusals: [SMTPError] = []
        for recipient in recipients {
            let reply = try await c.command("RCPT TO:<\(recipient)>", step: "RCPT TO")
            if !(250...251).contains(reply.code) {
                refusals.append(SMTPError.reply(reply.code, reply.text, during: "RCPT TO <\(recipient)>"))
            }
        }
        if let first = refusals.first {
            _ = try? await c.command("RSET", step: "RSET")
            await c.quit()
            throw refusals.first { if case .permanent = $0 { true } else { false } } ?? first
        }
        try await c.command("DATA", expect: 354...354, step: "DATA")
        try await c.write(payload + ".\r\n")
        let accepted = try await c.reply()
        guard accepted.code == 250 else { throw SMTPError.reply(accepted.code, accepted.text, during: "end of DATA") }
        await c.quit()  // Delivered: a failing QUIT changes nothing.
    }

    private func authenticate(_ c: SMTPConnection, hello: SMTPReply, username: String, password: String) async throws {
        let offered = hello.capabilities.first { $0.hasPrefix("AUTH ") || $0.hasPrefix("AUTH=") }
            .map { Set($0.dropFirst(5).split(separator: " ").map(String.init)) } ?? []
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if offered.contains("LOGIN"), !offered.contains("PLAIN") {
            try await c.command("AUTH LOGIN", expect: 334...334, step: "AUTH LOGIN")
            try await c.command(base64(username), expect: 334...334, step: "AUTH LOGIN user name")
            try await c.command(base64(password), expect: 235...235, step: "AUTH LOGIN password")
        } else {
            try await c.command("AUTH PLAIN " + base64("\0\(username)\0\(password)"), expect: 235...235, step: "AUTH PLAIN")
        }
    }

    /// RFC 5321 §4.5.2: a line starting with "." gets another; line ends become CRLF and the
    /// text ends with CRLF, ready for the terminating ".\r\n".
    static func dotStuffed(_ text: String) -> String {
        var lines = MIME.crlf(text).components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }  // the text already ended with a line end
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for line in lines {
            if line.hasPrefix(".") { out += "." }
            out += line + "\r\n"
        }
        return out
    }

    /// SMTPError as it is; anything else (connection, TLS, channel errors) is transient.
    static func classify(_ error: any Error) -> SMTPError {
        if let error = error as? SMTPError { return error }
        if error is CancellationError { return .transient("cancelled") }
        return .transient("\(error)")
    }

    /// The domain of the sender address (letters, digits, "-" and "." only), else "localhost".
    static func heloName(for from: MailAddress) -> String {
        let domain = from.email.split(separator: "@").last.map(String.init) ?? ""
        let clean = domain.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }
        return clean.isEmpty || clean != domain ? "localhost" : clean
    }

    /// Server name for TLS SNI: nil for an IP address, which SNI does not allow.
    static func sniName(_ host: String) -> String? {
        let isIPv4 = host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." }
        return isIPv4 || host.contains(":") ? nil : host
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
