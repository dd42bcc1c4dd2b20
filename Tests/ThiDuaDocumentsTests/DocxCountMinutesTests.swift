import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaDocuments

/// The built-in count minutes (biên bản kiểm phiếu) filled with the 2023 flag ballot, opened again and checked.
@Suite struct DocxCountMinutesTests {
    typealias P = DocxProbe

    static func rendered(_ style: HouseStyle, _ data: CountMinutesData = .scenario2023) throws -> Data {
        try DocxKinds.render(.countMinutes, style, CountMinutesDocument.value(data))
    }

    @Test(arguments: HouseStyle.allCases)
    func pageHeaderAndTitle(style: HouseStyle) throws {
        let docx = try Self.rendered(style)
        try DocxKinds.checkPage(docx)
        let xml = try P.document(docx)
        try DocxKinds.checkHeader(xml, style, number: "02-BB/KTĐ", date: "ngày 19 tháng 12 năm 2023")
        #expect(try #require(P.run(containing: "BIÊN BẢN KIỂM PHIẾU", in: xml)).contains("<w:b/>"))
        #expect(try P.text(xml).contains("Bình xét, suy tôn đơn vị đề nghị tặng Cờ Thi đua của Chủ tịch UBND tỉnh năm 2023 "
                                         + "(Vòng 1)"))
    }

    @Test func committeeAndCandidateTablesHaveOneRowEach() throws {
        let xml = try P.document(try Self.rendered(.party))
        let committee = try DocxKinds.rows(of: "Nhiệm vụ", in: xml)
        #expect(committee == [["TT", "Họ và tên", "Đơn vị công tác", "Nhiệm vụ"],
                              ["1", "Phạm Quốc Bảo", "Văn phòng Tỉnh ủy", "Trưởng ban"],
                              ["2", "Lê Thu Hương", "Báo Lào Cai", "Thành viên"],
                              ["3", "Đỗ Văn Thành", "Trường Chính trị tỉnh", "Thành viên"]])
        let candidates = try DocxKinds.rows(of: "Số phiếu đồng ý", in: xml)
        #expect(candidates == [["TT", "Tên đơn vị", "Số phiếu đồng ý", "Tỷ lệ"],
                               ["1", "Ban Nội chính Tỉnh ủy", "8", "88,89%"],
                               ["2", "Ban Tổ chức Tỉnh ủy", "6", "66,67%"],
                               ["3", "Báo Lào Cai", "4", "44,44%"]])
        #expect(P.count("<w:tblHeader/>", in: try #require(P.table(containing: "Số phiếu đồng ý", in: xml))) == 1)
    }

    @Test func turnoutBallotsOutcomeReceiptsAndSignatures() throws {
        let xml = try P.document(try Self.rendered(.state))
        let text = try P.text(xml)
        for fact in ["- Số đơn vị thành viên được triệu tập: 9; có mặt: 9; vắng mặt: 0.",
                     "- Số phiếu phát ra: 9; số phiếu thu vào: 9.", "- Số phiếu hợp lệ: 9; số phiếu không hợp lệ: 0.\n",
                     "1. Ban Nội chính Tỉnh ủy (8/9 phiếu); 2. Ban Tổ chức Tỉnh ủy (6/9 phiếu).", "nhất trí ký tên./."] {
            #expect(text.contains(fact), "missing: \(fact)")
        }
        // Receipts three to a row, none lost, none split.
        let receipts = try DocxKinds.rows(of: "2MRT-K7Q3-9XPA", in: xml)
        #expect(receipts.flatMap { $0 } == CountMinutesData.scenario2023.receipts && receipts.count == 3)
        let signatures = try #require(P.table(containing: "TRƯỞNG BAN KIỂM PHIẾU", in: xml))
        #expect(try P.paragraphs(signatures).filter { !$0.isEmpty }
                == ["CÁC THÀNH VIÊN", "Lê Thu Hương", "Đỗ Văn Thành", "TRƯỞNG BAN KIỂM PHIẾU", "Phạm Quốc Bảo"])
    }

    @Test func unnumberedTieInvalidReasonsAndAShortLastReceiptRow() throws {
        var data = CountMinutesData.scenario2023
        data.number = ""
        data.invalid = 1
        data.valid = 8
        data.invalidReasons = "phiếu chọn quá số lượng."
        data.tieNote = "Hai đơn vị bằng phiếu nhau ở vị trí cuối; Hội nghị bỏ phiếu lại giữa hai đơn vị (vòng 2)."
        data.receipts = Array(data.receipts.prefix(4))
        let xml = try P.document(try Self.rendered(.party, data))
        let header = try #require(P.table(containing: "ĐẢNG CỘNG SẢN VIỆT NAM", in: xml))
        #expect(try P.paragraphs(header).filter { !$0.isEmpty }
                == DocxKinds.headerLines(.party, number: nil, date: "ngày 19 tháng 12 năm 2023"))
        let text = try P.text(xml)
        #expect(text.contains("số phiếu không hợp lệ: 1 (lý do: phiếu chọn quá số lượng)."))
        #expect(text.contains("Hai đơn vị bằng phiếu nhau ở vị trí cuối"))
        #expect(try DocxKinds.rows(of: "2MRT-K7Q3-9XPA", in: xml).last == ["7LFA-VE2C-KQ9R", "", ""])
        data.receipts = []
        let none = try P.text(try P.document(try Self.rendered(.party, data)))
        #expect(!none.contains("Mã biên nhận"))
    }

    @Test func builtInTemplateNamesMatchTheData() throws {
        let known = BuiltInTemplate.knownPlaceholders(.countMinutes)
        #expect(CountMinutesDocument.value(.scenario2023).placeholderPaths == known)
        for style in HouseStyle.allCases {
            try DocxTemplate(data: BuiltInTemplate.docx(.countMinutes, style: style)).validate(known: known)
        }
        #expect(BuiltInTemplate(rawValue: "count-minutes") == .countMinutes)
    }

    @Test func sharesPrintWithTwoDecimalsAndAComma() throws {
        #expect(DocxFormat.percent(Decimal(string: "0.6667")!) == "66,67%")
        #expect(DocxFormat.percent(Decimal(string: "0.5")!) == "50,00%")
        #expect(DocxFormat.percent(1) == "100,00%")
        #expect(DocxFormat.percent(0) == "0,00%")
        #expect(DocxFormat.points(Decimal(string: "106.5")!) == "106,50")
        #expect(DocxFormat.points(Decimal(string: "-0.125")!) == "-0,13")
        let tally = TallyResult(eligibleVoters: 9, ballotsCast: 9, valid: 9, invalid: 0, thresholdBase: 9,
                                counts: [.init(candidate: "bnc", votes: 8, share: Decimal(string: "0.8889")!, passes: true)],
                                outcome: ["bnc"], tie: [], seatsLeftForRunoff: 0)
        #expect(CandidateVotes.lines(tally, names: ["bnc": "Ban Nội chính Tỉnh ủy"])
                == [CandidateVotes(name: "Ban Nội chính Tỉnh ủy", votes: 8, share: Decimal(string: "0.8889")!)])
    }
}
