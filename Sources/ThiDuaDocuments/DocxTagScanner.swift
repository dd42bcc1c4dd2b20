import Foundation

/// A tag together with where it sits in the part, which decides what a loop or conditional repeats.
struct DocxPlacedTag: Sendable {
    var match: DocxTagMatch
    /// Byte range of the innermost `<w:p>…</w:p>`, `<w:tr>…</w:tr>` and `<w:tc>…</w:tc>` around the tag.
    var paragraph: Range<Int>?
    var row: Range<Int>?
    var cell: Range<Int>?
    /// Whether the paragraph's text before / after the tag is blank.
    var leadingBlank: Bool
    var trailingBlank: Bool
    var isAloneInParagraph: Bool { leadingBlank && trailingBlank }
}

/// Lists the tags of a part (after `DocxRunMerger`) with their paragraph and table-row context.
enum DocxTagScanner {
    static func scan(_ bytes: [UInt8], tokens: [DocxXMLToken]) -> (tags: [DocxPlacedTag], unterminated: [String]) {
        let partner = DocxXMLScanner.partners(tokens)
        func elementRange(_ open: Int) -> Range<Int> {
            tokens[open].range.lowerBound..<tokens[partner[open]].range.upperBound
        }
        // First pass: each paragraph's text (only its own runs, not those of a nested text box) and where
        // each text token starts in it, so "is this tag alone in its paragraph" is a lookup.
        var paragraphText: [Int: [UInt8]] = [:]
        var offsetInParagraph: [Int: Int] = [:]
        var stack: [Int] = [], paragraphs: [Int] = []
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .open:
                stack.append(index)
                if token.name == "w:p" { paragraphs.append(index) }
            case .close:
                stack.removeLast()
                if token.name == "w:p" { paragraphs.removeLast() }
            case .text:
                guard let parent = stack.last, tokens[parent].name == "w:t", let paragraph = paragraphs.last else { break }
                offsetInParagraph[index] = paragraphText[paragraph, default: []].count
                paragraphText[paragraph, default: []] += bytes[token.range]
            default:
                break
            }
        }

        var tags: [DocxPlacedTag] = [], unterminated: [String] = []
        stack = []
        var rows: [Int] = [], cells: [Int] = []
        for (index, token) in tokens.enumerated() {
            switch token.kind {
            case .open:
                stack.append(index)
                if token.name == "w:p" { paragraphs.append(index) }
                if token.name == "w:tr" { rows.append(index) }
                if token.name == "w:tc" { cells.append(index) }
            case .close:
                stack.removeLast()
                if token.name == "w:p" { paragraphs.removeLast() }
                if token.name == "w:tr" { rows.removeLast() }
                if token.name == "w:tc" { cells.removeLast() }
            case .text:
                guard let parent = stack.last, tokens[parent].name == "w:t" else { break }
                let found = DocxTagSyntax.scan(Array(bytes[token.range]))
                unterminated += found.unterminated
                let text = paragraphs.last.flatMap { paragraphText[$0] } ?? []
                let base = offsetInParagraph[index] ?? 0
                for var match in found.tags {
                    let local = match.range
                    match.range = (token.range.lowerBound + local.lowerBound)..<(token.range.lowerBound + local.upperBound)
                    tags.append(DocxPlacedTag(
                        match: match, paragraph: paragraphs.last.map(elementRange), row: rows.last.map(elementRange),
                        cell: cells.last.map(elementRange),
                        leadingBlank: isBlank(text.prefix(base + local.lowerBound)),
                        trailingBlank: isBlank(text.dropFirst(base + local.upperBound))))
                }
            default:
                break
            }
        }
        return (tags, unterminated)
    }

    private static func isBlank(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }
}
