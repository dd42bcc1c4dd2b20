import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaDocuments

/// The built-in invitation (giấy mời) filled with the 2023 scenario, opened again and checked.
@Suite struct DocxInvitationTests {
    typealias P = DocxProbe

    static func rendered(_ style: HouseStyle, _ data: InvitationData = .scenario2023) throws -> Data {
        try DocxKinds.render(.invitation, style, InvitationDocument.value(data))
    }

    @Test(arguments: HouseStyle.allCases)
    func pageHeaderAndTitle(style: HouseStyle) throws {
        let docx = try Self.rendered(style)
        try DocxKinds.checkPage(docx)
        let xml = try P.document(docx)
        try DocxKinds.checkHeader(xml, style, number: "03-GM/KTĐ", date: "ngày 12 tháng 12 năm 2023")
        let title = try #require(P.run(containing: "GIẤY MỜI<", in: xml))
        #expect(title.contains("<w:b/>") && title.contains(style == .party ? "w:val=\"32\"" : "w:val=\"28\""))
        #expect(try #require(P.run(containing: "dự Hội nghị tổng kết", in: xml)).contains("<w:b/>"), "summary bold")
        let position = try #require(P.run(containing: "PHÓ TRƯỞNG BAN", in: xml))
        #expect(position.contains("<w:b/>") == (style == .state), "HD 36: title not bold; ND 30: bold")
        let label = try #require(P.run(containing: "Nơi nhận:", in: xml))
        #expect(style == .party ? label.contains("<w:u w:val=\"single\"/>") : label.contains("<w:i/>"))
    }

    @Test func scenarioFactsArePresent() throws {
        let paragraphs = try P.paragraphs(try P.document(try Self.rendered(.party)))
        let expected = [
            "Khối Thi đua các cơ quan Tỉnh ủy trân trọng kính mời:",
            "- Đại diện lãnh đạo Ban Thi đua - Khen thưởng tỉnh;",
            "- Phóng viên Đài Phát thanh - Truyền hình tỉnh, Báo Lào Cai.",
            "Tới dự Hội nghị tổng kết phong trào thi đua, công tác khen thưởng năm 2023 của Khối Thi đua các cơ quan Tỉnh ủy.",
            "- Thời gian: 08 giờ 00, thứ Ba, ngày 19 tháng 12 năm 2023 (½ ngày).",
            "- Địa điểm: Phòng họp Ban Chấp hành Đảng bộ tỉnh.",
            "- Hình thức: Tổ chức Hội nghị trực tiếp.",
            "- Nội dung:",
            "+ Phần I: Tổng kết năm 2023, phương hướng năm 2024; thống nhất chấm điểm thi đua.",
            "Rất mong các đồng chí đến dự đúng thời gian để Hội nghị đạt kết quả tốt./.",
            "- Như thành phần mời;", "- Lưu Ban Nội chính Tỉnh ủy.",
            "K/T TRƯỞNG BAN NỘI CHÍNH TỈNH ỦY, TRƯỞNG KHỐI THI ĐUA", "PHÓ TRƯỞNG BAN", "Nguyễn Minh Khoa",
        ]
        for line in expected {
            #expect(paragraphs.contains(line.precomposedStringWithCanonicalMapping), "missing paragraph: \(line)")
        }
        // Each invitee line is its own paragraph (no manual breaks in justified text).
        let xml = try P.document(try Self.rendered(.party))
        let invitee = try #require(P.run(containing: "- Đại diện lãnh đạo Ban Thi đua", in: xml))
        #expect(!invitee.contains("<w:br/>") && invitee.contains("<w:b/>"))
    }

    @Test func contactIsOptionalPhrasesGetOneFullStopAndTextIsNFC() throws {
        var data = InvitationData.scenario2023
        data.contact = " "
        data.conference.venue = "Pho\u{0300}ng ho\u{0323}p Báo Lào Cai."   // decomposed, with its own full stop
        let text = try P.text(try P.document(try Self.rendered(.state, data)))
        #expect(!text.contains("Liên hệ"))
        #expect(text.contains("- Địa điểm: Phòng họp Báo Lào Cai.\n"))
        #expect(!text.contains(".."))
        #expect(!text.contains("\u{0300}") && !text.contains("\u{0323}"))
    }

    @Test func builtInTemplateNamesMatchTheData() throws {
        let known = BuiltInTemplate.knownPlaceholders(.invitation)
        #expect(InvitationDocument.value(.scenario2023).placeholderPaths == known)
        for style in HouseStyle.allCases {
            let template = try DocxTemplate(data: BuiltInTemplate.docx(.invitation, style: style))
            try template.validate(known: known)
            #expect(template.placeholders.isSuperset(of: ["invitees", "conference.time", "agenda", "signer.name"]))
        }
        #expect(BuiltInTemplate(rawValue: "invitation") == .invitation)
    }

    @Test func timesAndDatesInWords() {
        let calendar = DeadlineCalendar(holidays: [])
        #expect(DocxFormat.time(calendar.instant(LocalDate(year: 2023, month: 12, day: 19), hour: 8, minute: 0))
                == "08 giờ 00, thứ Ba, ngày 19 tháng 12 năm 2023")
        #expect(DocxFormat.time(calendar.instant(LocalDate(year: 2024, month: 3, day: 5), hour: 14, minute: 30))
                == "14 giờ 30, thứ Ba, ngày 05 tháng 3 năm 2024")
        #expect(DocxFormat.date(LocalDate(year: 2024, month: 2, day: 9)) == "ngày 09 tháng 02 năm 2024")
    }
}
