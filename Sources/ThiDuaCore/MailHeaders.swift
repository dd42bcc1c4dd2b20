import Foundation

/// Builds one RFC 5322 header field, folding it (CRLF + space) so that no line passes
/// `MailHeader.lineLimit` characters, and RFC 2047-encoding text that is not plain ASCII.
struct MailHeader {
    /// RFC 2047 §2: lines holding encoded-words are at most 76 characters.
    static let lineLimit = 76
    /// RFC 2047 §2: one encoded-word is at most 75 characters.
    static let wordLimit = 75
    private static let wordOverhead = "=?UTF-8?B??=".count

    private var lines: [String] = []
    private var current: String

    init(_ name: String) { current = name + ":" }

    /// The whole field, without the final CRLF.
    var rendered: String { (lines + [current]).joined(separator: "\r\n") }

    /// Appends an unbreakable ASCII token after a space, starting a new line first when it
    /// would not fit (a token longer than a line keeps a line of its own).
    mutating func append(token: String) {
        if current.count + 1 + token.count > Self.lineLimit, current.contains(where: { $0 != " " }) {
            newLine()
        }
        current += " " + token
    }

    /// Appends `text` as RFC 2047 words (UTF-8, base64) of whole characters, sized to the room
    /// left on each line; `suffix` ("," between addresses) sticks to the last word. Words end
    /// after a space where they can and a text that fits one word is not split: readers that
    /// (against RFC 2047 §6.2) keep the space between two words then still show whole words.
    mutating func append(encoded text: String, suffix: String = "") {
        var pieces = Self.pieces(of: text)[...]
        let freshMax = Self.maxBytes(room: Self.lineLimit - 1 - suffix.count)
        while !pieces.isEmpty {
            let fresh = current.isEmpty || (lines.isEmpty && current.hasSuffix(":"))
            let maxBytes = Self.maxBytes(room: Self.lineLimit - current.count - 1 - suffix.count)
            var count = 0, bytes = 0
            for piece in pieces {
                if count > 0 && bytes + piece.utf8.count > maxBytes { break }
                count += 1
                bytes += piece.utf8.count
            }
            let whole = count == pieces.count
            let lastSpace = pieces.prefix(count).lastIndex(of: " ").map { $0 - pieces.startIndex }
            let tooBig = bytes > maxBytes && !current.isEmpty
            let wouldCut = !fresh && !whole && (lastSpace == nil || pieces.utf8Count <= freshMax)
            if tooBig || wouldCut {
                newLine()
                continue
            }
            if !whole, let lastSpace, lastSpace > 0 { count = lastSpace + 1 }
            let chunk = pieces.prefix(count).joined()
            pieces.removeFirst(count)
            current += " =?UTF-8?B?" + Data(chunk.utf8).base64EncodedString() + "?="
        }
        current += suffix
    }

    /// Unstructured text (Subject): kept as words when it is printable ASCII that cannot be
    /// mistaken for an encoded-word, else encoded. CR, LF and tabs become spaces.
    mutating func append(text: String) {
        let clean = MailHeader.singleLine(text)
        if MailHeader.isPlainASCII(clean) {
            for word in clean.split(separator: " ", omittingEmptySubsequences: true) {
                append(token: String(word))
            }
            if current.hasSuffix(":") { current += " " }  // blank subject
        } else {
            append(encoded: clean.precomposedStringWithCanonicalMapping)
        }
    }

    /// One mailbox: `"Name" <email>` or encoded words for a non-ASCII or long name.
    mutating func append(address: MailAddress, suffix: String = "") {
        // Characters that would end the address or start another are dropped (the SMTP client
        // refuses such an address anyway); the header keeps its structure whatever the input.
        let email = "<" + MailHeader.singleLine(address.email).filter { !" <>,;\"".contains($0) } + ">" + suffix
        let name = MailHeader.singleLine(address.name ?? "").trimmingCharacters(in: .whitespaces)
        if !name.isEmpty {
            let quoted = "\"" + name.replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "\"", with: "\\\"") + "\""
            if MailHeader.isPlainASCII(name), quoted.count <= 40 {
                append(token: quoted)
            } else {
                append(encoded: name.precomposedStringWithCanonicalMapping)
            }
        }
        append(token: email)
    }

    mutating func newLine() {
        lines.append(current)
        current = ""
    }

    /// Largest whole-character byte count whose base64 word fits in `room` characters.
    private static func maxBytes(room: Int) -> Int {
        let encoded = min(room, wordLimit) - wordOverhead
        return encoded < 4 ? 0 : (encoded / 4) * 3
    }

    /// Characters, except that a cluster too big for one word is cut into its scalars.
    private static func pieces(of text: String) -> [String] {
        text.flatMap { character -> [String] in
            String(character).utf8.count <= maxBytes(room: lineLimit - 2)
                ? [String(character)] : character.unicodeScalars.map { String($0) }
        }
    }

    static func singleLine(_ text: String) -> String {
        String(text.unicodeScalars.map { scalar -> Character in
            scalar.properties.generalCategory == .control || scalar.properties.isWhitespace
                ? " " : Character(scalar)
        })
    }

    /// Printable ASCII with no "=?" (which a reader could take for the start of an encoded-word).
    static func isPlainASCII(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } && !text.contains("=?")
    }
}

extension MIME {
    /// RFC 5322 date in Asia/Ho_Chi_Minh: "Tue, 19 Dec 2023 23:59:59 +0700" (whole seconds).
    public static func dateHeader(_ date: Date) -> String {
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + 7 * 3600
        let days = Int((Double(local) / 86_400).rounded(.down))
        let seconds = local - days * 86_400
        let d = LocalDate(dayNumber: days)
        let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(weekdays[d.weekdayIndex]), \(two(d.day)) \(months[d.month - 1]) \(d.year) "
            + "\(two(seconds / 3600)):\(two(seconds / 60 % 60)):\(two(seconds % 60)) +0700"
    }
}

extension ArraySlice<String> {
    fileprivate var utf8Count: Int { reduce(0) { $0 + $1.utf8.count } }
}
