import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaDocuments

/// The board's draft decision: its parts in the State style, the awardees from the data, and a PDF LibreOffice makes.
@Suite struct DocxDecisionTests {
    typealias P = DocxProbe

    static func sample(province: String = "Yên Bái", year: Int = 2024, awardees: Int = 3) -> DecisionData {
        DecisionData.compose(.init(
            province: province, place: province, year: year, date: LocalDate(year: year + 1, month: 1, day: 20),
            legalBases: ["Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022",
                         "Quyết định số 12/\(year)/QĐ-UBND của UBND tỉnh ban hành Quy định công tác thi đua, khen thưởng"],
            awardees: (1...awardees).map { .init(unit: "Đơn vị số \($0)", bloc: "Cụm thi đua số \($0 % 2 + 1)") }))
    }

    @Test func theDraftStatesItsOwnProvinceYearAndAwardees() throws {
        for (province, year, count) in [("Yên Bái", 2024, 3), ("Hà Giang", 2025, 7)] {
            let docx = try DocxKinds.render(.decision, .state, DecisionDocument.value(Self.sample(province: province, year: year, awardees: count)))
            try DocxKinds.checkPage(docx)
            let text = try P.text(try #require(try P.parts(docx)["word/document.xml"]))
            #expect(text.contains("ỦY BAN NHÂN DÂN TỈNH \(province.uppercased())"))
            #expect(text.contains("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH \(province.uppercased())"))
            #expect(text.contains("Về việc tặng Cờ thi đua của Chủ tịch Ủy ban nhân dân tỉnh năm \(year)"))
            #expect(text.contains("Căn cứ Luật Thi đua, khen thưởng") && text.contains("Căn cứ Quyết định số 12/\(year)/QĐ-UBND"))
            #expect(text.contains(String(format: "cho %02d tập thể", count)))
            for i in 1...count { #expect(text.contains("Đơn vị số \(i)")) }
            #expect(!text.contains("Đơn vị số \(count + 1)"))
            #expect(!text.contains("Lào Cai"), "nothing of another province")
        }
    }

    @Test(.enabled(if: DocxPDFTests.available, "soffice or pdfinfo is not installed"), .timeLimit(.minutes(3)))
    func convertsToPDFWithTheAnnexOnItsOwnPage() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let source = try dir.file("decision.docx", try DocxKinds.render(.decision, .state, DecisionDocument.value(Self.sample())))
        let (pdf, pages, _) = try DocxKindsPDFTests.convert(source, in: dir)
        #expect(pages == 2, "\(pages.map(String.init) ?? "?") pages")
        if let pdftotext = P.pdftotext {
            let (_, text) = try DocxPDFTests.run(pdftotext, ["-f", "2", "-l", "2", pdf.path, "-"], timeout: 30)
            #expect(text.precomposedStringWithCanonicalMapping.contains("Đơn vị số 3"), "the annex is on page 2")
        }
    }
}
