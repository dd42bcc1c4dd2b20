import Foundation

/// The built-in decision (quyết định) the provincial board drafts for the chairman: header, "QUYẾT ĐỊNH" and its
/// summary, the authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH …"), the bases ("Căn cứ …"), "QUYẾT ĐỊNH:", the articles
/// (Điều 1–3, the label bold), recipients and signature; then, on a new page, the annex listing the awardees.
enum DocxDecisionTemplate {
    typealias ML = DocxWordML

    static let placeholders: Set<String> = DocxOfficialBlocks.headerPlaceholders
        .union(DocxOfficialBlocks.signaturePlaceholders)
        .union([
            "summary", "authority", "bases", "articles", "articles.label", "articles.text",
            "annex", "annex.title", "annex.note", "annex.awardees", "annex.awardees.number", "annex.awardees.unit",
            "annex.awardees.bloc",
        ])

    static func document(_ sheet: DocxStyleSheet) -> String {
        let kit = DocxBody(sheet: sheet), width = sheet.textWidth
        var out = DocxOfficialBlocks.header(sheet) + DocxOfficialBlocks.title("QUYẾT ĐỊNH", sheet)
        out += kit.centred("{{authority}}", sheet.documentType, after: 200, keepNext: true)
        out += kit.loop("bases", ML.paragraph([ML.run("{{.}}", kit.italic)], kit.format, mark: kit.italic))
        out += kit.centred("QUYẾT ĐỊNH:", sheet.documentType, before: 120, after: 120, keepNext: true)
        out += kit.loop("articles", kit.body([ML.run("{{label}}", kit.bold), ML.run(" {{text}}", kit.text)]))
        out += DocxOfficialBlocks.signature(sheet)

        out += kit.pageBreak
        out += kit.centred("DANH SÁCH", sheet.documentType, keepNext: true)
        out += kit.centred("{{annex.title}}", sheet.summary, before: 60, keepNext: true)
        out += kit.centred("{{annex.note}}", kit.italic, before: 60, after: 240, keepNext: true)
        out += kit.table(loop: "annex.awardees", [
            .init(header: "STT", width: 700, cell: "{{number}}"),
            .init(header: "Tên tập thể", width: width - 700 - 3600, cell: "{{unit}}", alignment: .left),
            .init(header: "Khối thi đua", width: 3600, cell: "{{bloc}}", alignment: .left),
        ]) + kit.blank()
        return DocxPackageParts.document(body: out, style: sheet)
    }
}
