import Foundation
import ZIPFoundation

/// One worksheet: a name (sanitised when written) and rows of cells, the first row being the header.
public struct XLSXSheet: Sendable {
    public var name: String
    public var rows: [[XLSXCell]]
    /// Set for a sheet that is an official form to print; nil for a table to work with (frozen header, widths from content).
    public var form: XLSXFormLayout?
    public init(name: String, rows: [[XLSXCell]], form: XLSXFormLayout? = nil) {
        self.name = name
        self.rows = rows
        self.form = form
    }
}

/// A cell value: text is written as an inline string, numbers as numbers Excel can sum.
public enum XLSXCell: Sendable, Equatable {
    case text(String), number(Double), empty
}

/// Why a workbook could not be written; `message` is shown to the user as is.
public struct XLSXWriterError: Error, Equatable, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
}

/// A minimal .xlsx writer (opens in Excel and LibreOffice): one or more sheets, first row bold, numbers as numbers,
/// strings as inline strings (XML-escaped, Vietnamese UTF-8), column widths roughly from content, frozen header row.
public enum XLSXWriter: Sendable {
    /// Excel's limits: 1,048,576 rows and 16,384 columns per sheet.
    static let maxRows = 1_048_576, maxColumns = 16_384

    public static func data(_ sheets: [XLSXSheet]) throws -> Data {
        guard !sheets.isEmpty else { throw XLSXWriterError(message: "Tệp Excel phải có ít nhất một trang tính.") }
        for sheet in sheets {
            if sheet.rows.count > maxRows || sheet.rows.contains(where: { $0.count > maxColumns }) {
                throw XLSXWriterError(message: "Trang tính “\(sheet.name)” vượt quá giới hạn của Excel "
                                      + "(1.048.576 dòng, 16.384 cột).")
            }
        }
        let names = sheetNames(sheets.map(\.name))
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count),
                                 compressionMethod: .deflate, provider: { position, size in
                                     data.subdata(in: Int(position)..<min(Int(position) + size, data.count))
                                 })
        }
        try add("[Content_Types].xml", XLSXParts.contentTypes(sheetCount: sheets.count))
        try add("_rels/.rels", XLSXParts.rootRelationships)
        try add("xl/workbook.xml", XLSXParts.workbook(names: names))
        try add("xl/_rels/workbook.xml.rels", XLSXParts.workbookRelationships(sheetCount: sheets.count))
        try add("xl/styles.xml", XLSXParts.styles)
        for (index, sheet) in sheets.enumerated() {
            try add("xl/worksheets/sheet\(index + 1).xml", XLSXParts.worksheet(sheet.rows, form: sheet.form))
        }
        guard let data = archive.data else { throw XLSXWriterError(message: "Không tạo được tệp Excel.") }
        return data
    }

    /// Excel refuses names over 31 characters, with any of []:*?/\, starting or ending with an apostrophe,
    /// named "History", or equal to another sheet's name ignoring case; such names are mended, not refused.
    static func sheetNames(_ raw: [String]) -> [String] {
        var used = Set<String>()
        var result: [String] = []
        for (index, original) in raw.enumerated() {
            var name = String(original.precomposedStringWithCanonicalMapping.map { "[]:*?/\\".contains($0) ? "-" : $0 })
            name = String(name.unicodeScalars.filter { $0.value >= 0x20 && $0.value != 0x7F }.map(Character.init))
            name = trimmed(name)
            if name.isEmpty { name = "Trang \(index + 1)" }
            if name.lowercased() == "history" { name += " 1" }
            name = trimmed(prefix(name, utf16: 31))
            var candidate = name, copy = 2
            while used.contains(candidate.lowercased()) {
                let suffix = " (\(copy))"
                candidate = trimmed(prefix(name, utf16: 31 - suffix.utf16.count)) + suffix
                copy += 1
            }
            used.insert(candidate.lowercased())
            result.append(candidate)
        }
        return result
    }

    /// The longest leading run of whole characters that fits in `limit` UTF-16 units (Excel's measure).
    static func prefix(_ text: String, utf16 limit: Int) -> String {
        var out = "", used = 0
        for character in text {
            used += character.utf16.count
            if used > limit { break }
            out.append(character)
        }
        return out
    }

    private static func trimmed(_ name: String) -> String {
        name.trimmingCharacters(in: CharacterSet(charactersIn: "'").union(.whitespacesAndNewlines))
    }
}
