import Foundation

/// A loop (`{{#name}}`) or conditional (`{{?name}}`) and its content.
struct DocxBlock: Sendable {
    var isLoop: Bool
    var name: String
    var raw: String
}

/// A part of the template as a tree: verbatim XML, placeholders, and blocks around their content.
indirect enum DocxNode: Sendable {
    case xml(String)
    case value(name: String, raw: String)
    case block(DocxBlock, [DocxNode])
}

/// Turns the tags of a part into a `DocxNode` tree, deciding for each block what it repeats:
/// - both tags in one paragraph: the XML between them (inline), except a conditional that is the whole
///   text of its paragraph, which keeps or drops the paragraph;
/// - both tags in one table row but different cells (and not the row an enclosing block already repeats):
///   the whole `<w:tr>`; tags in separate paragraphs of one cell repeat those paragraphs instead;
/// - each tag alone in its own paragraph: the paragraphs between them (the tag paragraphs disappear);
/// - otherwise the XML between the tags, which must then close and reopen the same elements, or the
///   copies would not nest (a loop opened in a table cell and closed after the table is refused).
enum DocxTemplateTree {
    private enum Action { case open(Int), close(Int), delete, value(Int) }
    private struct Event {
        var position: Int, end: Int, action: Action, sequence: Int
    }

    static func build(bytes: [UInt8], tokens: [DocxXMLToken], tags: [DocxPlacedTag],
                      unterminated: [String]) throws(DocxTemplateError) -> [DocxNode] {
        if let first = unterminated.first {
            throw DocxTemplateError(.unbalanced, "Thẻ “\(first)…” thiếu “}}” để đóng.", placeholders: [first])
        }
        if let bad = tags.first(where: { $0.match.kind == .invalid }) {
            throw DocxTemplateError(.unknownPlaceholder, "Thẻ “\(bad.match.raw)” không phải tên trường hợp lệ "
                                    + "(chỉ dùng chữ, số, “_”, “-” và dấu chấm).", placeholders: [bad.match.name])
        }
        // Pair opening and closing tags, innermost first.
        var closeOf: [Int: Int] = [:], openOf: [Int: Int] = [:], parentOf: [Int: Int] = [:]
        var stack: [Int] = []
        for (index, tag) in tags.enumerated() {
            switch tag.match.kind {
            case .loop, .conditional:
                if let parent = stack.last { parentOf[index] = parent }
                stack.append(index)
            case .close:
                guard let open = stack.popLast() else {
                    throw DocxTemplateError(.unbalanced, "Thẻ đóng “\(tag.match.raw)” không có thẻ mở tương ứng.",
                                            placeholders: [tag.match.name])
                }
                guard tags[open].match.name == tag.match.name else {
                    throw DocxTemplateError(.unbalanced, "“\(tags[open].match.raw)” lại được đóng bằng "
                                            + "“\(tag.match.raw)”; cần “{{/\(tags[open].match.name)}}”.",
                                            placeholders: [tags[open].match.name, tag.match.name])
                }
                closeOf[open] = index
                openOf[index] = open
            default:
                break
            }
        }
        if let open = stack.last {
            let tag = tags[open].match
            throw DocxTemplateError(.unbalanced, "“\(tag.raw)” chưa được đóng (thiếu “{{/\(tag.name)}}”).",
                                    placeholders: [tag.name])
        }

        // Where each block starts and ends, and which bytes its tags remove.
        var repeatedRow: [Int: Range<Int>] = [:]
        var events: [Event] = []
        func add(_ position: Int, _ end: Int, _ action: Action) {
            events.append(Event(position: position, end: end, action: action, sequence: events.count))
        }
        for (index, tag) in tags.enumerated() {
            let range = tag.match.range
            switch tag.match.kind {
            case .value:
                add(range.lowerBound, range.upperBound, .value(index))
            case .loop, .conditional:
                let other = tags[closeOf[index]!]
                let sameParagraph = tag.paragraph != nil && tag.paragraph == other.paragraph
                let enclosingRow = parentOf[index].flatMap { repeatedRow[$0] }
                if sameParagraph, tag.match.kind == .conditional, tag.leadingBlank, other.trailingBlank {
                    add(tag.paragraph!.lowerBound, tag.paragraph!.lowerBound, .open(index))
                    add(range.lowerBound, range.upperBound, .delete)
                } else if let row = tag.row, row == other.row, tag.cell != other.cell, row != enclosingRow {
                    repeatedRow[index] = row
                    add(row.lowerBound, row.lowerBound, .open(index))
                    add(range.lowerBound, range.upperBound, .delete)
                } else if !sameParagraph, tag.isAloneInParagraph, other.isAloneInParagraph, let paragraph = tag.paragraph {
                    add(paragraph.lowerBound, paragraph.upperBound, .delete)
                    add(paragraph.upperBound, paragraph.upperBound, .open(index))
                } else {
                    add(range.lowerBound, range.upperBound, .delete)
                    add(range.upperBound, range.upperBound, .open(index))
                }
            case .close:
                let open = openOf[index]!, opening = tags[open]
                let sameParagraph = tag.paragraph != nil && tag.paragraph == opening.paragraph
                if let row = repeatedRow[open] {
                    add(range.lowerBound, range.upperBound, .delete)
                    add(row.upperBound, row.upperBound, .close(open))
                } else if sameParagraph, opening.match.kind == .conditional, opening.leadingBlank, tag.trailingBlank {
                    add(range.lowerBound, range.upperBound, .delete)
                    add(tag.paragraph!.upperBound, tag.paragraph!.upperBound, .close(open))
                } else if !sameParagraph, tag.isAloneInParagraph, opening.isAloneInParagraph, let paragraph = tag.paragraph {
                    add(paragraph.lowerBound, paragraph.lowerBound, .close(open))
                    add(paragraph.lowerBound, paragraph.upperBound, .delete)
                } else {
                    add(range.lowerBound, range.lowerBound, .close(open))
                    add(range.lowerBound, range.upperBound, .delete)
                }
            case .invalid:
                break
            }
        }
        events.sort { ($0.position, $0.sequence) < ($1.position, $1.sequence) }
        return try assemble(bytes: bytes, tokens: tokens, tags: tags, events: events)
    }

    private static func assemble(bytes: [UInt8], tokens: [DocxXMLToken], tags: [DocxPlacedTag],
                                 events: [Event]) throws(DocxTemplateError) -> [DocxNode] {
        var levels: [(open: Int, start: Int, nodes: [DocxNode])] = [(-1, 0, [])]
        var cursor = 0
        func text(_ range: Range<Int>) -> DocxNode { .xml(String(decoding: bytes[range], as: UTF8.self)) }
        for event in events {
            guard event.position >= cursor else {
                throw DocxTemplateError(.misplaced, "Các thẻ quanh “\(describe(event, tags))” chồng lên nhau; "
                                        + "hãy đặt mỗi thẻ vòng lặp hoặc điều kiện trên một đoạn riêng.")
            }
            if event.position > cursor { levels[levels.count - 1].nodes.append(text(cursor..<event.position)) }
            cursor = event.position
            switch event.action {
            case .delete:
                cursor = event.end
            case .value(let index):
                levels[levels.count - 1].nodes.append(.value(name: tags[index].match.name, raw: tags[index].match.raw))
                cursor = event.end
            case .open(let index):
                levels.append((index, event.position, []))
            case .close(let index):
                let level = levels.removeLast()
                let tag = tags[index].match
                guard level.open == index else {
                    let inner = level.open >= 0 ? tags[level.open].match.raw : "?"
                    throw DocxTemplateError(.misplaced, "“\(tag.raw)” và “\(inner)” lồng chéo nhau: thẻ mở sau "
                                            + "phải được đóng trước.", placeholders: [tag.name])
                }
                guard isRepeatable(tokens, level.start..<event.position) else {
                    throw DocxTemplateError(.misplaced, "Không thể lặp hoặc ẩn “\(tag.raw)”…“{{/\(tag.name)}}”: "
                                            + "hai thẻ nằm ở hai vị trí khác cấp (ví dụ một trong bảng, một ngoài bảng).",
                                            placeholders: [tag.name])
                }
                let block = DocxBlock(isLoop: tag.kind == .loop, name: tag.name, raw: tag.raw)
                levels[levels.count - 1].nodes.append(.block(block, level.nodes))
            }
        }
        if cursor < bytes.count { levels[0].nodes.append(text(cursor..<bytes.count)) }
        return levels[0].nodes
    }

    /// Copies of the XML in `range` nest correctly, and so does leaving it out, when the elements it closes
    /// without opening are exactly those it opens without closing, in reverse order
    /// (such as "…</w:t></w:r></w:p><w:p><w:r><w:t>…").
    static func isRepeatable(_ tokens: [DocxXMLToken], _ range: Range<Int>) -> Bool {
        var opened: [String] = [], closed: [String] = []
        for token in tokens where token.range.lowerBound >= range.lowerBound && token.range.upperBound <= range.upperBound {
            switch token.kind {
            case .open: opened.append(token.name)
            case .close:
                if opened.last == token.name { opened.removeLast() } else if opened.isEmpty { closed.append(token.name) }
                else { return false }
            default: break
            }
        }
        return closed == Array(opened.reversed())
    }

    private static func describe(_ event: Event, _ tags: [DocxPlacedTag]) -> String {
        switch event.action {
        case .open(let index), .close(let index), .value(let index): tags[index].match.raw
        case .delete: tags.first { $0.match.range.lowerBound == event.position }?.match.raw ?? "?"
        }
    }
}
