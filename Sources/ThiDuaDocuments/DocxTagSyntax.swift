import Foundation

/// The four kinds of template tag: `{{name}}`, `{{#list}}`, `{{?flag}}` and the closing `{{/name}}`.
enum DocxTagKind: Sendable, Equatable {
    case value, loop, conditional, close
    /// Braces around something that is not a name, such as `{{a b}}` or `{{}}`.
    case invalid
}

/// One tag found in a run of text.
struct DocxTagMatch: Sendable, Equatable {
    var kind: DocxTagKind
    /// The name without sigil or spaces ("signer.title", "." for the current loop item).
    var name: String
    /// The tag as written, braces included, for messages.
    var raw: String
    /// Byte offsets within the scanned text.
    var range: Range<Int>
}

/// Finds `{{…}}` tags in (still XML-escaped) text. Names are letters, digits, "_", "-" and dots, which
/// never need escaping, so scanning escaped text is exact.
enum DocxTagSyntax {
    static let open: [UInt8] = Array("{{".utf8), close: [UInt8] = Array("}}".utf8)

    /// The tags in `bytes`, plus the text of any "{{" that is never closed before the next "{{" or the end.
    static func scan(_ bytes: [UInt8]) -> (tags: [DocxTagMatch], unterminated: [String]) {
        var tags: [DocxTagMatch] = [], unterminated: [String] = []
        var at = 0
        while let start = index(of: open, in: bytes, from: at) {
            let nextOpen = index(of: open, in: bytes, from: start + 2)
            guard let end = index(of: close, in: bytes, from: start + 2), nextOpen.map({ end < $0 }) ?? true else {
                let stop = nextOpen ?? bytes.count
                unterminated.append(String(decoding: bytes[start..<min(stop, start + 40)], as: UTF8.self))
                at = nextOpen ?? bytes.count
                continue
            }
            let range = start..<(end + 2)
            tags.append(classify(String(decoding: bytes[(start + 2)..<end], as: UTF8.self),
                                 raw: String(decoding: bytes[range], as: UTF8.self), range: range))
            at = end + 2
        }
        return (tags, unterminated)
    }

    static func classify(_ inner: String, raw: String, range: Range<Int>) -> DocxTagMatch {
        var body = Substring(inner.trimmingCharacters(in: .whitespaces))
        var kind = DocxTagKind.value
        switch body.first {
        case "#": kind = .loop
        case "?": kind = .conditional
        case "/": kind = .close
        default: break
        }
        if kind != .value { body = Substring(body.dropFirst().trimmingCharacters(in: .whitespaces)) }
        let name = String(body)
        return DocxTagMatch(kind: isName(name) ? kind : .invalid, name: name, raw: raw, range: range)
    }

    /// "." alone, or dot-separated non-empty segments of letters, digits, "_" and "-".
    static func isName(_ name: String) -> Bool {
        if name == "." { return true }
        let segments = name.split(separator: ".", omittingEmptySubsequences: false)
        return !name.isEmpty && segments.allSatisfy { segment in
            !segment.isEmpty && segment.unicodeScalars.allSatisfy {
                CharacterSet.alphanumerics.contains($0) || $0 == "_" || $0 == "-"
            }
        }
    }

    static func index(of needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        var at = from
        while at + needle.count <= bytes.count {
            if needle.indices.allSatisfy({ bytes[at + $0] == needle[$0] }) { return at }
            at += 1
        }
        return nil
    }
}
