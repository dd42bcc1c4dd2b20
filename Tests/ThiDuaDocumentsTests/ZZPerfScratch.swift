import Foundation
import Testing
@testable import ThiDuaDocuments

@Suite struct ZZPerfScratch {
    @Test func bigPDF() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        var pdf = PDFBuilder(version: "1.4")
        let pages = 2000
        let kids = (0..<pages).map { "\(4 + 2 * $0) 0 R" }.joined(separator: " ")
        pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
        pdf.object(2, "<< /Type /Pages /Kids [\(kids)] /Count \(pages) >>")
        pdf.object(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        let blob = noise(10_000)
        for page in 0..<pages {
            pdf.object(4 + 2 * page, "<</Type/Page/Parent 2 0 R/Contents \(5 + 2 * page) 0 R>>")
            pdf.stream(5 + 2 * page, "", blob)
        }
        let url = try dir.file("big.pdf", pdf.finishClassic(root: 1))
        let start = Date()
        #expect(FileInspector.pdfPageCount(of: url) == pages)
        print("PERF big pdf", try Data(contentsOf: url).count, Date().timeIntervalSince(start))
        let s2 = Date()
        #expect(FileInspector.isComplete(url, kind: .pdf))
        print("PERF complete", Date().timeIntervalSince(s2))
    }
}
