import Foundation
import Testing
import ZIPFoundation
@testable import ThiDuaDocuments

/// ZIP bombs: whatever the directory claims, no more than the limit is ever inflated.
@Suite struct XLSXReaderLimitsTests {
    /// A valid worksheet padded with `padding` bytes of whitespace, which deflates about a thousandfold.
    static func paddedSheet(_ padding: Int) -> Data {
        var xml = Data(XLSXTestFiles.worksheet("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>").utf8)
        xml.insert(contentsOf: Data(repeating: 0x20, count: padding), at: xml.count - "</worksheet>".utf8.count)
        return xml
    }

    static func workbook(sheetSizes: [Int]) throws -> Data {
        var parts: [(String, Data)] = []
        let base = try XLSXTestFiles.workbook(sheets: sheetSizes.indices.map { ("Trang \($0 + 1)", "") })
        let archive = try Archive(data: base, accessMode: .read)
        for entry in archive where !entry.path.hasPrefix("xl/worksheets/") {
            var content = Data()
            _ = try archive.extract(entry) { content.append($0) }
            parts.append((entry.path, content))
        }
        for (index, size) in sheetSizes.enumerated() { parts.append(("xl/worksheets/sheet\(index + 1).xml", paddedSheet(size))) }
        return try XLSXTestFiles.zip(parts)
    }

    @Test func entryOverTheLimitIsRefusedBeforeInflating() throws {
        let data = try Self.workbook(sheetSizes: [5 << 20])
        #expect(data.count < 64 << 10)
        #expect(readFailure(data, limit: 1 << 20)
            == "Tệp XLSX giải nén vượt quá giới hạn 1 MB (phần “xl/worksheets/sheet1.xml”) — có thể là tệp độc hại.")
        #expect(try XLSXReader.read(data, maxInflatedBytes: 6 << 20)[0].cell(1, 1)?.value == .number(1))
    }

    /// 60 MB of spaces in a 60 KB file, against the default 50 MB limit.
    @Test func sixtyMegabytesAgainstTheDefaultLimit() throws {
        let data = try Self.workbook(sheetSizes: [60 << 20])
        let clock = ContinuousClock(), start = clock.now
        #expect(readFailure(data)?.hasPrefix("Tệp XLSX giải nén vượt quá giới hạn 50 MB") == true)
        print("ZIP bomb of \(data.count) bytes refused in \(clock.now - start)")
    }

    /// Parts that each fit but together exceed the budget.
    @Test func totalOverTheLimitIsRefused() throws {
        let data = try Self.workbook(sheetSizes: [600 << 10, 600 << 10])
        #expect(readFailure(data, limit: 1 << 20)?.contains("vượt quá giới hạn 1 MB (phần “xl/worksheets/sheet2.xml”)") == true)
        #expect(try XLSXReader.read(data, maxInflatedBytes: 2 << 20).count == 2)
    }

    /// The directory claims 1 KB but the entry inflates to 5 MB: inflating stops at the declared size.
    @Test func lyingDirectoryIsCaught() throws {
        let good = try Self.workbook(sheetSizes: [0])
        let archive = try Archive(data: good, accessMode: .read)
        var entries: [RawZipEntry] = []
        for entry in archive where entry.path != "xl/worksheets/sheet1.xml" {
            var content = Data()
            _ = try archive.extract(entry) { content.append($0) }
            entries.append(RawZipEntry(name: entry.path, method: 0, payload: content, crc32: content.crc32(checksum: 0),
                                       uncompressedSize: UInt32(content.count)))
        }
        let bomb = Self.paddedSheet(5 << 20)
        entries.append(RawZipEntry(name: "xl/worksheets/sheet1.xml", method: 8, payload: try deflate(bomb),
                                   crc32: bomb.crc32(checksum: 0), uncompressedSize: 1024))
        let message = readFailure(handZip(entries))
        #expect(message?.hasPrefix("Tệp XLSX bị hỏng: phần “xl/worksheets/sheet1.xml” bị cắt cụt") == true, "\(message ?? "")")
    }

    /// A part the XML parser cannot take (over 10,000,000 bytes) is "too large, with its limit", not "malformed";
    /// one just under it is read, so the limit is not below the parser's.
    @Test func partOverTheParserLimitIsTooLarge() throws {
        let big = try Self.workbook(sheetSizes: [XLSXReader.maxPartBytes + 1])
        let message = readFailure(big)
        #expect(message?.hasPrefix("Tệp XLSX quá lớn để đọc: phần “xl/worksheets/sheet1.xml” giải nén ra 9 MB, vượt giới hạn 10.000.000 byte") == true,
                "\(message ?? "")")
        let fits = try Self.workbook(sheetSizes: [XLSXReader.maxPartBytes - 4096])
        #expect(try XLSXReader.read(fits)[0].cell(1, 1)?.value == .number(1))
    }

    @Test func limitMessagesNameTheSize() {
        #expect(XLSXReader.sizeText(50 << 20) == "50 MB")
        #expect(XLSXReader.sizeText(1000) == "1000 byte")
    }
}
