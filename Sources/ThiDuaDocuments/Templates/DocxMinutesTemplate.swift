import Foundation

/// The built-in conference minutes (biên bản hội nghị): header, "BIÊN BẢN" and its summary; I. time, venue,
/// chair and secretary, attendance (guests, then a table with one row per member unit); II. the proceedings;
/// III. each ballot's figures, a table of its candidates and its outcome; IV. the conclusions; the closing time and
/// two signatures, the secretary's on the left and the chair's on the right (DOCUMENT-STYLES.md, "Minutes").
enum DocxMinutesTemplate {
    typealias ML = DocxWordML

    static let placeholders: Set<String> = DocxOfficialBlocks.headerPlaceholders.union([
        "summary", "time", "venue", "chair", "chair.name", "chair.position", "secretary", "secretary.name",
        "secretary.position", "guests", "attendance", "attendance.present", "attendance.members", "attendance.units",
        "attendance.units.number", "attendance.units.unit", "attendance.units.representative",
        "attendance.units.status", "body", "ballots", "ballots.title", "ballots.cast", "ballots.valid",
        "ballots.invalid", "ballots.outcome", "ballots.candidates", "ballots.candidates.number",
        "ballots.candidates.name", "ballots.candidates.votes", "ballots.candidates.share", "closingTime", "conclusion",
    ])

    /// The titles over the two signatures. ND 30: THƯ KÝ and CHỦ TỌA. Party: THƯ KÝ and CHỦ TRÌ (DOCUMENT-STYLES.md
    /// also reports "NGƯỜI GHI BIÊN BẢN" and "CHỦ TRÌ HỘI NGHỊ", unconfirmed); an administrator can edit them.
    static func signatureTitles(_ style: HouseStyle) -> (secretary: String, chair: String) {
        switch style {
        case .party: ("THƯ KÝ", "CHỦ TRÌ")
        case .state: ("THƯ KÝ", "CHỦ TỌA")
        }
    }

    static func document(_ sheet: DocxStyleSheet, style: HouseStyle) -> String {
        let kit = DocxBody(sheet: sheet)
        var out = DocxOfficialBlocks.header(sheet) + DocxOfficialBlocks.title("BIÊN BẢN", sheet)
        // The conventional order: I. time, place, who; II. proceedings; III. ballots; IV. conclusions.
        out += kit.heading("I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN")
        out += kit.labelled("Thời gian: ", "Vào hồi {{time}}.")
        out += kit.labelled("Địa điểm: ", "{{venue}}.")
        out += kit.labelled("Chủ trì: ", "đồng chí {{chair.name}}{{?chair.position}}, {{chair.position}}{{/chair.position}}.")
        out += kit.labelled("Thư ký: ", "đồng chí {{secretary.name}}{{?secretary.position}}, {{secretary.position}}{{/secretary.position}}.")

        out += kit.when("guests", ML.paragraph([ML.run("1. Đại biểu:", kit.italic)], kit.keep, mark: kit.text),
                        kit.loop("guests", kit.body("- {{.}};")))
        out += ML.paragraph([ML.run("2. Các cơ quan, đơn vị thành viên: ", kit.italic),
                             ML.run("có mặt {{attendance.present}}/{{attendance.members}} đơn vị.", kit.text)],
                            kit.keep, mark: kit.text)
        let width = sheet.textWidth
        out += kit.table(loop: "attendance.units", [
            .init(header: "TT", width: 650, cell: "{{number}}"),
            .init(header: "Cơ quan, đơn vị", width: 3400, cell: "{{unit}}", alignment: .left),
            .init(header: "Người dự", width: width - 650 - 3400 - 2000, cell: "{{representative}}", alignment: .left),
            .init(header: "Tình hình", width: 2000, cell: "{{status}}"),
        ])

        out += kit.blank(after: 120) + kit.heading("II. NỘI DUNG HỘI NGHỊ")
        out += kit.loop("body", kit.body("{{.}}"))

        out += kit.when("ballots", kit.heading("III. KẾT QUẢ BỎ PHIẾU"), kit.loop("ballots",
            ML.paragraph([ML.run("{{title}}", kit.bold)], kit.keep, mark: kit.bold),
            kit.body("Số phiếu thu về: {{cast}}; hợp lệ: {{valid}}; không hợp lệ: {{invalid}}."),
            candidates(kit),
            kit.labelled("Kết quả: ", "{{outcome}}", labelStyle: kit.italic)))

        out += kit.heading("IV. KẾT LUẬN")
        out += kit.loop("conclusion", kit.body("{{.}}"))
        out += kit.body("Hội nghị kết thúc vào hồi {{closingTime}} cùng ngày./.")
        let titles = signatureTitles(style)
        out += kit.signatures([kit.signer(title: titles.secretary, name: "{{secretary.name}}"),
                               kit.signer(title: titles.chair, name: "{{chair.name}}")])
        return DocxPackageParts.document(body: out, style: sheet)
    }

    /// A ballot's candidates, one row each (the loop is named relative to the enclosing `ballots` item).
    static func candidates(_ kit: DocxBody) -> String {
        let width = kit.sheet.textWidth
        return kit.table(loop: "candidates", [
            .init(header: "TT", width: 650, cell: "{{number}}"),
            .init(header: "Tên", width: width - 650 - 1800 - 1800, cell: "{{name}}", alignment: .left),
            .init(header: "Số phiếu", width: 1800, cell: "{{votes}}"),
            .init(header: "Tỷ lệ", width: 1800, cell: "{{share}}"),
        ]) + kit.blank(after: 60)
    }
}
