import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaDocuments

/// The built-in conference minutes (biên bản hội nghị) filled with the 2023 scenario, opened again and checked.
@Suite struct DocxMinutesTests {
    typealias P = DocxProbe

    static func rendered(_ style: HouseStyle, _ data: MinutesData = .scenario2023) throws -> Data {
        try DocxKinds.render(.minutes, style, MinutesDocument.value(data))
    }

    @Test(arguments: HouseStyle.allCases)
    func pageHeaderAndSignatures(style: HouseStyle) throws {
        let docx = try Self.rendered(style)
        try DocxKinds.checkPage(docx)
        let xml = try P.document(docx)
        try DocxKinds.checkHeader(xml, style, number: "01-BB/KTĐ", date: "ngày 19 tháng 12 năm 2023")
        #expect(try #require(P.run(containing: "BIÊN BẢN<", in: xml)).contains("<w:b/>"))
        // Two signatures side by side, the secretary's on the left, the chair's on the right.
        let signatures = try #require(P.table(containing: "THƯ KÝ", in: xml))
        #expect(!signatures.contains("w:val=\"single\" w:sz=\"4\""))
        let chair = style == .party ? "CHỦ TRÌ" : "CHỦ TỌA"
        #expect(try P.paragraphs(signatures).filter { !$0.isEmpty } == ["THƯ KÝ", "Lê Thị Mai", chair, "Nguyễn Minh Khoa"])
        #expect(try #require(P.run(containing: "Lê Thị Mai<", in: xml)).contains("<w:b/>"))
    }

    @Test func attendanceTableHasOneRowPerUnit() throws {
        let xml = try P.document(try Self.rendered(.party))
        let rows = try DocxKinds.rows(of: "Người dự", in: xml)
        let units = MinutesData.scenario2023.attendance
        #expect(units.count == 9 && rows.count == 1 + units.count)
        #expect(rows[0] == ["TT", "Cơ quan, đơn vị", "Người dự", "Tình hình"])
        for (index, unit) in units.enumerated() {
            #expect(rows[index + 1] == ["\(index + 1)", unit.unit, unit.representative, "Có mặt"])
        }
        #expect(try P.text(xml).contains("2. Các cơ quan, đơn vị thành viên: có mặt 9/9 đơn vị."))
    }

    @Test func ballotsHaveOneTableRowPerCandidate() throws {
        let xml = try P.document(try Self.rendered(.state))
        let tables = xml.components(separatedBy: "<w:tbl>").dropFirst().map { "<w:tbl>" + $0 }
            .filter { $0.contains("Số phiếu") && $0.contains("Tỷ lệ") }
        let ballots = MinutesData.scenario2023.ballots
        #expect(tables.count == ballots.count)
        for (table, ballot) in zip(tables, ballots) {
            let rows = try DocxKinds.rows(of: "Tỷ lệ", in: table)
            #expect(rows.count == 1 + ballot.candidates.count)
            for (index, candidate) in ballot.candidates.enumerated() {
                #expect(rows[index + 1] == ["\(index + 1)", candidate.name, "\(candidate.votes)",
                                            DocxFormat.percent(candidate.share)])
            }
        }
        let text = try P.text(xml)
        for fact in ["III. KẾT QUẢ BỎ PHIẾU", "Số phiếu thu về: 9; hợp lệ: 8; không hợp lệ: 1.", "88,89%", "66,67%",
                     "Kết quả: Báo Lào Cai được bầu làm đơn vị Trưởng Khối năm 2024.",
                     "Hội nghị kết thúc vào hồi 11 giờ 30 cùng ngày./.",
                     "Thời gian: Vào hồi 08 giờ 00, thứ Ba, ngày 19 tháng 12 năm 2023.",
                     "Chủ trì: đồng chí Nguyễn Minh Khoa, Phó Trưởng Ban Nội chính Tỉnh ủy.",
                     "- Phóng viên Đài Phát thanh - Truyền hình tỉnh và Báo Lào Cai;"] {
            #expect(text.contains(fact), "missing: \(fact)")
        }
    }

    /// The secretariat's text: one paragraph per non-blank line, nothing lost or merged.
    @Test func bodyTextBecomesParagraphs() throws {
        var data = MinutesData.scenario2023
        data.body = "Dòng một.\n\n  Dòng hai & <ba>.\r\nDòng bốn."
        let paragraphs = try P.paragraphs(try P.document(try Self.rendered(.party, data)))
        let start = try #require(paragraphs.firstIndex(of: "II. NỘI DUNG HỘI NGHỊ"))
        #expect(Array(paragraphs[(start + 1)...(start + 3)]) == ["Dòng một.", "Dòng hai & <ba>.", "Dòng bốn."])
    }

    @Test func emptyGuestsAndBallotsLeaveTheirHeadingsOut() throws {
        var data = MinutesData.scenario2023
        data.guests = []
        data.ballots = []
        data.attendance[8].present = false
        data.attendance[8].note = "có lý do"
        data.membersPresent = 8
        let xml = try P.document(try Self.rendered(.party, data))
        let text = try P.text(xml)
        #expect(!text.contains("Đại biểu:") && !text.contains("KẾT QUẢ BỎ PHIẾU") && !text.contains("Tỷ lệ"))
        #expect(text.contains("có mặt 8/9 đơn vị") && text.contains("Vắng mặt (có lý do)"))
    }

    @Test func builtInTemplateNamesMatchTheData() throws {
        let known = BuiltInTemplate.knownPlaceholders(.minutes)
        #expect(MinutesDocument.value(.scenario2023).placeholderPaths == known)
        for style in HouseStyle.allCases {
            try DocxTemplate(data: BuiltInTemplate.docx(.minutes, style: style)).validate(known: known)
        }
    }
}
