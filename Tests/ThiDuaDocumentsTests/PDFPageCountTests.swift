import Foundation
import Testing
@testable import ThiDuaDocuments

@Suite struct PDFPageCountTests {
    @Test(arguments: [1, 3, 12])
    func classicPDF(pages: Int) throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        #expect(FileInspector.pdfPageCount(of: try dir.file("a.pdf", ThiDuaDocumentsTests.classicPDF(pages: pages))) == pages)
    }

    @Test(arguments: [1, 3, 40])
    func objectStreamPDF(pages: Int) throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let data = try ThiDuaDocumentsTests.objectStreamPDF(pages: pages)
        // The page dictionaries really are hidden: the file never says /Page in the clear.
        #expect(data.firstRange(of: Data("/Page".utf8)) == nil)
        let url = try dir.file("a.pdf", data)
        #expect(FileInspector.kind(of: url) == .pdf)
        #expect(FileInspector.pdfPageCount(of: url) == pages)
    }

    @Test func truncatedOrBrokenPDFHasNoCount() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let whole = ThiDuaDocumentsTests.classicPDF(pages: 3)
        #expect(FileInspector.pdfPageCount(of: try dir.file("half.pdf", whole.prefix(whole.count / 2))) == nil)
        #expect(FileInspector.pdfPageCount(of: try dir.file("noeof.pdf", whole.prefix(whole.count - 6))) == nil)
        let streams = try ThiDuaDocumentsTests.objectStreamPDF(pages: 3)
        #expect(FileInspector.pdfPageCount(of: try dir.file("half2.pdf", streams.prefix(streams.count * 2 / 3))) == nil)
        #expect(FileInspector.pdfPageCount(of: try dir.file("png.pdf", try tinyPNG())) == nil)
        // Header and trailer but nothing between them.
        #expect(FileInspector.pdfPageCount(of: try dir.file("empty.pdf", Data("%PDF-1.7\n%%EOF\n".utf8))) == nil)
    }

    @Test func brokenObjectStreamFallsBackToNothing() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        var data = try ThiDuaDocumentsTests.objectStreamPDF(pages: 3)
        // Damage the compressed bytes right after "stream\n" of the object stream.
        let start = data.firstRange(of: Data("stream\n".utf8))!.upperBound
        for i in start..<(start + 8) { data[i] ^= 0x5A }
        #expect(FileInspector.pdfPageCount(of: try dir.file("a.pdf", data)) == nil)
    }

    /// An incremental update appends a new page tree; the newest trailer's catalog wins.
    @Test func incrementalUpdateUsesNewestRevision() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        var data = ThiDuaDocumentsTests.classicPDF(pages: 2)
        let previous = data.count
        let extraPage = "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>"
        var update = "20 0 obj\n\(extraPage)\nendobj\n"
        update += "2 0 obj\n<< /Type /Pages /Kids [4 0 R 6 0 R 20 0 R] /Count 3 >>\nendobj\n"
        update += "trailer\n<< /Size 21 /Root 1 0 R /Prev \(previous) >>\nstartxref\n\(previous)\n%%EOF\n"
        data.append(update)
        #expect(FileInspector.pdfPageCount(of: try dir.file("a.pdf", data)) == 3)
    }

    /// Without a usable /Count the page tree is walked; nested /Pages nodes count their leaves.
    @Test func walksTreeWhenCountIsMissing() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        var pdf = PDFBuilder(version: "1.7")
        pdf.object(1, "<</Type/Catalog/Pages 2 0 R>>")
        pdf.object(2, "<</Type/Pages/Kids[3 0 R 4 0 R]>>")
        pdf.object(3, "<</Type/Pages/Parent 2 0 R/Kids[5 0 R 6 0 R]>>")
        pdf.object(4, "<</Type/Pages/Parent 2 0 R/Kids[7 0 R]/Count 99999>>")
        for number in 5...7 { pdf.object(number, "<</Type/Page/Parent \(number < 7 ? 3 : 4) 0 R>>") }
        #expect(FileInspector.pdfPageCount(of: try dir.file("a.pdf", pdf.finishClassic(root: 1))) == 3)
    }

    /// A /Count larger than the file could hold is not believed.
    @Test func implausibleCountIsNotBelieved() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let data = ThiDuaDocumentsTests.classicPDF(pages: 2)
        let lying = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "/Count 2", with: "/Count 2000000")
        #expect(FileInspector.pdfPageCount(of: try dir.file("a.pdf", Data(lying.utf8))) == 2)
    }

    @Test func parserHandlesSpacingNamesAndStrings() {
        var parser = PDFParser(Array("<</Type/Page%comment\n/A#20B (a (nested) \\) string)/K[1 0 R 2 -3.5<AB>]>>".utf8))
        let value = parser.parseValue()
        #expect(value?.dict?["Type"] == .name("Page"))
        #expect(value?.dict?["A B"] == .other)
        #expect(value?.dict?["K"] == .array([.ref(1), .int(2), .real, .other]))
        var deep = PDFParser(Array((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)).utf8))
        #expect(deep.parseValue() == nil)
    }
}
