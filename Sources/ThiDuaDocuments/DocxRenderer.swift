import Foundation

/// Fills a template tree with data (see `DocxTemplate.render`).
enum DocxRenderer {
    static func render(_ nodes: [DocxNode], scope: inout DocxScope, into out: inout String) throws(DocxTemplateError) {
        for node in nodes {
            switch node {
            case .xml(let xml):
                out += xml
            case .value(let name, let raw):
                switch scope.lookup(name) {
                case .text(let text)?:
                    out += runText(text)
                case nil:
                    throw DocxTemplateError(.badData, "Thiếu dữ liệu cho trường “\(raw)”.", placeholders: [name])
                case .some:
                    throw DocxTemplateError(.badData, "Trường “\(raw)” phải là văn bản.", placeholders: [name])
                }
            case .block(let block, let children):
                let value = scope.lookup(block.name)
                if !block.isLoop {
                    if value?.isTruthy == true { try render(children, scope: &scope, into: &out) }
                    continue
                }
                switch value {
                case .list(let items)?:
                    for item in items {
                        scope.frames.append(item)
                        defer { scope.frames.removeLast() }
                        try render(children, scope: &scope, into: &out)
                    }
                case .object?:
                    // A loop over one object is a "with" block: its fields become visible by short name.
                    scope.frames.append(value!)
                    defer { scope.frames.removeLast() }
                    try render(children, scope: &scope, into: &out)
                case .text?, .bool?:
                    if value!.isTruthy { try render(children, scope: &scope, into: &out) }
                case nil:
                    throw DocxTemplateError(.badData, "Thiếu danh sách cho vòng lặp “\(block.raw)”.",
                                            placeholders: [block.name])
                }
            }
        }
    }

    /// A loop over an empty list can leave a table cell without paragraphs, which Word refuses to open;
    /// such a cell gets an empty paragraph back.
    static func mendEmptyCells(_ xml: String) -> String {
        guard xml.contains("</w:tcPr></w:tc>") || xml.contains("<w:tc></w:tc>") else { return xml }
        return xml.replacingOccurrences(of: "</w:tcPr></w:tc>", with: "</w:tcPr><w:p/></w:tc>")
            .replacingOccurrences(of: "<w:tc></w:tc>", with: "<w:tc><w:p/></w:tc>")
    }

    /// Text for the inside of a `<w:t>`: NFC, escaped, without characters XML 1.0 forbids, with line breaks
    /// and tabs as the run elements Word uses for them.
    static func runText(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let normalized = text.precomposedStringWithCanonicalMapping
            .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for scalar in normalized.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "</w:t><w:br/><w:t xml:space=\"preserve\">"
            case "\t": out += "</w:t><w:tab/><w:t xml:space=\"preserve\">"
            default:
                let value = scalar.value
                if value < 0x20 || value == 0xFFFE || value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
