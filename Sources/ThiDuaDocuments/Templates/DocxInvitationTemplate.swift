import Foundation

/// The built-in invitation (giấy mời): header, "GIẤY MỜI" and its summary, "… trân trọng kính mời:", the
/// invitees, "Tới dự …", time, venue, form and agenda, the contact line, the closing "./.", recipients and
/// signature (DOCUMENT-STYLES.md, "Invitation").
enum DocxInvitationTemplate {
    typealias ML = DocxWordML

    static let placeholders: Set<String> = DocxOfficialBlocks.headerPlaceholders
        .union(DocxOfficialBlocks.signaturePlaceholders)
        .union([
            "summary", "host", "invitees", "conference", "conference.purpose", "conference.time", "conference.venue",
            "conference.form", "agenda", "contact", "closing",
        ])

    static func document(_ sheet: DocxStyleSheet) -> String {
        let kit = DocxBody(sheet: sheet)
        var out = DocxOfficialBlocks.header(sheet) + DocxOfficialBlocks.title("GIẤY MỜI", sheet)
        out += kit.body("{{host}} trân trọng kính mời:")
        // Invitees one paragraph per line ("\n" in the data): a justified line ending in a manual break
        // would be stretched by Word.
        out += kit.loop("invitees", ML.paragraph([ML.run("{{.}}", kit.bold)], kit.format, mark: kit.bold))
        out += kit.body([ML.run("Tới dự ", kit.text), ML.run("{{conference.purpose}}.", kit.bold)])
        out += kit.labelled("- Thời gian: ", "{{conference.time}}.")
        out += kit.labelled("- Địa điểm: ", "{{conference.venue}}.")
        out += kit.labelled("- Hình thức: ", "{{conference.form}}.")
        out += ML.paragraph([ML.run("- Nội dung:", kit.bold)], kit.keep, mark: kit.text)
        out += kit.loop("agenda", kit.body("+ {{.}}"))
        out += kit.optional("contact", "{{contact}}")
        out += kit.body("{{closing}}")
        out += DocxOfficialBlocks.signature(sheet)
        return DocxPackageParts.document(body: out, style: sheet)
    }
}
