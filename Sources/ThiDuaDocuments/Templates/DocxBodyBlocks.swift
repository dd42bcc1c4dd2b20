import Foundation

/// Paragraph, table and signature builders shared by the bodies of the built-in templates, in one house
/// style's sizes. Texts are template text: placeholders pass through, `&`, `<`, `>` are escaped.
struct DocxBody {
    typealias ML = DocxWordML
    typealias Text = DocxStyleSheet.Text
    let sheet: DocxStyleSheet

    var text: Text { sheet.body }
    var bold: Text { Text(sheet.body.size, bold: true) }
    var italic: Text { Text(sheet.body.size, italic: true) }
    /// Justified, first-line indent, space after: the body paragraph of both styles.
    var format: DocxParagraphFormat {
        DocxParagraphFormat(alignment: .both, firstLine: sheet.firstLineIndent, after: sheet.paragraphAfter,
                            line: sheet.lineSpacing)
    }
    var keep: DocxParagraphFormat {
        var keep = format
        keep.keepNext = true
        return keep
    }

    func body(_ runs: [String]) -> String { ML.paragraph(runs, format, mark: text) }
    func body(_ content: String) -> String { body([ML.run(content, text)]) }
    /// A bold heading kept with the paragraph after it.
    func heading(_ title: String) -> String { ML.paragraph([ML.run(title, sheet.heading)], keep, mark: sheet.heading) }
    /// "label value" in one paragraph, the label in `labelStyle` (bold unless given).
    func labelled(_ label: String, _ value: String, labelStyle: Text? = nil) -> String {
        body([ML.run(label, labelStyle ?? bold), ML.run(value, text)])
    }
    func centred(_ content: String, _ style: Text, before: Int = 0, after: Int = 0, keepNext: Bool = false) -> String {
        ML.paragraph([ML.run(content, style)], DocxParagraphFormat(alignment: .center, before: before, after: after,
                                                                   keepNext: keepNext), mark: style)
    }
    func blank(after: Int = 0) -> String { ML.paragraph([], DocxParagraphFormat(after: after), mark: text) }
    /// A paragraph that only starts a new page.
    var pageBreak: String {
        "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\"/></w:pPr><w:r><w:br w:type=\"page\"/></w:r></w:p>"
    }

    /// A loop over paragraphs: the tag paragraphs vanish, `content` repeats once per item.
    func loop(_ name: String, _ content: String...) -> String {
        ML.tag("{{#\(name)}}", text) + content.joined() + ML.tag("{{/\(name)}}", text)
    }

    /// A conditional over paragraphs: `content` is kept only when `name` has a value.
    func when(_ name: String, _ content: String...) -> String {
        ML.tag("{{?\(name)}}", text) + content.joined() + ML.tag("{{/\(name)}}", text)
    }

    /// A body paragraph kept only when `name` has a value.
    func optional(_ name: String, _ content: String) -> String { body("{{?\(name)}}\(content){{/\(name)}}") }

    /// One column of a bordered data table: its header text, width, the template text of its cell in the
    /// repeated row, and how that cell is aligned.
    struct Column {
        var header: String, width: Int, cell: String
        var alignment = DocxParagraphFormat.Alignment.center
    }

    /// A bordered table: a header row repeated on every page, then one row per item of `loop` (the loop tags
    /// sit in the first and last cells of that row). `size` overrides the style's table text size.
    func table(loop name: String, _ columns: [Column], size: Int? = nil) -> String {
        let header = sheet.tableHeader.with(size: size), cellText = sheet.tableText.with(size: size)
        let centre = DocxParagraphFormat(alignment: .center, before: 40, after: 40)
        func cell(_ column: Column, _ content: String, _ style: Text, _ format: DocxParagraphFormat) -> String {
            ML.cell(width: column.width, [ML.paragraph([ML.run(content, style)], format, mark: style)], centred: true)
        }
        let headerRow = ML.row(columns.map { cell($0, $0.header, header, centre) }, header: true)
        let cells = columns.enumerated().map { index, column in
            let content = (index == 0 ? "{{#\(name)}}" : "") + column.cell + (index == columns.count - 1 ? "{{/\(name)}}" : "")
            return cell(column, content, cellText, DocxParagraphFormat(alignment: column.alignment, before: 40, after: 40))
        }
        return ML.table(columns: columns.map(\.width), rows: [headerRow, ML.row(cells)], borders: true)
    }

    /// Signature columns side by side in a borderless table, each given as its paragraphs (see `signer`).
    func signatures(_ columns: [[String]]) -> String {
        let width = sheet.textWidth / max(1, columns.count)
        return blank(after: 120) + ML.table(columns: Array(repeating: width, count: columns.count),
                                           rows: [ML.row(columns.map { ML.cell(width: width, $0) })], borders: false)
    }

    /// A signer's paragraphs: the title (caps bold), room for the signature and seal, the name (bold).
    func signer(title: String, name: String) -> [String] {
        [centred(title, sheet.authority)] + gap + [centred(name, sheet.signerName)]
    }

    /// The empty lines left for a signature.
    var gap: [String] {
        Array(repeating: ML.paragraph([], DocxParagraphFormat(alignment: .center), mark: text), count: sheet.signatureGapLines)
    }
}

extension DocxStyleSheet.Text {
    /// The same look at another size (half-points); nil keeps this one.
    func with(size: Int?) -> Self {
        var copy = self
        if let size { copy.size = size }
        return copy
    }
}
