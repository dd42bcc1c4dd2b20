/// The few PDF object kinds the page counter needs; strings and booleans are kept as `.other`.
enum PDFValue: Equatable {
    case int(Int)
    case real
    case name(String)
    case ref(Int)
    case array([PDFValue])
    case dict([String: PDFValue])
    case keyword(String)
    case other

    var dict: [String: PDFValue]? { if case .dict(let d) = self { return d } else { return nil } }
    var int: Int? { if case .int(let i) = self { return i } else { return nil } }
    var name: String? { if case .name(let n) = self { return n } else { return nil } }
}

/// A PDF tokenizer and object parser over the file's bytes (ISO 32000-1 §7.2–7.3), tolerant of the
/// spacing variations real writers produce ("/Type/Page", "<</Count 3>>", comments anywhere).
struct PDFParser {
    let bytes: [UInt8]
    var position: Int

    init(_ bytes: [UInt8], at position: Int = 0) {
        self.bytes = bytes
        self.position = position
    }

    static func isWhitespace(_ b: UInt8) -> Bool { b == 0 || b == 9 || b == 10 || b == 12 || b == 13 || b == 32 }
    static func isDelimiter(_ b: UInt8) -> Bool { "()<>[]{}/%".utf8.contains(b) }
    static func isRegular(_ b: UInt8) -> Bool { !isWhitespace(b) && !isDelimiter(b) }

    mutating func skipWhitespaceAndComments() {
        while position < bytes.count {
            if Self.isWhitespace(bytes[position]) {
                position += 1
            } else if bytes[position] == UInt8(ascii: "%") {
                while position < bytes.count, bytes[position] != 10, bytes[position] != 13 { position += 1 }
            } else {
                return
            }
        }
    }

    /// Parses one value; `int int R` becomes a reference. Nil on malformed input or nesting deeper than
    /// 64 (a crafted file could otherwise exhaust the stack).
    mutating func parseValue(depth: Int = 0) -> PDFValue? {
        guard depth < 64 else { return nil }
        skipWhitespaceAndComments()
        guard position < bytes.count else { return nil }
        let b = bytes[position]
        switch b {
        case UInt8(ascii: "/"):
            position += 1
            return .name(readName())
        case UInt8(ascii: "["):
            position += 1
            var items: [PDFValue] = []
            while true {
                skipWhitespaceAndComments()
                guard position < bytes.count else { return nil }
                if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(items) }
                guard let item = parseValue(depth: depth + 1) else { return nil }
                items.append(item)
            }
        case UInt8(ascii: "<"):
            if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "<") {
                position += 2
                return parseDictionary(depth: depth)
            }
            guard let end = bytes[position...].firstIndex(of: UInt8(ascii: ">")) else { return nil }
            position = end + 1
            return .other
        case UInt8(ascii: "("):
            return skipLiteralString() ? .other : nil
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return parseNumber()
        default:
            guard Self.isRegular(b) else { return nil }
            return .keyword(readRegular())
        }
    }

    private mutating func parseDictionary(depth: Int) -> PDFValue? {
        var dict: [String: PDFValue] = [:]
        while true {
            skipWhitespaceAndComments()
            guard position + 1 < bytes.count else { return nil }
            if bytes[position] == UInt8(ascii: ">"), bytes[position + 1] == UInt8(ascii: ">") {
                position += 2
                return .dict(dict)
            }
            guard bytes[position] == UInt8(ascii: "/") else { return nil }
            position += 1
            let key = readName()
            guard let value = parseValue(depth: depth + 1) else { return nil }
            dict[key] = value
        }
    }

    private mutating func parseNumber() -> PDFValue? {
        let text = readRegular()
        guard let first = Int(text) else { return Double(text) != nil || text == "-" ? .real : nil }
        // "12 0 R" is a reference: look ahead without consuming anything else.
        var ahead = self
        ahead.skipWhitespaceAndComments()
        let generation = ahead.readRegular()
        guard Int(generation) != nil, !generation.hasPrefix("+"), !generation.hasPrefix("-") else { return .int(first) }
        ahead.skipWhitespaceAndComments()
        if ahead.readRegular() == "R" {
            self = ahead
            return .ref(first)
        }
        return .int(first)
    }

    mutating func readRegular() -> String {
        let start = position
        while position < bytes.count, Self.isRegular(bytes[position]) { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    /// Names may escape any byte as #xx ("/A#20B" is "A B").
    private mutating func readName() -> String {
        var out: [UInt8] = []
        while position < bytes.count, Self.isRegular(bytes[position]) {
            if bytes[position] == UInt8(ascii: "#"), position + 2 < bytes.count,
               let code = UInt8(String(decoding: bytes[(position + 1)...(position + 2)], as: UTF8.self), radix: 16) {
                out.append(code)
                position += 3
            } else {
                out.append(bytes[position])
                position += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Literal strings nest balanced parentheses and escape others with a backslash.
    private mutating func skipLiteralString() -> Bool {
        var depth = 0
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\\"): position += 1
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { position += 1; return true }
            default: break
            }
            position += 1
        }
        return false
    }
}
