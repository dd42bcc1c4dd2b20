import Foundation
import Testing
import ZIPFoundation
@testable import ThiDuaDocuments

/// Builders for hand-made workbooks and access to the LibreOffice fixtures in Fixtures/xlsx.
enum XLSXTestFiles {
    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRelNS = "http://schemas.openxmlformats.org/package/2006/relationships"

    static func fixture(_ name: String) throws -> Data {
        let dot = name.lastIndex(of: ".")!
        guard let url = Bundle.module.url(forResource: String(name[..<dot]), withExtension: String(name[name.index(after: dot)...]),
                                          subdirectory: "Fixtures/xlsx") else { throw CocoaError(.fileNoSuchFile) }
        return try Data(contentsOf: url)
    }

    static func fixtureURL(_ name: String) throws -> URL {
        let dot = name.lastIndex(of: ".")!
        guard let url = Bundle.module.url(forResource: String(name[..<dot]), withExtension: String(name[name.index(after: dot)...]),
                                          subdirectory: "Fixtures/xlsx") else { throw CocoaError(.fileNoSuchFile) }
        return url
    }

    /// `<worksheet>` around the given `<sheetData>` content, plus anything after it (e.g. `<mergeCells>`).
    static func worksheet(_ rows: String, after: String = "") -> String {
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">"
            + "<sheetData>\(rows)</sheetData>\(after)</worksheet>"
    }

    /// A complete workbook, every part deflated by ZIPFoundation; sheet i lives at xl/worksheets/sheet{i}.xml
    /// under relationship rId{i+10} (so ids and file names differ, as in real files).
    static func workbook(sheets: [(name: String, xml: String)], sharedStrings: String? = nil,
                         extra: [(String, Data)] = []) throws -> Data {
        var parts: [(String, Data)] = []
        func add(_ path: String, _ text: String) { parts.append((path, Data(text.utf8))) }
        add("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>")
        add("_rels/.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"\(packageRelNS)\"><Relationship Id=\"rId1\" "
            + "Type=\"\(relNS)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>")
        let entries = sheets.enumerated().map { index, sheet in
            "<sheet name=\"\(XLSXParts.escape(sheet.name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 10)\"/>"
        }.joined()
        add("xl/workbook.xml", "<?xml version=\"1.0\"?><workbook xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\"><sheets>\(entries)</sheets></workbook>")
        var rels = sheets.indices.map {
            "<Relationship Id=\"rId\($0 + 10)\" Type=\"\(relNS)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
        }.joined()
        if sharedStrings != nil {
            rels += "<Relationship Id=\"rId1\" Type=\"\(relNS)/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>"
        }
        add("xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\"?><Relationships xmlns=\"\(packageRelNS)\">\(rels)</Relationships>")
        if let sharedStrings { add("xl/sharedStrings.xml", sharedStrings) }
        for (index, sheet) in sheets.enumerated() { add("xl/worksheets/sheet\(index + 1).xml", sheet.xml) }
        return try zip(parts + extra)
    }

    static func zip(_ parts: [(String, Data)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for (path, data) in parts {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                                 provider: { position, size in
                                     data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
                                 })
        }
        return archive.data!
    }

    /// The workbook with one part's text changed (tests only: the input is our own, trusted file).
    static func rewrite(_ data: Data, part: String = "xl/worksheets/sheet1.xml",
                        _ change: (String) -> String) throws -> Data {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [(String, Data)] = []
        for entry in archive {
            var content = Data()
            _ = try archive.extract(entry) { content.append($0) }
            if entry.path == part { content = Data(change(String(decoding: content, as: UTF8.self)).utf8) }
            parts.append((entry.path, content))
        }
        return try zip(parts)
    }

    static let soffice: String? = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// `soffice --headless --convert-to xlsx` of a file, in `dir` with a private profile; the output's bytes.
    static func convertWithLibreOffice(_ input: URL, in dir: TempDir, filter: String? = nil) throws -> Data {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice!)
        process.arguments = ["-env:UserInstallation=file://\(dir.url.path)/profile", "--headless"]
            + (filter.map { ["--infilter=\($0)"] } ?? []) + ["--convert-to", "xlsx", "--outdir", dir.url.path, input.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let output = dir.url.appendingPathComponent(input.deletingPathExtension().lastPathComponent + ".xlsx")
        return try Data(contentsOf: output)
    }
}

extension Decimal {
    /// Test shorthand: exact decimal literals as strings ("7.25").
    static func d(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }
}

/// The refusal message of a throwing read, or nil if it did not throw.
func readFailure(_ data: Data, limit: Int = XLSXReader.defaultMaxInflatedBytes) -> String? {
    do {
        _ = try XLSXReader.read(data, maxInflatedBytes: limit)
        return nil
    } catch {
        return error.message
    }
}
