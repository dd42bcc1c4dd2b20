import Foundation

/// Renders a `MailMessage` as an RFC 5322 / MIME message that is 7-bit ASCII throughout, so any
/// SMTP server takes it without SMTPUTF8 or 8BITMIME.
public enum MIME {
    /// RFC 5322 + MIME: CRLF line ends; Subject and display names as RFC 2047 encoded-words
    /// (UTF-8, B) when non-ASCII, folded so that no header line passes 76 characters; Date in
    /// RFC 5322 form (+0700); Message-ID; MIME-Version; multipart/alternative (text/plain then
    /// text/html) with base64 bodies wrapped at 76; a lone text part when `html` is nil.
    ///
    /// Text bodies get CRLF line ends before base64 (the canonical form of text/*). The
    /// `boundary` must be 1–70 characters of RFC 2046 `bchars` and not end in a space; one
    /// holding "=_" (as `boundary(for:)` makes) cannot occur in base64. Control characters in
    /// headers become spaces, so no value can inject a header. Dot-stuffing is the transport's job.
    public static func render(_ m: MailMessage, boundary: String) -> String {
        var headers: [String] = []
        headers.append("Date: " + dateHeader(m.date))
        var from = MailHeader("From")
        from.append(address: m.from)
        headers.append(from.rendered)
        var to = MailHeader("To")
        if m.to.isEmpty { to.append(token: "undisclosed-recipients:;") }
        for (index, address) in m.to.enumerated() {
            to.append(address: address, suffix: index < m.to.count - 1 ? "," : "")
        }
        headers.append(to.rendered)
        var subject = MailHeader("Subject")
        subject.append(text: m.subject)
        headers.append(subject.rendered)
        headers.append("Message-ID: " + messageIDHeader(m.messageID))
        headers.append("MIME-Version: 1.0")
        headers.append("Auto-Submitted: auto-generated")

        let plain = part(type: "text/plain", body: m.text)
        guard let html = m.html else {
            return (headers + plain.headers).joined(separator: "\r\n") + "\r\n\r\n" + plain.body
        }
        let rich = part(type: "text/html", body: html)
        headers.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
        var out = headers.joined(separator: "\r\n") + "\r\n\r\n"
        out += "This is a multi-part message in MIME format.\r\n"
        for piece in [plain, rich] {
            out += "\r\n--\(boundary)\r\n" + piece.headers.joined(separator: "\r\n") + "\r\n\r\n" + piece.body
        }
        return out + "\r\n--\(boundary)--\r\n"
    }

    /// A boundary derived from the Message-ID, so the same outbox row always renders to the
    /// same bytes: "=_ThiDua_" followed by the id's letters and digits (at most 70 characters).
    public static func boundary(for m: MailMessage) -> String {
        let kept = m.messageID.unicodeScalars.filter {
            $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType == .decimal)
        }
        let tail = String(String.UnicodeScalarView(kept).prefix(61))
        return "=_ThiDua_" + tail
    }

    /// `<id>` with control characters and spaces removed; brackets added when missing.
    static func messageIDHeader(_ id: String) -> String {
        var clean = String(id.unicodeScalars.filter { $0.value > 0x20 && $0.value < 0x7F }.map(Character.init))
        if !clean.hasPrefix("<") { clean = "<" + clean }
        if !clean.hasSuffix(">") { clean += ">" }
        return clean
    }

    /// A body part's headers and its base64 body (lines of 76, each ending in CRLF).
    static func part(type: String, body: String) -> (headers: [String], body: String) {
        let headers = [
            "Content-Type: \(type); charset=UTF-8",
            "Content-Transfer-Encoding: base64",
        ]
        return (headers, base64Lines(Data(crlf(body).utf8)))
    }

    /// Every line end (LF, CR or CRLF) as CRLF.
    public static func crlf(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\n", with: "\r\n")
    }

    static func base64Lines(_ data: Data) -> String {
        let encoded = Array(data.base64EncodedString().utf8)
        var out = ""
        out.reserveCapacity(encoded.count + encoded.count / 38 + 2)
        var start = 0
        while start < encoded.count {
            let end = min(start + 76, encoded.count)
            out += String(decoding: encoded[start..<end], as: UTF8.self) + "\r\n"
            start = end
        }
        return out
    }
}
