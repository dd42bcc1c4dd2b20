import Foundation
import Testing
import ZIPFoundation
@testable import ThiDuaDocuments
#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite struct XLSXWriterTests {
    static let rows: [[XLSXCell]] = [
        [.text("STT"), .text("Đơn vị"), .text("Điểm"), .text("Ghi chú")],
        [.number(1), .text("Đảng ủy Khối"), .number(95.5), .text("Xuất sắc <A&B> \"tốt\"")],
        [.number(2), .text("Ban Tổ chức".decomposedStringWithCanonicalMapping), .number(-3), .empty],
        [.number(3), .text("_x0041_ giữ nguyên"), .number(1_000_000), .text("dòng 1\r\ndòng 2")],
    ]

    @Test func cellsAndVietnameseRoundTrip() throws {
        let data = try XLSXWriter.data([XLSXSheet(name: "Kết quả", rows: Self.rows), XLSXSheet(name: "Trống", rows: [])])
        let archive = try Archive(data: data, accessMode: .read)
        let cells = try Self.cells(in: Self.entry("xl/worksheets/sheet1.xml", of: archive))
        #expect(cells["A1"] == Cell(type: "inlineStr", style: "1", value: "STT"))
        #expect(cells["B1"] == Cell(type: "inlineStr", style: "1", value: "Đơn vị"))
        #expect(cells["A2"] == Cell(type: nil, style: nil, value: "1"))
        #expect(cells["B2"] == Cell(type: "inlineStr", style: nil, value: "Đảng ủy Khối"))
        #expect(cells["C2"] == Cell(type: nil, style: nil, value: "95.5"))
        #expect(cells["D2"]?.value == "Xuất sắc <A&B> \"tốt\"")
        #expect(cells["B3"]?.value.unicodeScalars.elementsEqual("Ban Tổ chức".precomposedStringWithCanonicalMapping.unicodeScalars) == true)
        #expect(cells["C3"]?.value == "-3")
        #expect(cells["D3"] == nil)
        #expect(cells["B4"]?.value == "_x005F_x0041_ giữ nguyên")
        #expect(cells["C4"]?.value == "1000000")
        #expect(cells["D4"] == Cell(type: "inlineStr", style: "2", value: "dòng 1\ndòng 2"))
        #expect(cells.count == 15)

        let sheet = try Self.entry("xl/worksheets/sheet1.xml", of: archive)
        #expect(sheet.contains("state=\"frozen\""))
        // Column B is as wide as its longest text, "_x0041_ giữ nguyên" (18 characters), plus 2.
        #expect(sheet.contains("<col min=\"2\" max=\"2\" width=\"20\" customWidth=\"1\"/>"))
        let workbook = try Self.entry("xl/workbook.xml", of: archive)
        #expect(workbook.contains("<sheet name=\"Kết quả\" sheetId=\"1\" r:id=\"rId1\"/>"))
        #expect(workbook.contains("<sheet name=\"Trống\" sheetId=\"2\" r:id=\"rId2\"/>"))
        #expect(try Self.entry("xl/styles.xml", of: archive).contains("<b/>"))
        #expect(archive["xl/worksheets/sheet2.xml"] != nil)
    }

    @Test func writtenWorkbookIsRecognisedAsComplete() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let url = try dir.file("a.xlsx", try XLSXWriter.data([XLSXSheet(name: "A", rows: Self.rows)]))
        #expect(FileInspector.kind(of: url) == .xlsx)
        #expect(FileInspector.isComplete(url, kind: .xlsx))
    }

    @Test func sheetNamesAreSanitised() {
        let names = XLSXWriter.sheetNames(["Tổng hợp [2024]: A/B?*\\", "", "'Đợt 1'", "ĐỢT 1", "đợt 1", "History",
                                           String(repeating: "Khen thưởng ", count: 5)])
        #expect(names[0] == "Tổng hợp -2024-- A-B---")
        #expect(names[1] == "Trang 2")
        #expect(names[2] == "Đợt 1")
        #expect(names[3] == "ĐỢT 1 (2)")
        #expect(names[4] == "đợt 1 (3)")
        #expect(names[5] == "History 1")
        #expect(names[6] == "Khen thưởng Khen thưởng Khen th")
        #expect(names.allSatisfy { $0.utf16.count <= 31 && !$0.contains(where: { "[]:*?/\\".contains($0) }) })
        #expect(Set(names.map { $0.lowercased() }).count == names.count)
    }

    @Test func columnLettersAndLimits() throws {
        #expect([0, 25, 26, 27, 701, 702, 16_383].map(XLSXParts.column) == ["A", "Z", "AA", "AB", "ZZ", "AAA", "XFD"])
        #expect(throws: XLSXWriterError.self) { try XLSXWriter.data([]) }
        #expect(throws: XLSXWriterError.self) {
            try XLSXWriter.data([XLSXSheet(name: "A", rows: [Array(repeating: .empty, count: 16_385)])])
        }
        #expect(XLSXParts.escape("a\u{1}b\u{FFFE}&") == "ab&amp;")
        #expect(XLSXParts.number(.nan) == "nan")  // never written: the worksheet skips non-finite numbers
        #expect(!XLSXParts.worksheet([[.number(.infinity)]]).contains("<c "))
    }

    /// LibreOffice reads the workbook back; its CSV export must show the same values.
    @Test(.enabled(if: Self.soffice != nil, "LibreOffice (soffice) is not installed; cross-check skipped"))
    func libreOfficeReadsTheWorkbook() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let url = try dir.file("ket-qua.xlsx", try XLSXWriter.data([XLSXSheet(name: "Kết quả", rows: Self.rows)]))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.soffice!)
        process.arguments = ["-env:UserInstallation=file://\(dir.url.path)/profile", "--headless",
                             "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", dir.url.path, url.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let csv = try String(contentsOf: dir.url.appendingPathComponent("ket-qua.csv"), encoding: .utf8)
        // LibreOffice quotes every text cell; numbers stay bare, so they were read as numbers.
        let expected = "\"STT\",\"Đơn vị\",\"Điểm\",\"Ghi chú\"\n1,\"Đảng ủy Khối\",95.5,\"Xuất sắc <A&B> \"\"tốt\"\"\"\n"
            + "2,\"Ban Tổ chức\",-3,\n3,\"_x0041_ giữ nguyên\",1000000,\"dòng 1\ndòng 2\"\n"
        #expect(csv.replacingOccurrences(of: "\r\n", with: "\n") == expected)
    }

    static let soffice: String? = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Cell: Equatable {
        var type: String?
        var style: String?
        var value: String
    }

    static func entry(_ path: String, of archive: Archive) throws -> String {
        guard let entry = archive[path] else { throw CocoaError(.fileNoSuchFile) }
        var data = Data()
        _ = try archive.extract(entry) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    /// Cell reference → type, style and text (inline string or value), read with a real XML parser.
    static func cells(in xml: String) throws -> [String: Cell] {
        final class Collector: NSObject, XMLParserDelegate {
            var cells: [String: Cell] = [:]
            var current: (ref: String, cell: Cell)?
            var inText = false
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                        qualifiedName: String?, attributes: [String: String] = [:]) {
                if name == "c" { current = (attributes["r"] ?? "?", Cell(type: attributes["t"], style: attributes["s"], value: "")) }
                if name == "t" || name == "v" { inText = true }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) {
                if inText { current?.cell.value += string }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "t" || name == "v" { inText = false }
                if name == "c", let current { cells[current.ref] = current.cell }
            }
        }
        let collector = Collector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.fileReadCorruptFile) }
        return collector.cells
    }
}
