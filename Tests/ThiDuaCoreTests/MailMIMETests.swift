import Foundation
import Testing
@testable import ThiDuaCore

/// Reads `MIME.render` output back the way a mail reader does: unfolds headers, decodes
/// RFC 2047 words (B and Q) and base64 bodies.
@Suite struct MailMIMETests {
    static let sender = MailAddress(name: "ThiĐua — Đảng ủy Khối", email: "noreply@example.org")
    static let date = instant("2023-12-16T08:00:00+07:00")

    static func message(subject: String, text: String = "Kính gửi đồng chí,\nHạn nộp: 23:59 19/12/2023.",
                        html: String? = nil, to: [MailAddress]? = nil) -> MailMessage {
        MailMessage(messageID: "<2f1c-77@thidua.local>", from: sender,
                    to: to ?? [MailAddress(name: "Ban Tuyên giáo Tỉnh ủy", email: "btg@example.org")],
                    subject: subject, text: text, html: html, date: date)
    }

    @Test(arguments: [
        ("Nhắc hạn nộp báo cáo thi đua năm 2023", "Nhắc hạn nộp báo cáo thi đua năm 2023"),
        ("Kết quả bình xét thi đua Khối các cơ quan Đảng, đoàn thể tỉnh Lào Cai năm 2023 — "
            + "đề nghị tặng Cờ thi đua của Chủ tịch Ủy ban nhân dân tỉnh và Bằng khen",
         "Kết quả bình xét thi đua Khối các cơ quan Đảng, đoàn thể tỉnh Lào Cai năm 2023 — "
            + "đề nghị tặng Cờ thi đua của Chủ tịch Ủy ban nhân dân tỉnh và Bằng khen"),
        ("Reminder", "Reminder"),
        ("A plain ASCII subject that is long enough to need folding over more than one header line, twice over",
         "A plain ASCII subject that is long enough to need folding over more than one header line, twice over"),
        ("Looks like =?UTF-8?B?QQ==?= but is not", "Looks like =?UTF-8?B?QQ==?= but is not"),
        ("Ho\u{302}\u{300}ng Đa\u{323}t", "Hồng Đạt"),
        ("Đã mở phiếu bầu 🗳️ vòng 2", "Đã mở phiếu bầu 🗳️ vòng 2"),
        ("Nhắc\r\nBcc: victim@example.org", "Nhắc  Bcc: victim@example.org"),
        ("", ""),
    ])
    func subjectRoundTrips(subject: String, expected: String) throws {
        let rendered = MIME.render(Self.message(subject: subject), boundary: "=_b")
        let (headers, _) = try split(rendered)
        #expect(decodeWords(try #require(headers["subject"])) == expected)
        #expect(headers["bcc"] == nil)
    }

    @Test(arguments: [
        "Nhắc hạn nộp báo cáo thi đua năm 2023",
        String(repeating: "Thông báo kết quả chấm điểm thi đua, ", count: 8),
        String(repeating: "Ư", count: 200),
        String(repeating: "x", count: 120),
    ])
    func headersAreASCIIFoldedAndCRLF(subject: String) throws {
        let recipients = (1...6).map { MailAddress(name: "Đơn vị số \($0) — Ủy ban Kiểm tra", email: "u\($0)@example.org") }
        let rendered = MIME.render(Self.message(subject: subject, html: "<p>Chào</p>", to: recipients), boundary: "=_b")
        #expect(rendered.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        let head = rendered.components(separatedBy: "\r\n\r\n")[0]
        for line in head.components(separatedBy: "\r\n") {
            // Only an unbreakable 120-letter ASCII word may stand alone on a longer line.
            #expect(line.count <= 76 || line == " " + String(repeating: "x", count: 120), "\(line)")
            #expect(!line.trimmingCharacters(in: .whitespaces).isEmpty)
        }
        let headers = try split(rendered).headers
        #expect(decodeWords(headers["subject"]!) == subject)
        let to = decodeWords(headers["to"]!)
        #expect(to == recipients.map { "\($0.name!) <\($0.email)>" }.joined(separator: ", "))
    }

    @Test(arguments: [
        (MailAddress(name: "ThiĐua", email: "noreply@example.org"), "ThiĐua <noreply@example.org>"),
        (MailAddress(name: nil, email: "a@b.vn"), "<a@b.vn>"),
        (MailAddress(name: "Ban \"Dân vận\"", email: "a@b.vn"), "Ban \"Dân vận\" <a@b.vn>"),
        (MailAddress(name: "Office \"A\"", email: "a@b.vn"), "\"Office \\\"A\\\"\" <a@b.vn>"),
        (MailAddress(name: "  ", email: "a@b.vn"), "<a@b.vn>"),
        (MailAddress(name: nil, email: "a@b.vn>, <evil@x.vn"), "<a@b.vnevil@x.vn>"),
        (MailAddress(name: "A\r\nBcc: evil@x.vn", email: "a@b.vn"), "\"A  Bcc: evil@x.vn\" <a@b.vn>"),
    ])
    func fromHeader(address: MailAddress, expected: String) throws {
        var m = Self.message(subject: "x")
        m.from = address
        let headers = try split(MIME.render(m, boundary: "=_b")).headers
        #expect(decodeWords(headers["from"]!) == expected)
    }

    @Test func multipartBodiesDecodeToTheOriginal() throws {
        let text = "Kính gửi Ban Tổ chức Tỉnh ủy,\n\n.Dòng bắt đầu bằng dấu chấm\r\nHạn: 23:59:59 19/12/2023"
        let html = "<p>Kính gửi <b>Ban Tổ chức Tỉnh ủy</b></p>\n" + String(repeating: "<p>Điểm: 95,5</p>", count: 40)
        let boundary = MIME.boundary(for: Self.message(subject: "x"))
        let rendered = MIME.render(Self.message(subject: "Thông báo", text: text, html: html), boundary: boundary)
        let (headers, body) = try split(rendered)
        #expect(headers["mime-version"] == "1.0")
        #expect(headers["message-id"] == "<2f1c-77@thidua.local>")
        #expect(headers["date"] == "Sat, 16 Dec 2023 08:00:00 +0700")
        #expect(headers["content-type"] == "multipart/alternative; boundary=\"\(boundary)\"")
        #expect(body.hasSuffix("\r\n--\(boundary)--\r\n"))
        let parts = body.components(separatedBy: "\r\n--\(boundary)")
        #expect(parts.count == 4)  // preamble, text, html, "--" epilogue
        let decoded = try parts[1...2].map { part -> (String, String) in
            let (h, b) = try split(String(decoding: part.utf8.dropFirst(2), as: UTF8.self))  // the CRLF after "--boundary"
            #expect(h["content-transfer-encoding"] == "base64")
            #expect(b.components(separatedBy: "\r\n").allSatisfy { $0.count <= 76 })
            let data = try #require(Data(base64Encoded: b.replacingOccurrences(of: "\r\n", with: "")))
            return (h["content-type"]!, try #require(String(data: data, encoding: .utf8)))
        }
        #expect(decoded[0].0 == "text/plain; charset=UTF-8")
        #expect(decoded[0].1 == MIME.crlf(text))
        #expect(decoded[1].0 == "text/html; charset=UTF-8")
        #expect(decoded[1].1 == MIME.crlf(html))
    }

    @Test func lonePlainPartWithoutHTML() throws {
        let rendered = MIME.render(Self.message(subject: "Nhắc hạn"), boundary: "=_unused")
        let (headers, body) = try split(rendered)
        #expect(headers["content-type"] == "text/plain; charset=UTF-8")
        #expect(!rendered.contains("=_unused"))
        let data = try #require(Data(base64Encoded: body.replacingOccurrences(of: "\r\n", with: "")))
        #expect(String(data: data, encoding: .utf8) == "Kính gửi đồng chí,\r\nHạn nộp: 23:59 19/12/2023.")
    }

    @Test(arguments: [
        ("2023-12-19T23:59:59+07:00", "Tue, 19 Dec 2023 23:59:59 +0700"),
        ("2023-12-31T17:00:00Z", "Mon, 01 Jan 2024 00:00:00 +0700"),
        ("2024-02-29T10:05:09+07:00", "Thu, 29 Feb 2024 10:05:09 +0700"),
        ("1970-01-01T00:00:00Z", "Thu, 01 Jan 1970 07:00:00 +0700"),
    ])
    func dateHeader(text: String, expected: String) {
        #expect(MIME.dateHeader(instant(text)) == expected)
        #expect(MIME.dateHeader(instant(text).addingTimeInterval(0.999)) == expected)
    }

    @Test func renderingIsDeterministicAndBoundaryIsSafe() {
        var m = Self.message(subject: "Đã mở phiếu", html: "<p>x</p>")
        m.messageID = "550e8400-e29b-41d4-a716-446655440000@thidua.local"
        let boundary = MIME.boundary(for: m)
        #expect(boundary.count <= 70 && boundary.hasPrefix("=_ThiDua_"))
        #expect(boundary.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "=_".contains($0)) })
        #expect(MIME.render(m, boundary: boundary) == MIME.render(m, boundary: boundary))
        #expect(MIME.render(m, boundary: boundary).contains("\r\nMessage-ID: <\(m.messageID)>\r\n"))
        #expect(MailMessage.makeMessageID().hasSuffix("@thidua.local>"))
    }

    @Test(arguments: [
        ("ThiĐua <noreply@example.org>", MailAddress(name: "ThiĐua", email: "noreply@example.org")),
        ("\"Ban Tổ chức\" <btc@example.org>", MailAddress(name: "Ban Tổ chức", email: "btc@example.org")),
        ("  a@b.vn ", MailAddress(name: nil, email: "a@b.vn")),
        ("<a@b.vn>", MailAddress(name: nil, email: "a@b.vn")),
    ])
    func parsesAddresses(text: String, expected: MailAddress) {
        #expect(MailAddress(parsing: text) == expected)
    }

    @Test(arguments: ["", "noreply", "a b@c.vn", "x <a@b.vn\r\nBcc: c@d.vn>", "@b.vn", "a@", "<>"])
    func rejectsAddresses(text: String) {
        #expect(MailAddress(parsing: text) == nil)
    }
}

/// Headers (lower-cased names, unfolded values) and the body after the first blank line.
private func split(_ message: String) throws -> (headers: [String: String], body: String) {
    let range = try #require(message.range(of: "\r\n\r\n"))
    let unfolded = message[..<range.lowerBound].replacingOccurrences(of: "\r\n ", with: " ")
    var headers: [String: String] = [:]
    for line in unfolded.components(separatedBy: "\r\n") {
        let colon = try #require(line.firstIndex(of: ":"), "header without colon: \(line)")
        let name = line[..<colon].lowercased()
        #expect(headers[name] == nil, "repeated header \(name)")
        headers[name] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
    }
    return (headers, String(message[range.upperBound...]))
}

/// RFC 2047 decoding: encoded-words (B or Q, UTF-8) are decoded each on its own (so a word that
/// splits a character fails), and whitespace between two adjacent words is dropped.
private func decodeWords(_ value: String) -> String? {
    var out = "", pending = "", rest = Substring(value), lastWasWord = false
    while let first = rest.first {
        if rest.hasPrefix("=?"), let word = decodeWord(rest) {
            if !lastWasWord { out += pending }
            guard let text = word.0 else { return nil }
            out += text
            pending = ""
            rest = rest.dropFirst(word.1)
            lastWasWord = true
        } else if first == " " || first == "\t" {
            pending.append(first)
            rest = rest.dropFirst()
        } else {
            out += pending + String(first)
            pending = ""
            rest = rest.dropFirst()
            lastWasWord = false
        }
    }
    return out + pending
}

/// One `=?charset?B|Q?text?=` at the start of `s`: its text (nil when not valid UTF-8) and length.
private func decodeWord(_ s: Substring) -> (String?, Int)? {
    let fields = s.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
    guard fields.count == 4, fields[0].uppercased() == "UTF-8", fields[3].hasPrefix("=") else { return nil }
    let payload = fields[2]
    guard !payload.contains(" ") else { return nil }
    let length = 2 + fields[0].count + 1 + fields[1].count + 1 + payload.count + 2
    var bytes: [UInt8] = []
    switch fields[1].uppercased() {
    case "B":
        guard let data = Data(base64Encoded: String(payload)) else { return (nil, length) }
        bytes = Array(data)
    case "Q":
        var chars = Array(payload.utf8)[...]
        while let c = chars.popFirst() {
            if c == UInt8(ascii: "_") { bytes.append(0x20) }
            else if c == UInt8(ascii: "="), chars.count >= 2,
                    let v = UInt8(String(decoding: chars.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                chars = chars.dropFirst(2)
            } else { bytes.append(c) }
        }
    default: return nil
    }
    return (String(data: Data(bytes), encoding: .utf8), length)
}
