import Foundation

/// The scoring sheet (bảng chấm điểm) as units exchange it in Excel: one row per criterion, columns
/// A Mã, B Nội dung, C Điểm tối đa, D Tự chấm, E Điểm thống nhất, F Ghi chú, under a header row.
/// `write` produces a file that `read` accepts back once filled in.
public enum ScoringSheet {
    public static let defaultSheetName = "Bảng chấm điểm"

    /// Reads the rows of the sheet named “Bảng chấm điểm” (ignoring case; a workbook with a single sheet may
    /// name it anything). Import is all-or-nothing: the caller stores nothing when `issues` is non-empty.
    ///
    /// - The header row is the first whose column A reads “Mã” or “STT/Mã” (also “STT”, “Mã số”, “Mã tiêu chí”);
    ///   rows below it are read, or every row when there is none. Rows without a code (a “Tổng cộng” line) are
    ///   skipped, unless they hold a typed score. A number typed as text (“8,5” or “8.5”) counts as a number, and
    ///   floating-point noise in a calculated value (0.30000000000000004) is rounded away at 10 decimal places.
    /// - Always reported: text, a logical value or an Excel error in a number cell; a formula without a cached
    ///   value; a negative score; a duplicate code; a merged area in the score columns D–E over a criterion row;
    ///   a missing sheet (as the only issue, with row 0).
    /// - With `table`: an unknown code; a score over the leaf's maximum or not a multiple of its step. Section
    ///   rows carry no points, so whatever stands in their D–E (often a subtotal) is not checked.
    ///   Without `table`, scores are checked against the maximum in column C.
    ///
    /// Throws only when the file is not a readable XLSX (corrupt, truncated, too large when inflated).
    public static func read(_ data: Data, table: ScoringTableShape?) throws(XLSXReadError)
        -> (rows: [ScoringSheetRow], issues: [ScoringSheetIssue]) {
        read(sheets: try XLSXReader.read(data), table: table)
    }

    /// The same, over sheets already read.
    public static func read(sheets: [XLSXReadSheet], table: ScoringTableShape?)
        -> (rows: [ScoringSheetRow], issues: [ScoringSheetIssue]) {
        guard let sheet = pick(sheets) else {
            let names = sheets.map { "“\($0.name)”" }.joined(separator: ", ")
            let message = "Không tìm thấy trang tính “\(defaultSheetName)”"
                + (names.isEmpty ? " (tệp không có trang tính nào)." : " (tệp có các trang tính: \(names)).")
            return ([], [ScoringSheetIssue(sheet: defaultSheetName, row: 0, column: "", message: message)])
        }
        var scan = ScoringSheetScan(sheet: sheet, table: table)
        scan.run()
        return (scan.rows, scan.issues)
    }

    /// The sheet named “Bảng chấm điểm”, compared as Excel compares sheet names (ignoring case), or the only sheet.
    static func pick(_ sheets: [XLSXReadSheet]) -> XLSXReadSheet? {
        func key(_ name: String) -> String {
            XLSXXML.trimmed(name.precomposedStringWithCanonicalMapping).lowercased()
        }
        let wanted = key(defaultSheetName)
        return sheets.first { key($0.name) == wanted } ?? (sheets.count == 1 ? sheets[0] : nil)
    }

    /// A workbook with one sheet: a bold header row, then one row per node of the table in the order given
    /// (leaves with their maximum, sections without), with any scores and notes already known.
    public static func write(_ rows: [ScoringSheetRow], sheetName: String = defaultSheetName) throws -> Data {
        let header = ScoringSheetColumn.allCases.map { XLSXCell.text($0.header) }
        func number(_ value: Decimal?) -> XLSXCell {
            // Decimal's plain description parsed by Double is the nearest double, which the writer prints back
            // in its shortest round-tripping form: 7.3 stays "7.3" in the file.
            guard let value, let double = Double(value.description) else { return .empty }
            return .number(double)
        }
        let body = rows.map { row -> [XLSXCell] in
            [.text(row.code), .text(row.title), number(row.maxPoints), number(row.selfScore), number(row.agreedScore),
             row.note.map { $0.isEmpty ? .empty : .text($0) } ?? .empty]
        }
        return try XLSXWriter.data([XLSXSheet(name: sheetName, rows: [header] + body)])
    }
}
