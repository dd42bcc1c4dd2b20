import Foundation
import ZIPFoundation

/// A fresh folder per test, removed by `cleanup()`.
struct TempDir {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-docs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func file(_ name: String, _ data: Data) throws -> URL {
        let file = url.appendingPathComponent(name)
        try data.write(to: file)
        return file
    }
    func cleanup() { try? FileManager.default.removeItem(at: url) }
}

/// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
func noise(_ count: Int, seed: UInt64 = 0x9E37_79B9_7F4A_7C15) -> Data {
    var state = seed, out = Data(capacity: count)
    for _ in 0..<count {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        out.append(UInt8(truncatingIfNeeded: state))
    }
    return out
}

/// Raw deflate through ZIPFoundation, the same codec zlib uses.
func deflate(_ data: Data) throws -> Data {
    var out = Data()
    _ = try Data.compress(size: Int64(data.count), bufferSize: 16 * 1024, provider: { position, size in
        data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
    }, consumer: { out.append($0) })
    return out
}

/// A zlib stream (RFC 1950) as PDF FlateDecode expects: header 78 9C, deflate data, Adler-32 big-endian.
func zlibCompress(_ data: Data) throws -> Data {
    var a: UInt32 = 1, b: UInt32 = 0
    for byte in data { a = (a + UInt32(byte)) % 65_521; b = (b + a) % 65_521 }
    let adler = b << 16 | a
    return Data([0x78, 0x9C]) + (try deflate(data))
        + Data([UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)])
}

extension Data {
    mutating func append(_ text: String) { append(contentsOf: Array(text.utf8)) }
}

/// Builds PDF files object by object, recording offsets for a correct cross-reference section.
struct PDFBuilder {
    private(set) var data = Data()
    private(set) var offsets: [Int: Int] = [:]

    init(version: String) {
        data.append("%PDF-\(version)\n")
        data.append(contentsOf: [0x25, 0xE2, 0xE3, 0xCF, 0xD3, 0x0A])  // binary marker comment
    }

    mutating func object(_ number: Int, _ body: String) {
        offsets[number] = data.count
        data.append("\(number) 0 obj\n\(body)\nendobj\n")
    }

    mutating func stream(_ number: Int, _ dict: String, _ content: Data) {
        offsets[number] = data.count
        data.append("\(number) 0 obj\n<< \(dict) /Length \(content.count) >>\nstream\n")
        data.append(content)
        data.append("\nendstream\nendobj\n")
    }

    /// A classic xref table and trailer.
    mutating func finishClassic(root: Int) -> Data {
        let size = (offsets.keys.max() ?? 0) + 1
        let start = data.count
        data.append("xref\n0 \(size)\n0000000000 65535 f\r\n")
        for number in 1..<size {
            let offset = offsets[number] ?? 0
            let padded = String(repeating: "0", count: 10 - String(offset).count) + String(offset)
            data.append("\(padded) 00000 \(offsets[number] == nil ? "f" : "n")\r\n")
        }
        data.append("trailer\n<< /Size \(size) /Root \(root) 0 R >>\nstartxref\n\(start)\n%%EOF\n")
        return data
    }
}

/// A classic PDF 1.4 with `pages` pages, each with a small content stream and a shared font.
func classicPDF(pages: Int) -> Data {
    var pdf = PDFBuilder(version: "1.4")
    let kids = (0..<pages).map { "\(4 + 2 * $0) 0 R" }.joined(separator: " ")
    pdf.object(1, "<< /Type /Catalog /Pages 2 0 R >>")
    pdf.object(2, "<< /Type /Pages /Kids [\(kids)] /Count \(pages) >>")
    pdf.object(3, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for page in 0..<pages {
        pdf.object(4 + 2 * page, "<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]"
                   + "/Resources<</Font<</F1 3 0 R>>>>/Contents \(5 + 2 * page) 0 R>>")
        pdf.stream(5 + 2 * page, "", Data("BT /F1 24 Tf 72 720 Td (Trang \(page + 1)) Tj ET".utf8))
    }
    return pdf.finishClassic(root: 1)
}

/// A PDF 1.5 whose catalog, page tree and pages all sit in one FlateDecode object stream,
/// indexed by a cross-reference stream: nothing about pages is visible without inflating.
func objectStreamPDF(pages: Int) throws -> Data {
    var objects: [(Int, String)] = [(1, "<< /Type /Catalog /Pages 2 0 R >>")]
    let kids = (0..<pages).map { "\(3 + $0) 0 R" }.joined(separator: " ")
    objects.append((2, "<< /Type /Pages /Kids [\(kids)] /Count \(pages) >>"))
    for page in 0..<pages { objects.append((3 + page, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")) }
    var header = "", body = ""
    for (number, text) in objects {
        header += "\(number) \(body.utf8.count) "
        body += text + "\n"
    }
    let container = 3 + pages, xrefNumber = container + 1
    var pdf = PDFBuilder(version: "1.5")
    pdf.stream(container, "/Type /ObjStm /N \(objects.count) /First \(header.utf8.count) /Filter /FlateDecode",
               try zlibCompress(Data((header + body).utf8)))
    // Cross-reference stream, /W [1 4 2]: type, offset or container, generation or index.
    var rows = Data([0, 0, 0, 0, 0, 0xFF, 0xFF])
    for (index, _) in objects.enumerated() {
        rows.append(contentsOf: [2, 0, 0, 0, UInt8(container), 0, UInt8(index)])
    }
    let containerOffset = pdf.offsets[container]!, xrefOffset = pdf.data.count
    for offset in [containerOffset, xrefOffset] {
        rows.append(contentsOf: [1, UInt8(offset >> 24), UInt8(offset >> 16 & 0xFF), UInt8(offset >> 8 & 0xFF),
                                 UInt8(offset & 0xFF), 0, 0])
    }
    pdf.stream(xrefNumber, "/Type /XRef /Size \(xrefNumber + 1) /W [1 4 2] /Root 1 0 R", rows)
    var data = pdf.data
    data.append("startxref\n\(xrefOffset)\n%%EOF\n")
    return data
}

/// A 1×1 grey PNG with real chunk CRCs.
func tinyPNG() throws -> Data {
    func chunk(_ type: String, _ payload: Data) -> Data {
        let body = Data(type.utf8) + payload
        let crc = body.crc32(checksum: 0)
        let length = UInt32(payload.count)
        return Data([UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)])
            + body + Data([UInt8(crc >> 24), UInt8(crc >> 16 & 0xFF), UInt8(crc >> 8 & 0xFF), UInt8(crc & 0xFF)])
    }
    return Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        + chunk("IHDR", Data([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]))
        + chunk("IDAT", try zlibCompress(Data([0, 0x80])))
        + chunk("IEND", Data())
}

/// A JPEG's SOI + JFIF APP0 header, some filler and the EOI marker FFD9.
func tinyJPEG() -> Data {
    Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01,
          0x00, 0x00]) + noise(200) + Data([0xFF, 0xD9])
}

/// A ZIP written by ZIPFoundation with the given entries (deflated).
func zipFile(at url: URL, entries: [(String, String)]) throws {
    let archive = try Archive(url: url, accessMode: .create)
    for (path, text) in entries {
        let data = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                             provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
    }
}

let wordContentTypes = """
    <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Override PartName="/word/document.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
    """
let excelContentTypes = """
    <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Override PartName="/xl/workbook.xml" \
    ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
    """

/// One entry of a hand-assembled ZIP: what the directory claims, and the bytes actually stored.
struct RawZipEntry {
    var name: String
    var method: UInt16
    var payload: Data
    var crc32: UInt32
    var uncompressedSize: UInt32
}

/// Assembles a ZIP byte by byte, so tests can declare sizes and checksums that lie.
func handZip(_ entries: [RawZipEntry]) -> Data {
    func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
    func le32(_ v: UInt32) -> [UInt8] { le16(UInt16(v & 0xFFFF)) + le16(UInt16(v >> 16)) }
    var out = Data(), directory = Data()
    for entry in entries {
        let name = Array(entry.name.utf8), offset = UInt32(out.count)
        let common = le16(20) + le16(0) + le16(entry.method) + le16(0) + le16(0x21) + le32(entry.crc32)
            + le32(UInt32(entry.payload.count)) + le32(entry.uncompressedSize) + le16(UInt16(name.count)) + le16(0)
        out.append(contentsOf: le32(0x0403_4B50) + common + name)
        out.append(entry.payload)
        directory.append(contentsOf: le32(0x0201_4B50) + le16(20) + common + le16(0) + le16(0) + le16(0)
                         + le32(0) + le32(offset) + name)
    }
    let directoryOffset = UInt32(out.count)
    out.append(directory)
    out.append(contentsOf: le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(entries.count))
               + le16(UInt16(entries.count)) + le32(UInt32(directory.count)) + le32(directoryOffset) + le16(0))
    return out
}
