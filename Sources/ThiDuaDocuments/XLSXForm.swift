import Foundation

/// How a sheet that is an official form prints (biểu 0601, 0603, …): fixed column widths, title lines merged across
/// the table, text wrapped with each row as high as its longest text, no frozen header, and the page set to A4
/// landscape, one page wide, so that the form comes out of the printer as the circular lays it out, ready to sign.
public struct XLSXFormLayout: Sendable, Equatable {
    /// Each column's width, in characters.
    public var columnWidths: [Int]
    /// Cells merged across columns; the text is in the first cell of each.
    public var merged: [XLSXMerge]
    /// Rows printed in bold (0-based), such as the form's number and title.
    public var boldRows: Set<Int>
    /// Rows whose first column is centred too (the title); after the first column every cell is.
    public var centredRows: Set<Int>

    public init(columnWidths: [Int], merged: [XLSXMerge] = [], boldRows: Set<Int> = [], centredRows: Set<Int> = []) {
        self.columnWidths = columnWidths
        self.merged = merged
        self.boldRows = boldRows
        self.centredRows = centredRows
    }

    /// A cell's style (see `XLSXParts.styles`): wrapped and top-aligned; centred after the first column or in a centred
    /// row; bold or not.
    func style(row: Int, column: Int) -> Int {
        (column == 0 && !centredRows.contains(row) ? 2 : 4) + (boldRows.contains(row) ? 1 : 0)
    }
}

/// Columns `first` to `last` (0-based, inclusive) of row `row` (0-based) as one cell.
public struct XLSXMerge: Sendable, Equatable {
    public var row: Int, first: Int, last: Int
    public init(row: Int, first: Int, last: Int) {
        (self.row, self.first, self.last) = (row, first, last)
    }
}

extension XLSXFormLayout {
    /// The default row height in points; a row of wrapped text is this times its number of lines.
    static let lineHeight = 15.0

    /// The width a cell's text has: the merged columns' widths, or its column's.
    func width(row: Int, column: Int) -> Int {
        if let merge = merged.first(where: { $0.row == row && $0.first == column }) {
            return (merge.first...merge.last).map { $0 < columnWidths.count ? columnWidths[$0] : 8 }.reduce(0, +)
        }
        return column < columnWidths.count ? columnWidths[column] : 8
    }

    /// The lines `text` takes in a cell `width` characters wide: Excel and LibreOffice keep a stored height, so it is
    /// estimated here, generously (Vietnamese letters with their marks are wider than the "0" a width counts, and a
    /// line breaks at a word), rather than left one line high.
    static func lines(_ text: String, width: Int) -> Int {
        let usable = max(1, width * 9 / 10 - 1)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { max(1, ($0.count + usable - 1) / usable) }.reduce(0, +)
    }

    /// A row's height in points when its text needs more than one line; nil for one line.
    func height(row: Int, cells: [XLSXCell]) -> Double? {
        let lines = cells.enumerated().map { column, cell -> Int in
            guard case .text(let text) = cell else { return 1 }
            return Self.lines(XLSXParts.cellText(text), width: width(row: row, column: column))
        }.max() ?? 1
        return lines > 1 ? Double(lines) * Self.lineHeight : nil
    }

    /// The elements after `sheetData`, in the schema's order: merged cells, margins, the page.
    var afterData: String {
        var xml = ""
        if !merged.isEmpty {
            xml += "<mergeCells count=\"\(merged.count)\">" + merged.map {
                "<mergeCell ref=\"\(XLSXParts.column($0.first))\($0.row + 1):\(XLSXParts.column($0.last))\($0.row + 1)\"/>"
            }.joined() + "</mergeCells>"
        }
        return xml + "<pageMargins left=\"0.5\" right=\"0.5\" top=\"0.6\" bottom=\"0.6\" header=\"0.3\" footer=\"0.3\"/>"
            + "<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
    }
}
