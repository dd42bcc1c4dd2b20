import Foundation

/// The built-in proposal letter (tờ trình): header, "TỜ TRÌNH" and its summary, "Kính gửi: …", the body
/// paragraphs, recipients and signature; then, on a new page, the annex (phụ lục): its heading, the line
/// tying it to the letter, and a table with one row per nominated unit.
enum DocxProposalTemplate {
    typealias ML = DocxWordML

    static let placeholders: Set<String> = DocxOfficialBlocks.headerPlaceholders
        .union(DocxOfficialBlocks.signaturePlaceholders)
        .union([
            "summary", "addressee", "paragraphs", "annex", "annex.title", "annex.note", "annex.nominees",
            "annex.nominees.number", "annex.nominees.unit", "annex.nominees.total", "annex.nominees.rank",
            "annex.nominees.votes", "annex.nominees.share",
        ])

    static func document(_ sheet: DocxStyleSheet) -> String {
        let kit = DocxBody(sheet: sheet), width = sheet.textWidth
        var out = DocxOfficialBlocks.header(sheet) + DocxOfficialBlocks.title("TỜ TRÌNH", sheet)
        out += ML.paragraph([ML.run("Kính gửi: {{addressee}}", kit.text)],
                            DocxParagraphFormat(alignment: .center, before: 60, after: 240), mark: kit.text)
        out += kit.loop("paragraphs", kit.body("{{.}}"))
        out += DocxOfficialBlocks.signature(sheet)

        out += kit.pageBreak
        out += kit.centred("PHỤ LỤC", sheet.documentType, keepNext: true)
        out += kit.centred("{{annex.title}}", sheet.summary, before: 60, keepNext: true)
        out += kit.centred("{{annex.note}}", kit.italic, before: 60, after: 240, keepNext: true)
        out += kit.table(loop: "annex.nominees", [
            .init(header: "STT", width: 700, cell: "{{number}}"),
            .init(header: "Đơn vị", width: width - 700 - 4 * 1300, cell: "{{unit}}", alignment: .left),
            .init(header: "Tổng điểm thống nhất", width: 1300, cell: "{{total}}"),
            .init(header: "Xếp hạng trong Khối", width: 1300, cell: "{{rank}}"),
            .init(header: "Số phiếu suy tôn", width: 1300, cell: "{{votes}}"),
            .init(header: "Tỷ lệ phiếu", width: 1300, cell: "{{share}}"),
        ]) + kit.blank()
        return DocxPackageParts.document(body: out, style: sheet)
    }
}
