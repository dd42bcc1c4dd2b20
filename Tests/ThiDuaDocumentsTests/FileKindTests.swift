import Foundation
import Testing
import ZIPFoundation
@testable import ThiDuaDocuments

@Suite struct FileKindTests {
    @Test func detectsEachKindByContent() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        // Names deliberately lie: only the content counts.
        #expect(FileInspector.kind(of: try dir.file("a.bin", classicPDF(pages: 1))) == .pdf)
        #expect(FileInspector.kind(of: try dir.file("b.pdf", try tinyPNG())) == .png)
        #expect(FileInspector.kind(of: try dir.file("c.png", tinyJPEG())) == .jpeg)

        let docx = dir.url.appendingPathComponent("d.zip")
        try zipFile(at: docx, entries: [("[Content_Types].xml", wordContentTypes), ("_rels/.rels", "<Relationships/>"),
                                        ("word/document.xml", "<w:document/>")])
        #expect(FileInspector.kind(of: docx) == .docx)

        let xlsx = dir.url.appendingPathComponent("e.docx")
        try zipFile(at: xlsx, entries: [("[Content_Types].xml", excelContentTypes), ("xl/workbook.xml", "<workbook/>")])
        #expect(FileInspector.kind(of: xlsx) == .xlsx)

        let zip = dir.url.appendingPathComponent("f.xlsx")
        try zipFile(at: zip, entries: [("bao-cao.txt", "Báo cáo"), ("anh/so-do.txt", "Sơ đồ")])
        #expect(FileInspector.kind(of: zip) == .zip)
    }

    @Test func officeKindFallsBackToEntryNamesAndRefusesMacros() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let bareTypes = dir.url.appendingPathComponent("a.docx")
        try zipFile(at: bareTypes, entries: [("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")])
        #expect(FileInspector.kind(of: bareTypes) == .docx)

        let macro = dir.url.appendingPathComponent("b.docm")
        try zipFile(at: macro, entries: [
            ("[Content_Types].xml", wordContentTypes.replacingOccurrences(
                of: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                with: "application/vnd.ms-word.document.macroEnabled.main+xml")),
            ("word/document.xml", "<w:document/>"), ("word/vbaProject.bin", "macro"),
        ])
        #expect(FileInspector.kind(of: macro) == .zip)

        // The parts without [Content_Types].xml are not an Office package.
        let noTypes = dir.url.appendingPathComponent("c.docx")
        try zipFile(at: noTypes, entries: [("word/document.xml", "<w:document/>")])
        #expect(FileInspector.kind(of: noTypes) == .zip)
    }

    @Test func unknownContent() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        var random = noise(4096)
        random[0] = 0x00
        #expect(FileInspector.kind(of: try dir.file("random.pdf", random)) == .unknown)
        let exe = Data("MZ".utf8) + Data([0x90, 0x00, 0x03, 0x00]) + noise(1000)
        #expect(FileInspector.kind(of: try dir.file("setup.exe", exe)) == .unknown)
        // Starts like a ZIP but has no central directory.
        let fakeZip = Data([0x50, 0x4B, 0x03, 0x04]) + noise(500)
        #expect(FileInspector.kind(of: try dir.file("broken.zip", fakeZip)) == .unknown)
        #expect(FileInspector.kind(of: try dir.file("empty.pdf", Data())) == .unknown)
        #expect(FileInspector.kind(of: dir.url.appendingPathComponent("missing.pdf")) == .unknown)
        #expect(FileInspector.kind(of: try dir.file("text.txt", Data("Xin chào, PDF-1.4".utf8))) == .unknown)
    }

    @Test func mimeTypesAndExtensions() {
        #expect(FileKind.pdf.mimeType == "application/pdf")
        #expect(FileKind.docx.mimeType == "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        #expect(FileKind.xlsx.mimeType == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        #expect(FileKind.png.mimeType == "image/png")
        #expect(FileKind.jpeg.mimeType == "image/jpeg")
        #expect(FileKind.zip.mimeType == "application/zip")
        #expect(FileKind.unknown.mimeType == "application/octet-stream")
        #expect(FileKind.allCases.map(\.fileExtension) == ["pdf", "docx", "xlsx", "png", "jpg", "zip", "bin"])
    }

    @Test func codableAsRawValue() throws {
        let encoded = try JSONEncoder().encode([FileKind.docx, .unknown])
        #expect(String(decoding: encoded, as: UTF8.self) == "[\"docx\",\"unknown\"]")
        #expect(try JSONDecoder().decode([FileKind].self, from: encoded) == [.docx, .unknown])
    }
}
