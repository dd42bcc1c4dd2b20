import Foundation

/// RFC 4180 CSV, for Excel: UTF-8 with BOM option, CRLF, quotes fields containing , " CR LF; also neutralises
/// formula injection by prefixing a ' to fields starting with = + - @ (tab/CR too).
public enum CSV: Sendable {
    /// One record ending in "\r\n". Fields are NFC-normalised, because Excel on Windows shows NFD Vietnamese
    /// (as typed on macOS) with detached tone marks.
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// A whole file: optional UTF-8 byte order mark (without it Excel reads the file as ANSI and garbles
    /// Vietnamese), the header line, then one line per row.
    public static func document(header: [String], rows: [[String]], bom: Bool = true) -> String {
        var out = bom ? "\u{FEFF}" : ""
        out += line(header)
        for row in rows { out += line(row) }
        return out
    }

    /// A cell a spreadsheet would run as a formula ("=HYPERLINK(…)", "+1+1", "@SUM(…)", "-2+3") is turned into
    /// text with a leading apostrophe. Plain negative numbers get it too: a shown "'-5" beats a live formula.
    static func field(_ raw: String) -> String {
        var text = raw.precomposedStringWithCanonicalMapping
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            text = "'" + text
        }
        let needsQuotes = text.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
