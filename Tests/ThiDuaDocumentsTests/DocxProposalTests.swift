import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaDocuments

/// The built-in proposal letter (tờ trình) for the provincial flag, with its annex, opened again and checked.
@Suite struct DocxProposalTests {
    typealias P = DocxProbe

    static func rendered(_ style: HouseStyle, _ data: ProposalData = .scenario2023) throws -> Data {
        try DocxKinds.render(.proposal, style, ProposalDocument.value(data))
    }

    @Test(arguments: HouseStyle.allCases)
    func pageHeaderTitleAndAddressee(style: HouseStyle) throws {
        let docx = try Self.rendered(style)
        try DocxKinds.checkPage(docx)
        let xml = try P.document(docx)
        try DocxKinds.checkHeader(xml, style, number: "12-TTr/KTĐ", date: "ngày 22 tháng 12 năm 2023")
        let title = try #require(P.run(containing: "TỜ TRÌNH<", in: xml))
        #expect(title.contains("<w:b/>") && title.contains(style == .party ? "w:val=\"32\"" : "w:val=\"28\""))
        let paragraphs = try P.paragraphs(xml)
        #expect(paragraphs.contains("Đề nghị tặng Cờ thi đua của Chủ tịch UBND tỉnh năm 2023"))
        #expect(paragraphs.contains("Kính gửi: Ban Thi đua - Khen thưởng tỉnh"))
        #expect(paragraphs.contains { $0.hasPrefix("Căn cứ Quyết định số 3666/QĐ-UBND") })
        #expect(paragraphs.contains { $0.hasSuffix("cho 02 đơn vị nêu trên./.") })
        #expect(paragraphs.contains("- Như trên;") && paragraphs.contains("- Lưu Ban Nội chính Tỉnh ủy."))
    }

    /// The annex starts a new page after the signature and lists one row per nominated unit.
    @Test func annexHasOneRowPerNominee() throws {
        let xml = try P.document(try Self.rendered(.party))
        let breakAt = try #require(xml.range(of: "<w:br w:type=\"page\"/>"))
        #expect(try #require(xml.range(of: "Nguyễn Minh Khoa")).lowerBound < breakAt.lowerBound)
        #expect(try #require(xml.range(of: "PHỤ LỤC")).lowerBound > breakAt.lowerBound)
        let rows = try DocxKinds.rows(of: "Tổng điểm thống nhất", in: xml)
        #expect(rows == [["STT", "Đơn vị", "Tổng điểm thống nhất", "Xếp hạng trong Khối", "Số phiếu suy tôn", "Tỷ lệ phiếu"],
                         ["1", "Ban Nội chính Tỉnh ủy", "106,50", "1", "8", "88,89%"],
                         ["2", "Ban Tổ chức Tỉnh ủy", "104,50", "2", "6", "66,67%"]])
        let text = try P.text(xml)
        #expect(text.contains("DANH SÁCH ĐƠN VỊ ĐỀ NGHỊ TẶNG CỜ THI ĐUA CỦA CHỦ TỊCH UBND TỈNH NĂM 2023"))
        #expect(text.contains("(Kèm theo Tờ trình số 12-TTr/KTĐ, ngày 22/12/2023 của Khối Thi đua các cơ quan Tỉnh ủy)"))
        #expect(try #require(P.run(containing: "(Kèm theo Tờ trình", in: xml)).contains("<w:i/>"))
    }

    /// The annex agrees with the score summary and the count of the same scenario.
    @Test func annexAgreesWithTheScoresAndTheCount() {
        let summary = ScoreSummaryData.scenario2023.rows, count = CountMinutesData.scenario2023.candidates
        for nominee in ProposalData.scenario2023.nominees {
            let row = summary.first { $0.unit == nominee.unit }
            #expect(row?.total == nominee.total && row?.rank == nominee.rank, "\(nominee.unit)")
            let votes = count.first { $0.name == nominee.unit }
            #expect(votes?.votes == nominee.votes && votes?.share == nominee.share, "\(nominee.unit)")
        }
    }

    @Test func manyNomineesStillOneRowEach() throws {
        var data = ProposalData.scenario2023
        data.nominees = (1...12).map {
            .init(unit: "Đơn vị \($0)", total: Decimal(100 - $0), rank: $0, votes: 9 - $0 % 3, share: Decimal($0) / 100)
        }
        let rows = try DocxKinds.rows(of: "Tổng điểm thống nhất", in: try P.document(try Self.rendered(.state, data)))
        #expect(rows.count == 13 && rows[12] == ["12", "Đơn vị 12", "88,00", "12", "9", "12,00%"])
    }

    @Test func builtInTemplateNamesMatchTheData() throws {
        let known = BuiltInTemplate.knownPlaceholders(.proposal)
        #expect(ProposalDocument.value(.scenario2023).placeholderPaths == known)
        for style in HouseStyle.allCases {
            try DocxTemplate(data: BuiltInTemplate.docx(.proposal, style: style)).validate(known: known)
        }
    }
}
