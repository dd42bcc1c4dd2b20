import Foundation

/// A mailbox: an optional display name (any Unicode, e.g. "Văn phòng Đảng ủy Khối") and an
/// ASCII address. `MIME.render` encodes the name as RFC 2047 words when it needs to.
public struct MailAddress: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
    public var name: String?
    public var email: String

    public init(name: String? = nil, email: String) {
        self.name = name
        self.email = email
    }

    /// Parses `ThiĐua <noreply@example.org>`, `"Ban Tổ chức" <btc@example.org>`,
    /// `<a@b.vn>` or a bare `a@b.vn`; nil when there is no plausible address
    /// (no "@", spaces or angle brackets inside it, or control characters anywhere).
    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            return nil
        }
        var name: String?
        var email = trimmed
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            email = String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
            var display = trimmed[..<open].trimmingCharacters(in: .whitespaces)
            if display.count >= 2, display.hasPrefix("\""), display.hasSuffix("\"") {
                display = String(display.dropFirst().dropLast())
                    .replacingOccurrences(of: "\\\"", with: "\"")
                    .replacingOccurrences(of: "\\\\", with: "\\")
            }
            name = display.isEmpty ? nil : display
        }
        guard Self.isPlausibleAddress(email) else { return nil }
        self.init(name: name, email: email)
    }

    /// One "@" with something on both sides, and no whitespace, brackets, quotes or commas.
    public static func isPlausibleAddress(_ email: String) -> Bool {
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return !email.unicodeScalars.contains { scalar in
            scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                || "<>\",;()[]\\".unicodeScalars.contains(scalar)
        }
    }

    /// `Name <email>` (or just the address), for logs and forms — not a header encoding.
    public var description: String {
        guard let name, !name.isEmpty else { return email }
        return "\(name) <\(email)>"
    }
}

/// One e-mail as the outbox stores it. `messageID` is fixed when the outbox row is created, so a
/// re-delivery of the same row carries the same Message-ID and receivers can tell it is a repeat.
public struct MailMessage: Sendable, Equatable, Codable {
    /// `<uuid@thidua.local>`; `MIME.render` adds the angle brackets if they are missing.
    public var messageID: String
    public var from: MailAddress
    public var to: [MailAddress]
    public var subject: String
    /// The plain-text part; line ends may be LF or CRLF (rendered as CRLF).
    public var text: String
    /// The HTML alternative; nil sends a lone text/plain message.
    public var html: String?
    public var date: Date

    public init(
        messageID: String, from: MailAddress, to: [MailAddress], subject: String,
        text: String, html: String? = nil, date: Date
    ) {
        self.messageID = messageID
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.date = date
    }

    /// A fresh `<uuid@domain>` id, for a new outbox row.
    public static func makeMessageID(domain: String = "thidua.local") -> String {
        "<\(UUID().uuidString.lowercased())@\(domain)>"
    }
}
