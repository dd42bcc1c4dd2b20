import Foundation

/// Paragraph properties the built-in templates use; emitted in the order the WordprocessingML schema
/// requires, because Word (unlike LibreOffice) refuses a part whose property elements are out of order.
struct DocxParagraphFormat: Sendable {
    enum Alignment: String, Sendable { case left, center, right, both }
    var alignment = Alignment.both
    var firstLine = 0, left = 0, right = 0, hanging = 0
    var before = 0, after = 0, line = 240
    var keepNext = false
    /// A bottom border, which with side indents makes the short rules of the State style.
    var rule = false
}

/// Builds WordprocessingML fragments as text. Inputs are template text: placeholders pass through,
/// and `&`, `<`, `>` are escaped.
enum DocxWordML {
    static func escape(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
            .replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static func runProperties(_ style: DocxStyleSheet.Text) -> String {
        var out = "<w:rPr>"
        if style.bold { out += "<w:b/><w:bCs/>" }
        if style.italic { out += "<w:i/><w:iCs/>" }
        out += "<w:sz w:val=\"\(style.size)\"/><w:szCs w:val=\"\(style.size)\"/>"
        if style.underline { out += "<w:u w:val=\"single\"/>" }
        return out + "</w:rPr>"
    }

    static func run(_ text: String, _ style: DocxStyleSheet.Text) -> String {
        "<w:r>\(runProperties(style))<w:t xml:space=\"preserve\">\(escape(text))</w:t></w:r>"
    }

    /// A paragraph of runs; `mark` sizes the paragraph mark, which sets the height of an empty paragraph.
    static func paragraph(_ runs: [String], _ format: DocxParagraphFormat, mark: DocxStyleSheet.Text? = nil) -> String {
        var properties = ""
        if format.keepNext { properties += "<w:keepNext/>" }
        if format.rule { properties += "<w:pBdr><w:bottom w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>" }
        properties += "<w:spacing w:before=\"\(format.before)\" w:after=\"\(format.after)\" "
            + "w:line=\"\(format.line)\" w:lineRule=\"auto\"/>"
        if format.firstLine > 0 || format.left > 0 || format.right > 0 || format.hanging > 0 {
            properties += "<w:ind w:left=\"\(format.left)\" w:right=\"\(format.right)\""
                + (format.hanging > 0 ? " w:hanging=\"\(format.hanging)\"" : " w:firstLine=\"\(format.firstLine)\"") + "/>"
        }
        properties += "<w:jc w:val=\"\(format.alignment.rawValue)\"/>"
        if let mark { properties += runProperties(mark) }
        return "<w:p><w:pPr>\(properties)</w:pPr>\(runs.joined())</w:p>"
    }

    /// A paragraph holding only a template tag such as `{{#steps}}`; the engine removes it when rendering.
    static func tag(_ tag: String, _ style: DocxStyleSheet.Text) -> String {
        paragraph([run(tag, style)], DocxParagraphFormat(alignment: .left), mark: style)
    }

    /// A centred short rule `width` twips wide, drawn as the bottom border of an empty, tiny paragraph.
    static func rule(width: Int, within column: Int) -> String {
        let side = max(0, (column - width) / 2)
        return paragraph([], DocxParagraphFormat(alignment: .center, left: side, right: side, line: 240, rule: true),
                         mark: DocxStyleSheet.Text(10))
    }

    /// A fixed-layout table. `rows` are complete `<w:tr>` elements.
    static func table(columns: [Int], rows: [String], borders: Bool) -> String {
        let edge = borders ? "w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"" : "w:val=\"nil\""
        let sides = ["top", "left", "bottom", "right", "insideH", "insideV"].map { "<w:\($0) \(edge)/>" }.joined()
        return "<w:tbl><w:tblPr><w:tblW w:w=\"\(columns.reduce(0, +))\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
            + "<w:tblBorders>\(sides)</w:tblBorders><w:tblLayout w:type=\"fixed\"/>"
            + "<w:tblCellMar><w:left w:w=\"85\" w:type=\"dxa\"/><w:right w:w=\"85\" w:type=\"dxa\"/></w:tblCellMar>"
            + "<w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" "
            + "w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr>"
            + "<w:tblGrid>" + columns.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
            + rows.joined() + "</w:tbl>"
    }

    /// A row; `header` repeats it at the top of each page, and no row is split across pages.
    static func row(_ cells: [String], header: Bool = false) -> String {
        "<w:tr><w:trPr><w:cantSplit/>\(header ? "<w:tblHeader/>" : "")</w:trPr>\(cells.joined())</w:tr>"
    }

    /// A cell; it must hold at least one paragraph, so an empty list gets an empty one.
    static func cell(width: Int, _ paragraphs: [String], centred: Bool = false) -> String {
        let content = paragraphs.isEmpty ? paragraph([], DocxParagraphFormat()) : paragraphs.joined()
        return "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
            + (centred ? "<w:vAlign w:val=\"center\"/>" : "") + "</w:tcPr>\(content)</w:tc>"
    }
}
