import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaDocuments

/// The built-in score summary (bảng tổng hợp điểm), A4 landscape, with a variable number of section columns.
@Suite struct DocxScoreSummaryTests {
    typealias P = DocxProbe

    static func rendered(_ style: HouseStyle, _ data: ScoreSummaryData = .scenario2023, columns: Int? = nil) throws -> Data {
        try DocxKinds.render(.scoreSummary, style, ScoreSummaryDocument.value(data), columns: columns)
    }

    /// The scenario with only the first `count` sections (cycled when more are asked for).
    static func sections(_ count: Int) -> ScoreSummaryData {
        var data = ScoreSummaryData.scenario2023
        data.sectionHeaders = (0..<count).map { "P\($0 + 1)" }
        for index in data.rows.indices {
            let full = data.rows[index].sections
            data.rows[index].sections = (0..<count).map { full[$0 % full.count] }
        }
        return data
    }

    @Test(arguments: HouseStyle.allCases)
    func landscapePageHeaderAndTitle(style: HouseStyle) throws {
        let docx = try Self.rendered(style)
        try DocxKinds.checkPage(docx, landscape: true)
        let xml = try P.document(docx)
        try DocxKinds.checkHeader(xml, style, number: nil, date: "ngày 19 tháng 12 năm 2023")
        let header = try #require(P.table(containing: "Lào Cai, ngày", in: xml))
        #expect(header.contains("<w:tblW w:w=\"14003\""), "header block spans the landscape text width")
        #expect(try #require(P.run(containing: "BẢNG TỔNG HỢP ĐIỂM THI ĐUA NĂM 2023", in: xml)).contains("<w:b/>"))
        let text = try P.text(xml)
        #expect(text.contains("Ghi chú:") && text.contains("Nguyễn Minh Khoa") && !text.contains("Nơi nhận"))
    }

    @Test func tableHasOneRowPerUnitAndOneColumnPerSection() throws {
        let xml = try P.document(try Self.rendered(.party))
        let rows = try DocxKinds.rows(of: "Xếp loại", in: xml)
        let data = ScoreSummaryData.scenario2023
        #expect(rows.count == 1 + data.rows.count && data.rows.count == 9)
        #expect(rows[0] == ["Xếp hạng", "Cơ quan, đơn vị", "I (30)", "II (25)", "III (15)", "IV (15)", "V (15)",
                            "Điểm cơ bản", "Điểm thưởng", "Điểm trừ", "Tổng điểm", "Xếp loại"])
        #expect(rows[1] == ["1", "Ban Nội chính Tỉnh ủy", "29,50", "24,50", "15,00", "14,50", "15,00", "98,50", "8,00",
                            "0,00", "106,50", "Xuất sắc"])
        #expect(rows[9] == ["9", "Trường Chính trị tỉnh", "26,50", "22,50", "13,00", "13,00", "13,00", "88,00", "4,00",
                            "0,00", "92,00", "Tốt"])
        for row in data.rows {
            #expect(row.base == row.sections.reduce(0, +) && row.total == row.base + row.bonus - row.penalty)
        }
        let table = try #require(P.table(containing: "Xếp loại", in: xml))
        #expect(P.count("<w:gridCol ", in: table) == 12 && P.count("<w:tblHeader/>", in: table) == 1)
        #expect(Self.cellWidths(table).allSatisfy { $0.reduce(0, +) == Self.gridWidth(table) })
        #expect(Self.gridWidth(table) <= 14003)
    }

    /// One template renders any number of sections; `columns:` sizes its grid for that number.
    @Test(arguments: [0, 1, 3, 5, 8])
    func anyNumberOfSections(count: Int) throws {
        let data = Self.sections(count)
        for columns in [nil, count] {
            let xml = try P.document(try Self.rendered(.state, data, columns: columns))
            let rows = try DocxKinds.rows(of: "Xếp loại", in: xml)
            #expect(rows.count == 10 && rows.allSatisfy { $0.count == 7 + count }, "\(count) sections, grid \(columns ?? 5)")
            #expect(Array(rows[0][2..<(2 + count)]) == data.sectionHeaders)
            let table = try #require(P.table(containing: "Xếp loại", in: xml))
            if columns != nil {
                #expect(P.count("<w:gridCol ", in: table) == 7 + count)
                #expect(Self.cellWidths(table).allSatisfy { $0.reduce(0, +) == Self.gridWidth(table) })
            }
        }
    }

    @Test func numberAndNotesAreOptional() throws {
        var data = ScoreSummaryData.scenario2023
        data.number = "15-BC/KTĐ"
        data.notes = []
        let xml = try P.document(try Self.rendered(.party, data))
        #expect(try P.paragraphs(try #require(P.table(containing: "ĐẢNG CỘNG SẢN", in: xml))).contains("Số 15-BC/KTĐ"))
        #expect(!(try P.text(xml)).contains("Ghi chú"))
    }

    @Test func builtInTemplateNamesMatchTheData() throws {
        let known = BuiltInTemplate.knownPlaceholders(.scoreSummary)
        #expect(ScoreSummaryDocument.value(.scenario2023).placeholderPaths == known)
        for style in HouseStyle.allCases {
            for columns in [1, 5, 12] {
                try DocxTemplate(data: BuiltInTemplate.docx(.scoreSummary, style: style, columns: columns)).validate(known: known)
            }
        }
        #expect(BuiltInTemplate(rawValue: "score-summary") == .scoreSummary)
    }

    /// The template re-saved by LibreOffice Writer (its own runs, grid and properties) still repeats the section
    /// cells: the nested cell loop survives an editor's round trip.
    @Test(.enabled(if: P.soffice != nil, "soffice is not installed"), .timeLimit(.minutes(3)))
    func templateResavedByLibreOfficeStillWorks() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let source = try dir.file("mau.docx", BuiltInTemplate.docx(.scoreSummary, style: .party))
        let outDir = dir.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
        let profile = dir.url.appendingPathComponent("profile").absoluteString
        let (status, _) = try DocxPDFTests.run(P.soffice!, ["-env:UserInstallation=\(profile)", "--headless", "--convert-to",
                                                            "docx:MS Word 2007 XML", "--outdir", outDir.path, source.path],
                                               timeout: 60)
        #expect(status == 0)
        let template = try DocxTemplate(data: try Data(contentsOf: outDir.appendingPathComponent("mau.docx")))
        try template.validate(known: BuiltInTemplate.knownPlaceholders(.scoreSummary))
        let xml = try P.document(try template.render(ScoreSummaryDocument.value(Self.sections(4))))
        let rows = try DocxKinds.rows(of: "Xếp loại", in: xml)
        #expect(rows.count == 10 && rows.allSatisfy { $0.count == 11 } && rows[0][2...5] == ["P1", "P2", "P3", "P4"])
        #expect(xml.contains("w:orient=\"landscape\""))
    }

    static func gridWidth(_ table: String) -> Int {
        table.components(separatedBy: "<w:gridCol w:w=\"").dropFirst().compactMap { Int($0.prefix { $0 != "\"" }) }.reduce(0, +)
    }

    static func cellWidths(_ table: String) -> [[Int]] {
        table.components(separatedBy: "<w:tr>").dropFirst().map { row in
            row.components(separatedBy: "<w:tcW w:w=\"").dropFirst().compactMap { Int($0.prefix { $0 != "\"" }) }
        }
    }
}
