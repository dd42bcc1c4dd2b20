import Foundation

/// Undoes Word's habit of splitting text into runs at arbitrary points ("{{sig", "ner.na", "me}}" after a
/// spelling check, a revision or a formatting change), so that every tag sits whole in one `<w:t>`.
///
/// Within each paragraph, the characters of a tag that spans several `<w:t>` elements are moved into the
/// `<w:t>` where the tag starts; the tag thus takes that run's formatting, as Word shows the "{{" itself.
/// Text outside tags stays in its own run, so formatting around a placeholder is kept; runs left empty
/// stay in place as empty `<w:t/>` (harmless, and proofErr or bookmark elements between them stay valid).
enum DocxRunMerger {
    /// One `<w:t>` element: its open (or self-closing) token, its text token if any, and its close token.
    private struct TextNode {
        var open: Int
        var text: Int?
        var close: Int?
    }

    /// The part with tags made whole, or nil when nothing needed to change.
    static func merge(_ bytes: [UInt8], tokens: [DocxXMLToken]) -> [UInt8]? {
        var groups: [[TextNode]] = []
        var paragraphStack: [Int] = []  // indices into `groups`
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            switch (token.kind, token.name) {
            case (.open, "w:p"):
                paragraphStack.append(groups.count)
                groups.append([])
            case (.close, "w:p"):
                paragraphStack.removeLast()
            case (.selfClosing, "w:t"):
                if let group = paragraphStack.last { groups[group].append(TextNode(open: index)) }
            case (.open, "w:t"):
                var node = TextNode(open: index)
                if index + 1 < tokens.count, tokens[index + 1].kind == .text { node.text = index + 1 }
                var close = index + 1
                while close < tokens.count, !(tokens[close].kind == .close && tokens[close].name == "w:t") { close += 1 }
                node.close = close
                if let group = paragraphStack.last { groups[group].append(node) }
                index = close
            default:
                break
            }
            index += 1
        }

        var edits: [(range: Range<Int>, bytes: [UInt8])] = []
        for group in groups where group.count > 0 {
            edits += self.edits(for: group, bytes: bytes, tokens: tokens)
        }
        guard !edits.isEmpty else { return nil }
        edits.sort { $0.range.lowerBound < $1.range.lowerBound }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var cursor = 0
        for edit in edits {
            out += bytes[cursor..<edit.range.lowerBound]
            out += edit.bytes
            cursor = edit.range.upperBound
        }
        out += bytes[cursor...]
        return out
    }

    private static func edits(for group: [TextNode], bytes: [UInt8],
                              tokens: [DocxXMLToken]) -> [(range: Range<Int>, bytes: [UInt8])] {
        var joined: [UInt8] = [], owner: [Int] = []
        for (number, node) in group.enumerated() {
            guard let text = node.text else { continue }
            joined += bytes[tokens[text].range]
            owner += [Int](repeating: number, count: tokens[text].range.count)
        }
        let tags = DocxTagSyntax.scan(joined).tags
        guard !tags.isEmpty else { return [] }
        var destination = owner
        var holdsTag = Set<Int>()
        for tag in tags {
            let home = owner[tag.range.lowerBound]
            holdsTag.insert(home)
            for offset in tag.range { destination[offset] = home }
        }
        var contents = [[UInt8]](repeating: [], count: group.count)
        for (offset, byte) in joined.enumerated() { contents[destination[offset]].append(byte) }

        var edits: [(range: Range<Int>, bytes: [UInt8])] = []
        let openTag = Array("<w:t xml:space=\"preserve\">".utf8)
        for (number, node) in group.enumerated() {
            let old = node.text.map { Array(bytes[tokens[$0].range]) } ?? []
            guard contents[number] != old || holdsTag.contains(number) else { continue }
            let open = tokens[node.open].range
            if let close = node.close {
                // Rewrite from "<w:t …>" to "</w:t>": the attribute must say preserve, or Word trims the
                // spaces a value brings at either end.
                edits.append((open.lowerBound..<tokens[close].range.lowerBound, openTag + contents[number]))
            } else if !contents[number].isEmpty {
                edits.append((open, openTag + contents[number] + Array("</w:t>".utf8)))
            }
        }
        return edits
    }
}
