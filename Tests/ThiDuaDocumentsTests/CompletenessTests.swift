import Foundation
import Testing
import ZIPFoundation
@testable import ThiDuaDocuments

@Suite struct CompletenessTests {
    /// Every sample is complete whole and incomplete once cut short, at several points.
    @Test(arguments: FileKind.allCases.filter { $0 != .unknown })
    func truncatedFilesAreIncomplete(kind: FileKind) throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let whole = try Self.sample(kind, in: dir)
        #expect(FileInspector.kind(of: whole) == kind)
        #expect(FileInspector.isComplete(whole, kind: kind))
        let data = try Data(contentsOf: whole)
        // A PDF may lose its final line end and still end in "%%EOF"; everything else needs its last byte.
        let cuts = kind == .pdf ? [data.count - 5, data.count / 2, 10] : [data.count - 1, data.count - 5, data.count / 2, 10]
        for keep in cuts {
            let cut = try dir.file("cut-\(keep)", data.prefix(keep))
            #expect(!FileInspector.isComplete(cut, kind: kind), "\(kind) cut to \(keep) of \(data.count) bytes")
        }
    }

    @Test func wrongKindOrUnknownIsNotComplete() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let png = try dir.file("a.png", try tinyPNG())
        #expect(!FileInspector.isComplete(png, kind: .pdf))
        #expect(!FileInspector.isComplete(png, kind: .jpeg))
        #expect(!FileInspector.isComplete(png, kind: .unknown))
        let docx = try Self.sample(.docx, in: dir)
        #expect(FileInspector.isComplete(docx, kind: .zip))
        #expect(!FileInspector.isComplete(docx, kind: .xlsx))
        #expect(!FileInspector.isComplete(dir.url.appendingPathComponent("missing"), kind: .pdf))
    }

    @Test func corruptedZipEntryFailsItsCRC() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let text = Data(String(repeating: "Báo cáo thi đua khen thưởng. ", count: 200).utf8)
        let good = RawZipEntry(name: "a.txt", method: 8, payload: try deflate(text), crc32: text.crc32(checksum: 0),
                               uncompressedSize: UInt32(text.count))
        #expect(FileInspector.isComplete(try dir.file("good.zip", handZip([good])), kind: .zip))

        var flipped = good
        flipped.payload[flipped.payload.count / 2] ^= 0x01
        #expect(!FileInspector.isComplete(try dir.file("flipped.zip", handZip([flipped])), kind: .zip))

        var wrongCRC = good
        wrongCRC.crc32 ^= 1
        #expect(!FileInspector.isComplete(try dir.file("crc.zip", handZip([wrongCRC])), kind: .zip))

        let stored = RawZipEntry(name: "b.txt", method: 0, payload: text, crc32: text.crc32(checksum: 0) ^ 1,
                                 uncompressedSize: UInt32(text.count))
        #expect(!FileInspector.isComplete(try dir.file("stored.zip", handZip([stored])), kind: .zip))
    }

    /// A deflate stream that promises more data than the file holds used to spin forever inside
    /// ZIPFoundation's Linux decoder; here it must simply fail.
    @Test(.timeLimit(.minutes(1))) func truncatedDeflateStreamDoesNotHang() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        // A non-final stored block announcing 1000 bytes, followed by only 10.
        let payload = Data([0x00, 0xE8, 0x03, 0x17, 0xFC]) + Data(repeating: 0x41, count: 10)
        let entry = RawZipEntry(name: "x.txt", method: 8, payload: payload, crc32: 0, uncompressedSize: 1000)
        let url = try dir.file("hang.zip", handZip([entry]))
        #expect(FileInspector.kind(of: url) == .zip)
        #expect(!FileInspector.isComplete(url, kind: .zip))
    }

    @Test func zipBombIsNotInflated() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        // The directory claims 3 × 2 GiB; nothing should be decompressed to find out.
        let entries = (0..<3).map {
            RawZipEntry(name: "\($0).bin", method: 8, payload: Data([0x03, 0x00]), crc32: 0, uncompressedSize: 0x8000_0000)
        }
        #expect(!FileInspector.isComplete(try dir.file("bomb.zip", handZip(entries)), kind: .zip))
    }

    /// A linearized file's first-page section ends in its own "%%EOF"; cut there, /L shows it is short.
    @Test func linearizedPDFCutAfterFirstSectionIsIncomplete() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        var pdf = PDFBuilder(version: "1.6")
        pdf.object(9, "<< /Linearized 1 /L 5000 /N 1 /T 4000 >>")
        var firstSection = pdf.data
        firstSection.append("trailer\n<< /Size 10 /Root 1 0 R >>\nstartxref\n0\n%%EOF\n")
        #expect(!FileInspector.isComplete(try dir.file("cut.pdf", firstSection), kind: .pdf))
        firstSection.append(Data(repeating: 0x20, count: 5000 - firstSection.count - 6))
        firstSection.append("%%EOF\n")
        #expect(FileInspector.isComplete(try dir.file("whole.pdf", firstSection), kind: .pdf))
    }

    @Test func jpegWithPaddingAfterEndMarkerIsComplete() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let padded = try dir.file("a.jpg", tinyJPEG() + Data([0, 0, 0x0A]))
        #expect(FileInspector.isComplete(padded, kind: .jpeg))
    }

    static func sample(_ kind: FileKind, in dir: TempDir) throws -> URL {
        switch kind {
        case .pdf: return try dir.file("sample.pdf", classicPDF(pages: 2))
        case .png: return try dir.file("sample.png", try tinyPNG())
        case .jpeg: return try dir.file("sample.jpg", tinyJPEG())
        case .docx:
            let url = dir.url.appendingPathComponent("sample.docx")
            try zipFile(at: url, entries: [("[Content_Types].xml", wordContentTypes),
                                           ("word/document.xml", String(repeating: "<w:p>Đảng ủy</w:p>", count: 50))])
            return url
        case .xlsx:
            let url = dir.url.appendingPathComponent("sample.xlsx")
            try Data(try XLSXWriter.data([XLSXSheet(name: "A", rows: [[.text("Đơn vị")], [.number(1)]])])).write(to: url)
            return url
        case .zip:
            let url = dir.url.appendingPathComponent("sample.zip")
            try zipFile(at: url, entries: [("a.txt", String(repeating: "thi đua ", count: 300)), ("b.txt", "khen thưởng")])
            return url
        case .unknown:
            return try dir.file("sample.bin", noise(100))
        }
    }
}
