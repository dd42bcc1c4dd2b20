import Foundation
import Testing
import ZIPFoundation
@testable import ThiDuaDocuments

/// A sheet that is an official form prints as one: merged title lines, wrapped text in rows high enough for it,
/// landscape A4, one page wide. A table sheet next to it keeps its frozen header.
@Suite struct XLSXFormTests {
    static let long = String(repeating: "Chia theo đối tượng khen thưởng ", count: 4).trimmingCharacters(in: .whitespaces)

    static func workbook(widths: [Int]) throws -> Data {
        let rows: [[XLSXCell]] = [
            [.text("Biểu số: 0601.N/BNV-TĐKT"), .empty, .text("Đơn vị báo cáo: UBND tỉnh")],
            [.text("SỐ PHONG TRÀO THI ĐUA")],
            [.text(Self.long), .text("01")] + widths.dropFirst(2).map { _ in XLSXCell.number(3) },
        ]
        let layout = XLSXFormLayout(columnWidths: widths, merged: [XLSXMerge(row: 1, first: 0, last: widths.count - 1)],
                                    boldRows: [0], centredRows: [1])
        return try XLSXWriter.data([XLSXSheet(name: "Biểu", rows: rows, form: layout), XLSXSheet(name: "Bảng", rows: XLSXWriterTests.rows)])
    }

    @Test("merged title, landscape one page wide, wrapped rows as high as their lines, styles by row and column")
    func layout() throws {
        let data = try Self.workbook(widths: [30, 6, 10])
        let sheets = try XLSXReader.read(data)
        #expect(sheets[0].merged == [XLSXCellRange(from: XLSXCellRef(row: 2, column: 1), to: XLSXCellRef(row: 2, column: 3))])
        let archive = try Archive(data: data, accessMode: .read)
        let form = try XLSXWriterTests.entry("xl/worksheets/sheet1.xml", of: archive)
        for part in ["<pageSetUpPr fitToPage=\"1\"/>", "orientation=\"landscape\"", "fitToWidth=\"1\"", "fitToHeight=\"0\"", "paperSize=\"9\""] {
            #expect(form.contains(part), "\(part) missing")
        }
        #expect(!form.contains("state=\"frozen\""), "a form has no frozen header")
        // 127 characters in a 30-wide column: 26 usable per line, 5 lines of 15 points; the short rows keep the default.
        #expect(XLSXFormLayout.lines(Self.long, width: 30) == 5)
        #expect(form.contains("<row r=\"3\" ht=\"75.0\" customHeight=\"1\">") && form.contains("<row r=\"2\">"), "the merged title fits its 46 characters")
        let cells = try XLSXWriterTests.cells(in: form)
        #expect(cells["A1"]?.style == "3" && cells["C1"]?.style == "5", "row 1 bold; left, then centred")
        #expect(cells["A2"]?.style == "4", "the title row is centred")
        #expect(cells["A3"]?.style == "2" && cells["B3"]?.style == "4" && cells["C3"]?.style == "4")
        let table = try XLSXWriterTests.entry("xl/worksheets/sheet2.xml", of: archive)
        #expect(table.contains("state=\"frozen\"") && !table.contains("pageSetup"))
    }

    @Test("a form wider than the page prints on one landscape A4 page in LibreOffice",
          .enabled(if: DocxPDFTests.available, "soffice or pdfinfo is not installed"), .timeLimit(.minutes(3)))
    func printsOnePageWide() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        // Eight columns of 30 characters: about two landscape pages wide at full size.
        let source = try dir.file("bieu.xlsx", try Self.workbook(widths: [30, 30, 30, 30, 30, 30, 30, 30]))
        let profile = dir.url.appendingPathComponent("profile").absoluteString
        let (status, _) = try DocxPDFTests.run(DocxProbe.soffice!, ["-env:UserInstallation=\(profile)", "--headless", "--convert-to", "pdf",
                                                                   "--outdir", dir.url.path, source.path], timeout: 90)
        #expect(status == 0)
        let pdf = dir.url.appendingPathComponent("bieu.pdf").path
        let (_, info) = try DocxPDFTests.run(DocxProbe.pdfinfo!, [pdf], timeout: 30)
        #expect(info.contains("841.89 x 595.3"), "landscape A4: \(info)")
        // One page for the form, one for the table sheet; unscaled, the form alone would take two.
        #expect(info.range(of: #"Pages:\s+2\n"#, options: .regularExpression) != nil, "\(info)")
        let (_, text) = try DocxPDFTests.run("/usr/bin/pdftotext", ["-f", "1", "-l", "1", "-layout", pdf, "-"], timeout: 30)
        // The form's first page has its first and last column; the table sheet starts on the next page.
        #expect(text.contains("Biểu số: 0601.N/BNV-TĐKT") && text.contains("Đơn vị báo cáo") && text.contains("01"))
        #expect(!text.contains("Đảng ủy Khối"))
    }
}
