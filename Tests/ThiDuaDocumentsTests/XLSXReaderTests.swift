import Foundation
import Testing
@testable import ThiDuaDocuments

@Suite struct XLSXReaderTests {
    @Test func cellReferences() throws {
        let ref = try #require(XLSXCellRef("$AB$12"))
        #expect(ref == XLSXCellRef(row: 12, column: 28))
        #expect(ref.a1 == "AB12" && ref.columnLetters == "AB")
        #expect(XLSXCellRef("xfd1048576") == XLSXCellRef(row: 1_048_576, column: 16_384))
        for bad in ["", "A", "12", "A0", "XFE1", "A1048577", "1A", "A1B", "Ä1", "A-1"] { #expect(XLSXCellRef(bad) == nil, "\(bad)") }
        #expect(XLSXCellRef("B1")! < XLSXCellRef("A2")!)
        let range = try #require(XLSXCellRange("E8:D7"))
        #expect(range.a1 == "D7:E8" && range.contains(XLSXCellRef("E7")!) && !range.contains(XLSXCellRef("C7")!))
        #expect([1, 26, 27, 702, 703].map(XLSXCellRef.letters) == ["A", "Z", "AA", "ZZ", "AAA"])
    }

    /// Everything our writer produces reads back: inline strings, exact numbers, escapes, line breaks, empty sheets.
    @Test func readsOurWriter() throws {
        let data = try XLSXWriter.data([XLSXSheet(name: "Kết quả", rows: XLSXWriterTests.rows), XLSXSheet(name: "Trống", rows: [])])
        let sheets = try XLSXReader.read(data)
        #expect(sheets.map(\.name) == ["Kết quả", "Trống"])
        let sheet = sheets[0]
        #expect(sheet.cell(1, 2)?.value == .text("Đơn vị"))
        #expect(sheet.cell(2, 3)?.value == .number(.d("95.5")))
        #expect(sheet.cell(2, 4)?.value == .text("Xuất sắc <A&B> \"tốt\""))
        #expect(sheet.cell(3, 3)?.value == .number(-3))
        #expect(sheet.cell(3, 4) == nil)
        #expect(sheet.cell(4, 2)?.value == .text("_x0041_ giữ nguyên"))
        #expect(sheet.cell(4, 4)?.value == .text("dòng 1\ndòng 2"))
        #expect(sheet.cells.count == 15 && sheet.maxRow == 4 && sheet.maxColumn == 4 && sheet.merged.isEmpty)
        #expect(sheets[1].cells.isEmpty && sheets[1].maxRow == 0)
    }

    /// LibreOffice's own output for a CSV: shared strings, relationship ids that are not rId1, t="n".
    @Test func readsLibreOfficeFromCSV() throws {
        let sheets = try XLSXReader.read(try XLSXTestFiles.fixture("bang-cham-diem.xlsx"))
        #expect(sheets.map(\.name) == ["bang-cham-diem"])
        let sheet = sheets[0]
        #expect(sheet.maxRow == 9 && sheet.maxColumn == 6)
        #expect(sheet.cell(1, 1)?.value == .text("Mã"))
        #expect(sheet.cell(3, 2)?.value == .text("Quán triệt, triển khai nghị quyết"))
        #expect(sheet.cell(6, 4)?.value == .number(.d("18.25")))
        #expect(sheet.cell(6, 6)?.value == .text("Đạt 95% kế hoạch; \"vượt\" tiến độ quý IV"))
        #expect(sheet.cell(7, 3)?.value == .number(.d("2.5")))
    }

    /// LibreOffice's formulas with cached results, rich text, booleans, errors, dates and merged areas.
    @Test func readsFormulasAndMergesFromLibreOffice() throws {
        let sheets = try XLSXReader.read(try XLSXTestFiles.fixture("cong-thuc-o-gop.xlsx"))
        #expect(sheets.map(\.name) == ["Hướng dẫn", "Bảng chấm điểm"])
        let guide = sheets[0]
        #expect(guide.cell(1, 2) == XLSXReadCell(value: .bool(true), formula: "1=1"))
        #expect(guide.cell(1, 3) == XLSXReadCell(value: .error("#DIV/0!"), formula: "1/0"))
        #expect(guide.cell(1, 4) == XLSXReadCell(value: .text("Ghi chú"), formula: "CONCATENATE(\"Ghi \",\"chú\")"))
        #expect(guide.cell(1, 5)?.value == .number(45_657))  // 2024-12-31 as a serial date
        #expect(guide.cell(1, 6)?.value == .number(.d("0.3")))
        let sheet = sheets[1]
        #expect(sheet.cell(3, 2)?.value == .text("Công tác chính trị tư tưởng"))  // three rich-text runs
        #expect(sheet.cell(4, 4) == XLSXReadCell(value: .number(.d("7.5")), formula: "C4*0.75"))
        #expect(sheet.cell(7, 5) == XLSXReadCell(value: .number(.d("18.25")), formula: "D7"))
        #expect(sheet.merged.map(\.a1) == ["A1:F1", "B6:F6", "D8:E8"])
        #expect(sheet.mergedRange(containing: XLSXCellRef("E8")!)?.a1 == "D8:E8")
        #expect(sheet.cell(1, 2) == nil)  // a covered cell carries only a style
    }

    /// The less common encodings Excel, Google Sheets and libraries produce.
    @Test func handWrittenEdgeCases() throws {
        let strings = """
            <?xml version="1.0"?><sst xmlns="\(XLSXTestFiles.mainNS)"><si><t>Mã</t></si>\
            <si><r><rPr><b/></rPr><t xml:space="preserve">Điểm </t></r><r><t>thưởng</t></r>\
            <rPh sb="0" eb="1"><t>フリガナ</t></rPh></si><si><t>dòng_x000D_</t></si></sst>
            """
        let prefixed = """
            <?xml version="1.0"?><x:worksheet xmlns:x="\(XLSXTestFiles.mainNS)"><x:sheetData>\
            <x:row r="2"><x:c r="B2" t="s"><x:v>1</x:v></x:c><x:c><x:v>1.5E-3</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c></x:row>\
            <x:row><x:c r="A3"><x:f>B2*2</x:f></x:c><x:c r="B3"><x:f t="shared" ref="B3:B4" si="0">A3+1</x:f><x:v>4</x:v></x:c></x:row>\
            <x:row r="4"><x:c r="B4"><x:f t="shared" si="0"/><x:v>+5</x:v></x:c>\
            <x:c r="C4" t="inlineStr"><x:is><x:r><x:t>Ghi </x:t></x:r><x:r><x:t><![CDATA[<chú>]]></x:t></x:r></x:is></x:c>\
            <x:c r="D4" t="d"><x:v>2024-12-31T00:00:00</x:v></x:c><x:c r="E4" t="str"><x:f>""</x:f><x:v></x:v></x:c>\
            <x:c r="F4" t="b"><x:v>0</x:v></x:c><x:c r="G4" t="e"><x:v>#N/A</x:v></x:c><x:c r="H4" s="3"/></x:row>\
            </x:sheetData><x:mergeCells><x:mergeCell ref="A10:B11"/><x:mergeCell ref="C10"/></x:mergeCells></x:worksheet>
            """
        let sheet = try XLSXReader.read(try XLSXTestFiles.workbook(sheets: [("Dữ liệu & ghi chú", prefixed)],
                                                                   sharedStrings: strings))[0]
        #expect(sheet.name == "Dữ liệu & ghi chú")
        #expect(sheet.cell(2, 2)?.value == .text("Điểm thưởng"))
        #expect(sheet.cell(2, 3)?.value == .number(.d("0.0015")))  // no r: follows B2
        #expect(sheet.cell(2, 4)?.value == .text("dòng\r"))
        #expect(sheet.cell(3, 1) == XLSXReadCell(value: .empty, formula: "B2*2"))  // row without r follows row 2
        #expect(sheet.cell(3, 1)?.isUncalculatedFormula == true)
        #expect(sheet.cell(3, 2) == XLSXReadCell(value: .number(4), formula: "A3+1"))
        #expect(sheet.cell(4, 2) == XLSXReadCell(value: .number(5), formula: ""))
        #expect(sheet.cell(4, 3)?.value == .text("Ghi <chú>"))
        #expect(sheet.cell(4, 4)?.value == .text("2024-12-31T00:00:00"))
        #expect(sheet.cell(4, 5) == XLSXReadCell(value: .text(""), formula: "\"\""))
        #expect(sheet.cell(4, 6)?.value == .bool(false))
        #expect(sheet.cell(4, 7)?.value == .error("#N/A"))
        #expect(sheet.cell(4, 8) == nil)
        #expect(sheet.merged.map(\.a1) == ["A10:B11"] && sheet.maxRow == 11)
    }

    /// A server reads uploads on several threads at once; the XML parser keeps no shared state.
    @Test func concurrentReadsAgree() async throws {
        let data = try XLSXTestFiles.fixture("cong-thuc-o-gop.xlsx")
        let expected = try XLSXReader.read(data).map(\.cells)
        let results = try await withThrowingTaskGroup(of: [[XLSXCellRef: XLSXReadCell]].self) { group in
            for _ in 0..<16 { group.addTask { try XLSXReader.read(data).map(\.cells) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 16 && results.allSatisfy { $0 == expected })
    }

    @Test func numbersAreExactDecimals() {
        #expect(XLSXXML.decimal("0.30000000000000004") == .d("0.30000000000000004"))
        #expect(XLSXXML.decimal("-1.25e2") == -125)
        #expect(XLSXXML.decimal("1E-200") == 0)
        for bad in ["12abc", "1e", "", ".", "1.2.3", "--1", "1e+", "e5", "0x10", "١٢"] { #expect(XLSXXML.decimal(bad) == nil, "\(bad)") }
    }

    @Test func damagedPartsAreRefused() throws {
        func sheetWith(_ xml: String, strings: String? = nil) throws -> String? {
            readFailure(try XLSXTestFiles.workbook(sheets: [("A", xml)], sharedStrings: strings))
        }
        #expect(try sheetWith(XLSXTestFiles.worksheet("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>3</v></c></row>"))
            == "Tệp XLSX bị hỏng: ô A1 trỏ tới chuỗi dùng chung số 3 không tồn tại.")
        #expect(try sheetWith(XLSXTestFiles.worksheet("<row r=\"1\"><c r=\"A0\"><v>1</v></c></row>"))
            == "Tệp XLSX bị hỏng: địa chỉ ô “A0” không hợp lệ.")
        // Linux's XMLParser returns true for a mismatched tag, an unclosed element or a second root: caught anyway.
        for broken in ["<worksheet><sheetData><row></worksheet>", "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v>",
                       "<worksheet/><worksheet/>", "", "<worksheet>&bogus;</worksheet>"] {
            #expect(try sheetWith(broken)?.hasPrefix("Tệp XLSX bị hỏng: phần “xl/worksheets/sheet1.xml” không phải XML hợp lệ")
                == true, "\(broken)")
        }
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
            + "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>"
        #expect(try sheetWith(laughs)?.contains("DOCTYPE") == true)
    }

    @Test func filesThatAreNotWorkbooks() throws {
        #expect(readFailure(Data()) == "Tệp tải lên trống.")
        #expect(readFailure(noise(4096)) == "Tệp không phải bảng tính XLSX (thiếu chữ ký ZIP “PK”).")
        #expect(readFailure(Data([0xD0, 0xCF, 0x11, 0xE0]) + noise(600))?.hasPrefix("Đây là tệp Excel 97–2003 (.xls)") == true)
        #expect(readFailure(Data("PK".utf8) + noise(4096))
            == "Tệp XLSX bị hỏng hoặc bị cắt cụt: không đọc được mục lục của tệp nén.")
        let docx = try XLSXTestFiles.zip([("[Content_Types].xml", Data(wordContentTypes.utf8)), ("word/document.xml", Data("<w/>".utf8))])
        #expect(readFailure(docx) == "Đây là tệp Word (.docx), không phải bảng tính XLSX.")
        let other = try XLSXTestFiles.zip([("a.txt", Data("xin chào".utf8))])
        #expect(readFailure(other) == "Tệp không phải bảng tính XLSX: thiếu phần “xl/workbook.xml”.")
    }

    /// Cut anywhere, a workbook is refused with a message, never a hang or a crash.
    @Test func truncatedAndCorruptedWorkbooks() throws {
        let data = try ScoringSheet.write((1...300).map { ScoringSheetRow(code: "I.\($0)", title: "Tiêu chí \($0)", maxPoints: 5) })
        for keep in [data.count - 1, data.count - 30, data.count / 2, 200, 30] {
            let message = readFailure(data.prefix(keep))
            #expect(message?.hasPrefix("Tệp XLSX bị hỏng") == true, "\(keep): \(message ?? "đọc được")")
        }
        // Flip bytes inside the deflated worksheet: a CRC or inflate failure names the part.
        var damaged = data
        let sheetAt = try #require(damaged.range(of: Data("xl/worksheets/sheet1.xml".utf8))).upperBound
        for offset in stride(from: sheetAt + 100, to: sheetAt + 600, by: 7) { damaged[offset] ^= 0x5A }
        #expect(readFailure(damaged)?.hasPrefix("Tệp XLSX bị hỏng") == true)
    }
}
