import Foundation

/// The built-in score summary (bảng tổng hợp điểm): one A4 landscape section with the header block, the title,
/// a table (rank, unit, one column per section subtotal, base, bonus, penalty, total, classification) with one
/// row per unit, then the notes on the left and the signer on the right.
///
/// Variable section columns: one template works for any number of sections. The section cell is a loop
/// nested in the row, opened at the end of the unit cell's text and closed at the end of the section cell's
/// text (`{{unit}}{{#sections}}` | `{{score}}{{/sections}}`), so each item repeats "end of the previous cell,
/// start of a new cell, its text". The header row does the same inside a one-object loop (`{{#heading}}` …
/// `{{/heading}}` in its first and last cells), because a loop across cells of a row that is not itself
/// repeated would repeat the whole row. `columns` only sizes the grid, the cell widths and the text for that many
/// sections; a template made for 5 still renders 3 or 8, but Word and LibreOffice then lay the cells on a grid
/// that does not match (LibreOffice squeezes the unit column), so the server should pass the data's count.
enum DocxScoreSummaryTemplate {
    typealias ML = DocxWordML

    /// The grid the two-argument `BuiltInTemplate.docx` uses: the 5 sections of `ScoringTable.illustrative2023`.
    static let defaultColumns = 5

    static let placeholders: Set<String> = DocxOfficialBlocks.headerPlaceholders.union([
        "title", "summary", "heading", "heading.sections", "heading.sections.title", "units", "units.rank",
        "units.unit", "units.sections", "units.sections.score", "units.base", "units.bonus", "units.penalty",
        "units.total", "units.classification", "notes", "signer", "signer.prefix", "signer.position", "signer.name",
    ])

    /// The style's values on an A4 landscape page with the same margins; the header block spans the wider
    /// text area.
    static func landscape(_ portrait: DocxStyleSheet) -> DocxStyleSheet {
        var sheet = portrait
        (sheet.pageWidth, sheet.pageHeight) = (portrait.pageHeight, portrait.pageWidth)
        sheet.leftColumn = 5600
        sheet.rightColumn = sheet.textWidth - sheet.leftColumn
        return sheet
    }

    static func document(_ portrait: DocxStyleSheet, columns: Int) -> String {
        let sheet = landscape(portrait), kit = DocxBody(sheet: sheet)
        // A bloc of 9–12 units fits one page with room to spare (another font must not push the signer over), so
        // the title, the rows and the space above the signature are tighter than in portrait documents.
        var out = DocxOfficialBlocks.header(sheet, optionalNumber: true) + DocxOfficialBlocks.title("{{title}}", sheet, before: 160)
        out += table(sheet, columns: max(0, columns))
        // The notes sit left of the signature, where other kinds list the recipients.
        let note = DocxStyleSheet.Text(24, italic: true), format = DocxParagraphFormat(alignment: .both, after: 60)
        let notes = kit.when("notes", ML.paragraph([ML.run("Ghi chú:", note)], format, mark: note),
                             kit.loop("notes", ML.paragraph([ML.run("{{.}}", note)], format, mark: note)))
        out += DocxOfficialBlocks.signature(sheet, left: [notes])
        // DocxPackageParts writes the page size without an orientation; Word wants it stated for landscape.
        let size = "<w:pgSz w:w=\"\(sheet.pageWidth)\" w:h=\"\(sheet.pageHeight)\"/>"
        return DocxPackageParts.document(body: out, style: sheet)
            .replacingOccurrences(of: size, with: "<w:pgSz w:w=\"\(sheet.pageWidth)\" w:h=\"\(sheet.pageHeight)\" "
                                  + "w:orient=\"landscape\"/>")
    }

    /// The widths and text size: fixed columns, then the unit column and the section columns share the rest, the
    /// unit column giving way as sections are added. Past 6 sections the fixed columns narrow and the text drops
    /// from 12 to 11 pt, so that "29,50" still fits a section cell on one line up to about 9 sections.
    static func widths(_ sheet: DocxStyleSheet, columns: Int) -> (unit: Int, section: Int, fixed: [Int], size: Int) {
        let compact = columns > 6
        // rank; base, bonus, penalty, total, classification
        let fixed = compact ? [700, 950, 900, 850, 950, 1100] : [700, 1050, 1000, 1000, 1050, 1300]
        let shared = sheet.textWidth - fixed.reduce(0, +)
        let unit = max(compact ? 2000 : 2400, min(3400, shared - columns * 900))
        return (unit, columns == 0 ? 0 : (shared - unit) / columns, fixed, compact ? 22 : 24)
    }

    static func table(_ sheet: DocxStyleSheet, columns: Int) -> String {
        let (unitWidth, sectionWidth, fixed, size) = widths(sheet, columns: columns)
        let header = sheet.tableHeader.with(size: size), text = sheet.tableText.with(size: size)
        func cell(_ width: Int, _ content: String, _ style: DocxStyleSheet.Text,
                  _ alignment: DocxParagraphFormat.Alignment = .center) -> String {
            ML.cell(width: width, [ML.paragraph([ML.run(content, style)],
                                                DocxParagraphFormat(alignment: alignment), mark: style)],
                    centred: true)
        }
        let titles = ["Điểm cơ bản", "Điểm thưởng", "Điểm trừ", "Tổng điểm", "Xếp loại"]
        let headerRow = ML.row([cell(fixed[0], "{{#heading}}Xếp hạng", header),
                                cell(unitWidth, "Cơ quan, đơn vị{{#sections}}", header),
                                cell(sectionWidth, "{{title}}{{/sections}}", header)]
                               + zip(fixed.dropFirst(), titles).enumerated().map { index, column in
                                   cell(column.0, column.1 + (index == titles.count - 1 ? "{{/heading}}" : ""), header)
                               }, header: true)
        let values = ["{{base}}", "{{bonus}}", "{{penalty}}", "{{total}}", "{{classification}}{{/units}}"]
        let unitRow = ML.row([cell(fixed[0], "{{#units}}{{rank}}", text),
                              cell(unitWidth, "{{unit}}{{#sections}}", text, .left),
                              cell(sectionWidth, "{{score}}{{/sections}}", text)]
                             + zip(fixed.dropFirst(), values).map { cell($0.0, $0.1, $0.1 == "{{total}}" ? header : text) })
        let grid = [fixed[0], unitWidth] + Array(repeating: sectionWidth, count: columns) + fixed.dropFirst()
        return ML.table(columns: grid, rows: [headerRow, unitRow], borders: true)
    }
}
