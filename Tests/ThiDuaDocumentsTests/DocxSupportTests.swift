import Foundation
import Testing
@testable import ThiDuaDocuments

/// Helpers for the .docx tests: reading a package back through `ZipReader` and looking at its XML as text.
enum DocxProbe {
    /// Every entry of a ZIP as UTF-8 text, read with the same bounded reader the engine uses.
    static func parts(_ data: Data) throws -> [String: String] {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let reader = try #require(ZipReader(url: try dir.file("probe.docx", data)))
        defer { reader.close() }
        var out: [String: String] = [:]
        for entry in reader.entries {
            let content = try #require(reader.contents(of: entry, limit: 64 << 20), "entry \(entry.path)")
            out[entry.path] = String(decoding: content, as: UTF8.self)
        }
        return out
    }

    static func document(_ data: Data) throws -> String {
        try #require(try parts(data)["word/document.xml"])
    }

    /// The visible text: one line per paragraph, a line break as a space, entities decoded, NFC.
    static func text(_ xml: String) throws -> String {
        let bytes = Array(xml.utf8)
        let tokens = try DocxXMLScanner.tokens(bytes)
        var out = "", inText = false
        for token in tokens {
            switch (token.kind, token.name) {
            case (.open, "w:t"): inText = true
            case (.close, "w:t"): inText = false
            case (.selfClosing, "w:br"), (.selfClosing, "w:tab"): out += " "
            case (.close, "w:p"): out += "\n"
            case (.text, _) where inText: out += unescape(String(decoding: bytes[token.range], as: UTF8.self))
            default: break
            }
        }
        return out.precomposedStringWithCanonicalMapping
    }

    static func paragraphs(_ xml: String) throws -> [String] {
        try text(xml).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    static func unescape(_ text: String) -> String {
        text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&apos;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The `<w:r>…</w:r>` whose text contains `needle` (first match), for checking its formatting.
    static func run(containing needle: String, in xml: String) -> String? {
        guard let hit = xml.range(of: needle),
              let start = xml.range(of: "<w:r>", options: .backwards, range: xml.startIndex..<hit.lowerBound),
              let end = xml.range(of: "</w:r>", range: hit.upperBound..<xml.endIndex) else { return nil }
        return String(xml[start.lowerBound..<end.upperBound])
    }

    /// The `<w:tbl>…</w:tbl>` whose text contains `needle` (tables are not nested in these documents).
    static func table(containing needle: String, in xml: String) -> String? {
        var searchFrom = xml.startIndex
        while let start = xml.range(of: "<w:tbl>", range: searchFrom..<xml.endIndex),
              let end = xml.range(of: "</w:tbl>", range: start.upperBound..<xml.endIndex) {
            let table = String(xml[start.lowerBound..<end.upperBound])
            if table.contains(needle) { return table }
            searchFrom = end.upperBound
        }
        return nil
    }

    static func count(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// A one-section .docx whose body is `body` (WordprocessingML paragraphs and tables).
    static func docx(body: String) throws -> Data {
        let document = DocxPackageParts.document(body: body, style: .party)
        return try DocxPackage(entries: DocxPackageParts.all(document: document, style: .party)).write()
    }

    static func paragraph(_ runs: String) -> String { "<w:p>\(runs)</w:p>" }
    static func run(_ text: String, _ properties: String = "") -> String {
        "<w:r>\(properties.isEmpty ? "" : "<w:rPr>\(properties)</w:rPr>")<w:t xml:space=\"preserve\">\(text)</w:t></w:r>"
    }
    static func para(_ text: String) -> String { paragraph(run(text)) }
    static func table(_ rows: [[String]]) -> String {
        "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid>"
            + String(repeating: "<w:gridCol w:w=\"2000\"/>", count: rows.first?.count ?? 1) + "</w:tblGrid>"
            + rows.map { "<w:tr>" + $0.map { "<w:tc>\(para($0))</w:tc>" }.joined() + "</w:tr>" }.joined() + "</w:tbl>"
    }

    /// Renders a template made of `body` with `value` and returns the document's visible text.
    static func renderText(_ body: String, _ value: DocxValue) throws -> String {
        let template = try DocxTemplate(data: try docx(body: body))
        return try text(try document(try template.render(value)))
    }

    static let soffice: String? = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let pdfinfo: String? = ["/usr/bin/pdfinfo", "/usr/local/bin/pdfinfo"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
    static let pdftotext: String? = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
}

@Suite struct DocxSupportTests {
    @Test func probeReadsTextAcrossRunsAndBreaks() throws {
        let xml = "<w:document><w:body>" + DocxProbe.paragraph(DocxProbe.run("a &amp; b") + "<w:r><w:br/></w:r>"
            + DocxProbe.run("c")) + DocxProbe.para("d") + "</w:body></w:document>"
        #expect(try DocxProbe.paragraphs(xml) == ["a & b c", "d", ""])
    }
}

@Suite("The issuing body's name breaks between word groups")
struct DocxHeaderLinesTests {
    @Test("a long name breaks before the word that opens a group, a short one stays whole, a typed break is kept")
    func breaks() {
        #expect(DocxHeaderLines.broken("KHỐI THI ĐUA CÁC CƠ QUAN TỈNH ỦY") == "KHỐI THI ĐUA\nCÁC CƠ QUAN TỈNH ỦY")
        for short in ["CỤM THI ĐUA SỐ 3", "TỈNH ỦY LÀO CAI", "UBND HUYỆN VĂN BÀN"] {
            #expect(DocxHeaderLines.broken(short) == short)
        }
        #expect(DocxHeaderLines.broken("KHỐI THI ĐUA\nCÁC CƠ QUAN") == "KHỐI THI ĐUA\nCÁC CƠ QUAN")
    }

    @Test("every break leaves lines that fit, each after the first opening a word group or following a comma")
    func linesFit() {
        let names = ["KHỐI THI ĐUA CÁC CƠ QUAN TỈNH ỦY", "KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG, ĐOÀN THỂ TỈNH",
                     "CỤM THI ĐUA CÁC HUYỆN, THỊ XÃ, THÀNH PHỐ", "KHỐI THI ĐUA CÁC SỞ, BAN, NGÀNH VĂN HÓA - XÃ HỘI"]
        for name in names {
            let broken = DocxHeaderLines.broken(name)
            let lines = broken.split(separator: "\n").map(String.init)
            #expect(lines.joined(separator: " ") == name, "no word is lost or added")
            #expect((2...3).contains(lines.count) && lines.allSatisfy { DocxHeaderLines.width($0) <= DocxHeaderLines.capacity }, "\(broken)")
            #expect(zip(lines, lines.dropFirst()).allSatisfy { before, line in
                before.hasSuffix(",") || DocxHeaderLines.groupStarts.contains(String(line.split(separator: " ")[0]))
            }, "\(broken)")
        }
    }
}
