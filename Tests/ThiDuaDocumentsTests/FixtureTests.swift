import Foundation
import Testing
@testable import ThiDuaDocuments

/// Files made by real producers, committed so these checks run where the tools are not installed.
/// libreoffice-3-trang.pdf and libreoffice.xlsx: LibreOffice 7.4 `soffice --headless --convert-to pdf|xlsx`
/// of a 130-row Vietnamese CSV (PDF 1.6, classic xref; the xlsx uses data descriptors and shared strings).
/// qpdf-objstm-3-trang.pdf: `qpdf --object-streams=generate` of that PDF, so every page object sits in a
/// compressed object stream and "/Page" never appears in the clear.
@Suite struct FixtureTests {
    static func fixture(_ name: String) throws -> URL {
        let parts = name.split(separator: ".")
        guard let url = Bundle.module.url(forResource: String(parts[0]), withExtension: String(parts[1]),
                                          subdirectory: "Fixtures") else { throw CocoaError(.fileNoSuchFile) }
        return url
    }

    @Test(arguments: ["libreoffice-3-trang.pdf", "qpdf-objstm-3-trang.pdf"])
    func realPDFs(name: String) throws {
        let url = try Self.fixture(name)
        #expect(FileInspector.kind(of: url) == .pdf)
        #expect(FileInspector.isComplete(url, kind: .pdf))
        #expect(FileInspector.pdfPageCount(of: url) == 3)
    }

    @Test func objectStreamFixtureHidesItsPages() throws {
        let data = try Data(contentsOf: try Self.fixture("qpdf-objstm-3-trang.pdf"))
        #expect(data.firstRange(of: Data("/Page".utf8)) == nil)
        #expect(data.firstRange(of: Data("/ObjStm".utf8)) != nil)
    }

    @Test func truncatedRealPDFHasNoCount() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        for name in ["libreoffice-3-trang.pdf", "qpdf-objstm-3-trang.pdf"] {
            let data = try Data(contentsOf: try Self.fixture(name))
            let cut = try dir.file(name, data.prefix(data.count - 2000))
            #expect(!FileInspector.isComplete(cut, kind: .pdf))
            #expect(FileInspector.pdfPageCount(of: cut) == nil)
        }
    }

    @Test func realWorkbook() throws {
        let url = try Self.fixture("libreoffice.xlsx")
        #expect(FileInspector.kind(of: url) == .xlsx)
        #expect(FileInspector.isComplete(url, kind: .xlsx))
        let dir = try TempDir()
        defer { dir.cleanup() }
        var data = try Data(contentsOf: url)
        data[data.count / 3] ^= 0xFF  // inside some entry's compressed data
        #expect(!FileInspector.isComplete(try dir.file("damaged.xlsx", data), kind: .xlsx))
    }
}
