import Foundation
import Testing
@testable import ThiDuaDocuments

/// Each kind of bad file, with the exact sheet, row and column in the message.
@Suite struct ScoringSheetIssuesTests {
    static let table = ScoringSheetTests.table
    static let header: [XLSXCell] = ["Mã", "Nội dung", "Điểm tối đa", "Tự chấm", "Điểm thống nhất", "Ghi chú"].map(XLSXCell.text)

    /// A sheet "Bảng chấm điểm" with the header in row 1 and `rows` from row 2.
    static func issues(_ rows: [[XLSXCell]], table: ScoringTableShape? = table) throws -> [String] {
        let data = try XLSXWriter.data([XLSXSheet(name: "Bảng chấm điểm", rows: [header] + rows)])
        return try ScoringSheet.read(data, table: table).issues.map(\.description)
    }

    static func place(_ row: Int, _ column: String) -> String { "Trang tính “Bảng chấm điểm”, dòng \(row), cột \(column): " }

    @Test func textInANumberCell() throws {
        #expect(try Self.issues([[.text("I.1"), .text("A"), .number(10), .text("abc")]])
            == [Self.place(2, "D") + "ô phải là số, đang là “abc”"])
        #expect(try Self.issues([[.text("I.1"), .text("A"), .text("mười"), .empty, .text("9,5 điểm")]])
            == [Self.place(2, "C") + "ô phải là số, đang là “mười”", Self.place(2, "E") + "ô phải là số, đang là “9,5 điểm”"])
    }

    @Test func scoreOverTheMaximum() throws {
        #expect(try Self.issues([[.text("I.1"), .text("A"), .number(10), .number(12)]])
            == [Self.place(2, "D") + "điểm 12 vượt quá điểm tối đa 10 của tiêu chí “I.1”"])
        // The table's maximum counts, not whatever column C says.
        #expect(try Self.issues([[.text("II.1.a"), .text("A"), .number(50), .empty, .number(2.75)]])
            == [Self.place(2, "E") + "điểm 2,75 vượt quá điểm tối đa 2,5 của tiêu chí “II.1.a”"])
        // Without a table, column C is the maximum.
        #expect(try Self.issues([[.text("X"), .text("A"), .number(4), .number(4.5)]], table: nil)
            == [Self.place(2, "D") + "điểm 4,5 vượt quá điểm tối đa 4 của tiêu chí “X”"])
    }

    @Test func scoreOffTheStepAndNegative() throws {
        #expect(try Self.issues([[.text("I.1"), .text("A"), .number(10), .number(7.3)],
                                 [.text("III.1"), .text("B"), .number(3), .number(-1)]])
            == [Self.place(2, "D") + "điểm 7,3 không phải bội số của bước chấm 0,25",
                Self.place(3, "D") + "điểm không được âm (đang là -1)"])
    }

    @Test func duplicateAndUnknownCodes() throws {
        #expect(try Self.issues([[.text("I.1"), .text("A"), .number(10), .number(5)],
                                 [.text("I.9"), .text("B"), .number(10), .number(5)],
                                 [.text("i.1"), .text("C"), .number(10), .number(6)]])
            == [Self.place(3, "A") + "mã “I.9” không có trong bảng chấm điểm",
                Self.place(4, "A") + "mã “I.1” bị trùng (đã có ở dòng 2)"])
        #expect(try Self.issues([[.text("X"), .text("A")], [.text("X"), .text("B")]], table: nil)
            == [Self.place(3, "A") + "mã “X” bị trùng (đã có ở dòng 2)"])
    }

    @Test func logicalValuesErrorsAndScoresWithoutACode() throws {
        let data = try XLSXTestFiles.rewrite(try XLSXWriter.data([XLSXSheet(name: "Bảng chấm điểm", rows: [Self.header])])) { xml in
            xml.replacingOccurrences(of: "</sheetData>", with: """
                <row r="2"><c r="A2" t="inlineStr"><is><t>I.1</t></is></c><c r="D2" t="b"><v>1</v></c>\
                <c r="E2" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>\
                <row r="3"><c r="B3" t="inlineStr"><is><t>Tổng cộng</t></is></c><c r="D3"><f>SUM(D2:D2)</f><v>0</v></c></row>\
                <row r="4"><c r="B4" t="inlineStr"><is><t>(quên mã)</t></is></c><c r="D4"><v>3</v></c></row>\
                </sheetData>
                """)
        }
        #expect(try ScoringSheet.read(data, table: Self.table).issues.map(\.description)
            == [Self.place(2, "D") + "ô phải là số, đang là giá trị logic TRUE",
                Self.place(2, "E") + "ô chứa lỗi #DIV/0!; hãy sửa công thức hoặc nhập số",
                Self.place(4, "A") + "dòng có điểm nhưng thiếu mã ở cột A"])
    }

    /// Written by a library that stores formulas without results.
    @Test func formulaWithoutACachedValue() throws {
        let data = try XLSXTestFiles.rewrite(try ScoringSheet.write(ScoringSheetTests.blank)) { xml in
            xml.replacingOccurrences(of: "</row><row r=\"4\">", with: "<c r=\"D3\"><f>C3*0.8</f></c></row><row r=\"4\">")
        }
        let result = try ScoringSheet.read(data, table: Self.table)
        #expect(result.issues.map(\.description)
            == [Self.place(3, "D") + "ô chứa công thức chưa có giá trị đã tính; hãy mở và lưu lại tệp trong Excel"])
        #expect(result.issues[0] == ScoringSheetIssue(sheet: "Bảng chấm điểm", row: 3, column: "D", message: ScoringSheetScan.uncalculated))
    }

    @Test func mergedCellsInTheScoreColumns() throws {
        let data = try XLSXTestFiles.rewrite(try ScoringSheet.write(ScoringSheetTests.filled)) { xml in
            xml.replacingOccurrences(of: "</sheetData>",
                                     with: "</sheetData><mergeCells count=\"3\"><mergeCell ref=\"D3:E3\"/>"
                                        + "<mergeCell ref=\"B5:F5\"/><mergeCell ref=\"C6:D7\"/></mergeCells>")
        }
        // B5:F5 spans a section row (II), which has no points: allowed.
        #expect(try ScoringSheet.read(data, table: Self.table).issues.map(\.description)
            == [Self.place(3, "D") + "ô gộp trong cột điểm (D3:E3); hãy bỏ gộp ô để mỗi tiêu chí có ô điểm riêng",
                Self.place(6, "D") + "ô gộp trong cột điểm (C6:D7); hãy bỏ gộp ô để mỗi tiêu chí có ô điểm riêng"])
    }

    /// All-or-nothing: every problem in the file is reported at once, in sheet order.
    @Test func everyIssueIsReported() throws {
        let issues = try Self.issues([
            [.text("I.1"), .text("A"), .number(10), .number(11)],
            [.text("I.2"), .text("B"), .number(5), .text("x")],
            [.text("II.1"), .text("C"), .number(20), .number(-2), .number(20.1)],
            [.text("I.1"), .text("D"), .number(10), .number(1)],
            [.text("Z"), .text("E")],
            [.text("II"), .text("Mục II"), .empty, .text("tổng")],  // a section's own cells are not checked
        ])
        #expect(issues == [
            Self.place(2, "D") + "điểm 11 vượt quá điểm tối đa 10 của tiêu chí “I.1”",
            Self.place(3, "D") + "ô phải là số, đang là “x”",
            Self.place(4, "D") + "điểm không được âm (đang là -2)",
            Self.place(4, "E") + "điểm 20,1 vượt quá điểm tối đa 20 của tiêu chí “II.1”",
            Self.place(5, "A") + "mã “I.1” bị trùng (đã có ở dòng 2)",
            Self.place(6, "A") + "mã “Z” không có trong bảng chấm điểm",
        ])
    }

    /// A 2,000-row sheet: read time printed for the closing note (no assertion on time).
    @Test func twoThousandRows() throws {
        var rows: [ScoringSheetRow] = [], leaves: [String: ScoringTableShape.LeafShape] = [:]
        for index in 1...2_000 {
            let code = "\(index / 100 + 1).\(index)"
            rows.append(ScoringSheetRow(code: code, title: "Tiêu chí số \(index): hoàn thành nhiệm vụ được giao đúng hạn",
                                        maxPoints: 10, selfScore: Decimal(index % 40) / 4, note: index % 3 == 0 ? "Có minh chứng" : nil))
            leaves[code] = .init(max: 10, step: .d("0.25"))
        }
        let data = try ScoringSheet.write(rows)
        let table = ScoringTableShape(leaves: leaves)
        let clock = ContinuousClock()
        _ = try ScoringSheet.read(data, table: table)  // warm-up
        var times: [Duration] = []
        var result: (rows: [ScoringSheetRow], issues: [ScoringSheetIssue]) = ([], [])
        for _ in 0..<5 {
            let start = clock.now
            result = try ScoringSheet.read(data, table: table)
            times.append(clock.now - start)
        }
        #expect(result.issues == [] && result.rows.count == 2_000 && result.rows[1_999].selfScore == 0)
        print("2,000-row scoring sheet (\(data.count) bytes): ScoringSheet.read median \(times.sorted()[2]), runs \(times)")
    }
}
