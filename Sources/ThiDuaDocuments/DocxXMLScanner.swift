import Foundation

/// One lexical piece of an XML part: a tag, a run of character data, or markup we pass through untouched
/// (declaration, comment, processing instruction, CDATA).
struct DocxXMLToken: Sendable {
    enum Kind: Sendable { case open, close, selfClosing, text, other }
    var kind: Kind
    /// The qualified tag name ("w:p") for tags, empty otherwise.
    var name: String
    /// Byte offsets into the part's UTF-8 bytes.
    var range: Range<Int>
}

/// A small, strict XML lexer for WordprocessingML parts (it refuses rather than guesses).
///
/// The template engine edits parts as bytes (so everything it does not understand survives byte for byte),
/// which needs tag positions rather than a DOM; FoundationXML's `XMLDocument` is also incomplete on Linux.
/// Entities are not expanded and DTDs are not read, so a crafted part cannot make it fetch or expand anything.
enum DocxXMLScanner {
    struct Malformed: Error { var offset: Int }

    /// Tokens in document order; throws when a tag is unterminated or end tags do not match their start tags.
    static func tokens(_ bytes: [UInt8]) throws(Malformed) -> [DocxXMLToken] {
        var tokens: [DocxXMLToken] = []
        tokens.reserveCapacity(bytes.count / 16)
        var stack: [String] = []
        var at = 0
        let count = bytes.count
        while at < count {
            guard bytes[at] == UInt8(ascii: "<") else {
                var end = at
                while end < count, bytes[end] != UInt8(ascii: "<") { end += 1 }
                tokens.append(DocxXMLToken(kind: .text, name: "", range: at..<end))
                at = end
                continue
            }
            if starts(bytes, at, "<?") {
                let end = try find(bytes, "?>", from: at + 2) + 2
                tokens.append(DocxXMLToken(kind: .other, name: "", range: at..<end))
                at = end
            } else if starts(bytes, at, "<!--") {
                let end = try find(bytes, "-->", from: at + 4) + 3
                tokens.append(DocxXMLToken(kind: .other, name: "", range: at..<end))
                at = end
            } else if starts(bytes, at, "<![CDATA[") {
                let end = try find(bytes, "]]>", from: at + 9) + 3
                tokens.append(DocxXMLToken(kind: .other, name: "", range: at..<end))
                at = end
            } else if starts(bytes, at, "<!") {
                // A DOCTYPE has no business in an OOXML part; refusing it closes the door on entity tricks.
                throw Malformed(offset: at)
            } else {
                let end = try tagEnd(bytes, from: at + 1)
                let closing = bytes[at + 1] == UInt8(ascii: "/")
                let selfClosing = !closing && bytes[end - 2] == UInt8(ascii: "/")
                let name = tagName(bytes, from: at + (closing ? 2 : 1))
                guard !name.isEmpty else { throw Malformed(offset: at) }
                if closing {
                    guard stack.popLast() == name else { throw Malformed(offset: at) }
                    tokens.append(DocxXMLToken(kind: .close, name: name, range: at..<end))
                } else {
                    if !selfClosing { stack.append(name) }
                    tokens.append(DocxXMLToken(kind: selfClosing ? .selfClosing : .open, name: name, range: at..<end))
                }
                at = end
            }
        }
        guard stack.isEmpty else { throw Malformed(offset: count) }
        return tokens
    }

    /// For every open token, the index of its close token (and the reverse); -1 elsewhere.
    static func partners(_ tokens: [DocxXMLToken]) -> [Int] {
        var partner = [Int](repeating: -1, count: tokens.count)
        var stack: [Int] = []
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .open: stack.append(index)
            case .close:
                if let open = stack.popLast() {
                    partner[open] = index
                    partner[index] = open
                }
            default: break
            }
        }
        return partner
    }

    private static func starts(_ bytes: [UInt8], _ at: Int, _ prefix: String) -> Bool {
        let utf8 = prefix.utf8
        guard at + utf8.count <= bytes.count else { return false }
        return zip(bytes[at...], utf8).allSatisfy { $0 == $1 }
    }

    private static func find(_ bytes: [UInt8], _ needle: String, from: Int) throws(Malformed) -> Int {
        var at = from
        while at < bytes.count {
            if starts(bytes, at, needle) { return at }
            at += 1
        }
        throw Malformed(offset: from)
    }

    /// The offset just past the ">" that ends a tag, skipping ">" inside quoted attribute values.
    private static func tagEnd(_ bytes: [UInt8], from: Int) throws(Malformed) -> Int {
        var quote: UInt8 = 0
        var at = from
        while at < bytes.count {
            let byte = bytes[at]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return at + 1
            } else if byte == UInt8(ascii: "<") {
                throw Malformed(offset: at)
            }
            at += 1
        }
        throw Malformed(offset: from)
    }

    private static func tagName(_ bytes: [UInt8], from: Int) -> String {
        var end = from
        while end < bytes.count {
            let byte = bytes[end]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: "/")
                || byte == UInt8(ascii: ">") { break }
            end += 1
        }
        return String(decoding: bytes[from..<end], as: UTF8.self)
    }
}
