import Foundation
import Testing
@testable import ThiDuaDocuments

@Suite struct ScoringSheetTests {
    static let table = ScoringTableShape(
        leaves: ["I.1": .init(max: 10, step: .d("0.25")), "I.2": .init(max: 5, step: .d("0.5")),
                 "II.1": .init(max: 20, step: .d("0.25")), "II.1.a": .init(max: .d("2.5"), step: .d("0.25")),
                 "III.1": .init(max: 3, step: 1)],
        sections: ["I", "II", "III"])

    /// The table's nodes in order, as the server would export them (sections without a maximum).
    static let blank: [ScoringSheetRow] = [
        ScoringSheetRow(code: "I", title: "Công tác chính trị tư tưởng"),
        ScoringSheetRow(code: "I.1", title: "Quán triệt, triển khai nghị quyết", maxPoints: 10),
        ScoringSheetRow(code: "I.2", title: "Học tập và làm theo tư tưởng Hồ Chí Minh", maxPoints: 5),
        ScoringSheetRow(code: "II", title: "Thực hiện nhiệm vụ chuyên môn"),
        ScoringSheetRow(code: "II.1", title: "Hoàn thành chỉ tiêu kế hoạch năm", maxPoints: 20),
        ScoringSheetRow(code: "II.1.a", title: "Ứng dụng công nghệ thông tin", maxPoints: .d("2.5")),
        ScoringSheetRow(code: "III", title: "Điểm thưởng"),
        ScoringSheetRow(code: "III.1", title: "Sáng kiến được công nhận cấp tỉnh", maxPoints: 3),
    ]

    /// The blank rows with scores and notes, numbered as they sit in the sheet (header in row 1).
    static var filled: [ScoringSheetRow] {
        var rows = blank
        rows[1].selfScore = .d("9.5"); rows[1].agreedScore = 9; rows[1].note = "Có biên bản kèm theo"
        rows[2].selfScore = 5
        rows[4].selfScore = .d("18.25"); rows[4].note = "Đạt 95% kế hoạch; \"vượt\" tiến độ quý IV"
        rows[5].selfScore = .d("2.25")
        rows[7].selfScore = 0
        for index in rows.indices { rows[index].row = index + 2 }
        return rows
    }

    static func numbered(_ rows: [ScoringSheetRow]) -> [ScoringSheetRow] {
        rows.enumerated().map { index, row in var row = row; row.row = index + 2; return row }
    }

    @Test func roundTripWithScores() throws {
        let data = try ScoringSheet.write(Self.filled)
        let sheet = try XLSXReader.read(data)[0]
        #expect(sheet.name == "Bảng chấm điểm")
        #expect((1...6).map { sheet.cell(1, $0)?.value } == ["Mã", "Nội dung", "Điểm tối đa", "Tự chấm", "Điểm thống nhất",
                                                             "Ghi chú"].map(XLSXValue.text))
        let result = try ScoringSheet.read(data, table: Self.table)
        #expect(result.issues == [])
        #expect(result.rows == Self.filled)
        #expect(try ScoringSheet.read(data, table: nil).rows == Self.filled)
    }

    /// Export blank, fill in column D by editing the worksheet XML as a spreadsheet program would, re-import.
    @Test func exportFillInReimport() throws {
        let blank = try ScoringSheet.write(Self.blank)
        #expect(try ScoringSheet.read(blank, table: Self.table) == (Self.numbered(Self.blank), []))
        let filled = try XLSXTestFiles.rewrite(blank) { xml in
            xml.replacingOccurrences(of: "</row><row r=\"4\">", with: "<c r=\"D3\"><v>7.25</v></c></row><row r=\"4\">")
                .replacingOccurrences(of: "</row><row r=\"7\">", with: "<c r=\"D6\"><v>19.5</v></c><c r=\"E6\"><v>19</v></c>"
                                      + "<c r=\"F6\" t=\"inlineStr\"><is><t>Đủ minh chứng</t></is></c></row><row r=\"7\">")
        }
        let result = try ScoringSheet.read(filled, table: Self.table)
        #expect(result.issues == [])
        var expected = Self.numbered(Self.blank)
        expected[1].selfScore = .d("7.25")
        expected[4].selfScore = .d("19.5"); expected[4].agreedScore = 19; expected[4].note = "Đủ minh chứng"
        #expect(result.rows == expected)
    }

    @Test func libreOfficeFixtureFromCSV() throws {
        let result = try ScoringSheet.read(try XLSXTestFiles.fixture("bang-cham-diem.xlsx"), table: Self.table)
        #expect(result.issues == [])  // its only sheet is named "bang-cham-diem": a single sheet is used whatever its name
        #expect(result.rows == Self.filled)
    }

    /// The same CSV converted afresh by the LibreOffice installed here.
    @Test(.enabled(if: XLSXTestFiles.soffice != nil, "LibreOffice (soffice) is not installed"))
    func libreOfficeConvertsTheCSVAfresh() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let csv = try dir.file("bang-cham-diem.csv", try Data(contentsOf: try XLSXTestFiles.fixtureURL("bang-cham-diem.csv")))
        let data = try XLSXTestFiles.convertWithLibreOffice(csv, in: dir, filter: "CSV:44,34,76,1")
        let result = try ScoringSheet.read(data, table: Self.table)
        #expect(result.issues == [])
        #expect(result.rows == Self.filled)
    }

    /// Formulas with cached values are used; a merged area over a criterion's scores is reported; a title merged
    /// above the header, a section title merged across, a section subtotal and a total line are all fine.
    @Test func libreOfficeFormulasAndMerges() throws {
        let table = ScoringTableShape(leaves: ["I.1": .init(max: 10, step: .d("0.25")), "I.2": .init(max: 5),
                                              "II.1": .init(max: 20, step: .d("0.25")), "II.2": .init(max: 10)],
                                      sections: ["I", "II"])
        let result = try ScoringSheet.read(try XLSXTestFiles.fixture("cong-thuc-o-gop.xlsx"), table: table)
        #expect(result.issues.map(\.description)
            == ["Trang tính “Bảng chấm điểm”, dòng 8, cột D: ô gộp trong cột điểm (D8:E8); hãy bỏ gộp ô để mỗi tiêu chí có ô điểm riêng"])
        #expect(result.rows.map(\.code) == ["I", "I.1", "I.2", "II", "II.1", "II.2"])
        #expect(result.rows[0].title == "Công tác chính trị tư tưởng" && result.rows[0].selfScore == .d("12.5"))
        #expect(result.rows[1] == ScoringSheetRow(code: "I.1", title: "Quán triệt nghị quyết", maxPoints: 10,
                                                  selfScore: .d("7.5"), note: "Đạt 75%", row: 4))
        #expect(result.rows[2].selfScore == 5)
        #expect(result.rows[4].selfScore == .d("18.25") && result.rows[4].agreedScore == .d("18.25"))
        #expect(result.rows[5].selfScore == 8 && result.rows[5].agreedScore == nil)
    }

    @Test func sheetIsFoundByName() throws {
        let data = try XLSXWriter.data([XLSXSheet(name: "Hướng dẫn", rows: [[.text("Điền cột D")]]),
                                        XLSXSheet(name: "BẢNG CHẤM ĐIỂM", rows: [[.text("Mã")], [.text("I.1"), .text("A"), .number(10)]])])
        let result = try ScoringSheet.read(data, table: Self.table)
        #expect(result.issues == [] && result.rows == [ScoringSheetRow(code: "I.1", title: "A", maxPoints: 10, row: 2)])

        let missing = try XLSXWriter.data([XLSXSheet(name: "Trang 1", rows: [[.text("Mã")]]), XLSXSheet(name: "Trang 2", rows: [])])
        let refused = try ScoringSheet.read(missing, table: Self.table)
        #expect(refused.rows == [])
        #expect(refused.issues == [ScoringSheetIssue(sheet: "Bảng chấm điểm", row: 0, column: "",
                                                     message: "Không tìm thấy trang tính “Bảng chấm điểm” "
                                                        + "(tệp có các trang tính: “Trang 1”, “Trang 2”).")])
        #expect(refused.issues[0].description == refused.issues[0].message)
    }

    /// No header row: reading starts at row 1. Codes match the table ignoring case and surrounding spaces.
    @Test func headerlessSheetAndCodeSpelling() throws {
        let data = try XLSXWriter.data([XLSXSheet(name: "Bảng chấm điểm", rows: [
            [.text(" i.1 "), .text("Quán triệt"), .number(10), .text("8,5")],
            [.text("II.1"), .text("Chỉ tiêu"), .number(20), .number(0.1 + 0.2)],
            [.empty, .text("Tổng cộng"), .empty, .empty],
        ])])
        let result = try ScoringSheet.read(data, table: Self.table)
        #expect(result.issues.map(\.description) == ["Trang tính “Bảng chấm điểm”, dòng 2, cột D: điểm 0,3 không phải bội số của bước chấm 0,25"])
        #expect(result.rows.map(\.code) == ["I.1", "II.1"])
        #expect(result.rows.map(\.selfScore) == [.d("8.5"), .d("0.3")])
        #expect(result.rows.map(\.row) == [1, 2])
    }
}
