import Foundation

/// The built-in count minutes (biên bản kiểm phiếu) of one ballot round, in the order DOCUMENT-STYLES.md
/// gives: header (the number line only when numbered), "BIÊN BẢN KIỂM PHIẾU" and the subject, the opening
/// statement, the committee (a table), turnout, ballots, the results table (one row per candidate), the
/// outcome, any tie, the receipts counted (three to a row, so that no code is broken at its hyphens), and the committee's signatures: the members on the left, one under
/// another, and the head on the right.
enum DocxCountMinutesTemplate {
    typealias ML = DocxWordML

    static let placeholders: Set<String> = DocxOfficialBlocks.headerPlaceholders.union([
        "summary", "opening", "committee", "committee.number", "committee.name", "committee.unit", "committee.role",
        "head", "head.name", "members", "members.name", "voters", "voters.eligible", "voters.present", "voters.absent",
        "ballots", "ballots.issued", "ballots.cast", "ballots.valid", "ballots.invalid", "ballots.invalidReasons",
        "candidates", "candidates.number", "candidates.name", "candidates.votes", "candidates.share", "outcome",
        "tieNote", "receipts", "receipts.first", "receipts.second", "receipts.third", "auditAnchor",
    ])

    static func document(_ sheet: DocxStyleSheet) -> String {
        let kit = DocxBody(sheet: sheet), width = sheet.textWidth
        var out = DocxOfficialBlocks.header(sheet, optionalNumber: true)
            + DocxOfficialBlocks.title("BIÊN BẢN KIỂM PHIẾU", sheet)
        out += kit.body("{{opening}}")

        out += kit.heading("1. Ban Kiểm phiếu")
        out += kit.table(loop: "committee", [
            .init(header: "TT", width: 650, cell: "{{number}}"),
            .init(header: "Họ và tên", width: 3000, cell: "{{name}}", alignment: .left),
            .init(header: "Đơn vị công tác", width: width - 650 - 3000 - 1900, cell: "{{unit}}", alignment: .left),
            .init(header: "Nhiệm vụ", width: 1900, cell: "{{role}}"),
        ])
        out += kit.blank(after: 120) + kit.heading("2. Thành viên tham gia bỏ phiếu")
        out += kit.body("- Số đơn vị thành viên được triệu tập: {{voters.eligible}}; có mặt: {{voters.present}}; "
                        + "vắng mặt: {{voters.absent}}.")
        out += kit.heading("3. Số phiếu")
        out += kit.body("- Số phiếu phát ra: {{ballots.issued}}; số phiếu thu vào: {{ballots.cast}}.")
        out += kit.body("- Số phiếu hợp lệ: {{ballots.valid}}; số phiếu không hợp lệ: {{ballots.invalid}}"
                        + "{{?ballots.invalidReasons}} (lý do: {{ballots.invalidReasons}}){{/ballots.invalidReasons}}.")

        out += kit.heading("4. Kết quả kiểm phiếu")
        out += kit.table(loop: "candidates", [
            .init(header: "TT", width: 650, cell: "{{number}}"),
            .init(header: "Tên đơn vị", width: width - 650 - 1900 - 1900, cell: "{{name}}", alignment: .left),
            .init(header: "Số phiếu đồng ý", width: 1900, cell: "{{votes}}"),
            .init(header: "Tỷ lệ", width: 1900, cell: "{{share}}"),
        ])
        out += kit.blank(after: 120) + kit.heading("5. Kết quả bầu chọn")
        out += kit.body("{{outcome}}")
        out += kit.optional("tieNote", "{{tieNote}}")
        out += kit.when("receipts", kit.heading("6. Mã biên nhận của các phiếu đã kiểm"), receipts(kit))
        out += kit.optional("auditAnchor", "{{auditAnchor}}")
        out += kit.body("Biên bản được lập xong ngay sau khi kiểm phiếu, đã đọc lại cho các thành viên Ban Kiểm phiếu "
                        + "cùng nghe và nhất trí ký tên./.")

        let members = [kit.centred("CÁC THÀNH VIÊN", sheet.authority), ML.tag("{{#members}}", kit.text)] + kit.gap
            + [kit.centred("{{name}}", sheet.signerName), ML.tag("{{/members}}", kit.text)]
        out += kit.signatures([members, kit.signer(title: "TRƯỞNG BAN KIỂM PHIẾU", name: "{{head.name}}")])
        return DocxPackageParts.document(body: out, style: sheet)
    }

    /// A borderless table of the receipt codes, three to a row (a row loop over `receipts`, chunked by the value).
    static func receipts(_ kit: DocxBody) -> String {
        let width = kit.sheet.textWidth / 3, style = DocxStyleSheet.Text(kit.sheet.tableText.size)
        let cells = ["{{#receipts}}{{first}}", "{{second}}", "{{third}}{{/receipts}}"].map { text in
            ML.cell(width: width, [ML.paragraph([ML.run(text, style)], DocxParagraphFormat(alignment: .center), mark: style)])
        }
        return ML.table(columns: [width, width, width], rows: [ML.row(cells)], borders: false) + kit.blank(after: 120)
    }
}
