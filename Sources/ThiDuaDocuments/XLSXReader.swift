import Foundation

/// A cell address, 1-based ("A1" is row 1, column 1). Ordered row by row, then by column.
public struct XLSXCellRef: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var row: Int
    public var column: Int

    /// Excel's limits: 1,048,576 rows and 16,384 columns (XFD).
    public static let maxRow = 1_048_576, maxColumn = 16_384

    public init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// Parses "B7", "$B$7" or "b7"; nil when malformed or outside Excel's grid.
    public init?(_ a1: String) {
        var column = 0, row = 0, sawDigit = false
        for scalar in a1.unicodeScalars where scalar != "$" {
            switch scalar.value {
            case 0x41...0x5A, 0x61...0x7A:
                guard !sawDigit, column <= Self.maxColumn else { return nil }
                column = column * 26 + Int(scalar.value & 0x1F)
            case 0x30...0x39:
                sawDigit = true
                guard row <= Self.maxRow else { return nil }
                row = row * 10 + Int(scalar.value - 0x30)
            default:
                return nil
            }
        }
        guard (1...Self.maxColumn).contains(column), (1...Self.maxRow).contains(row) else { return nil }
        self.init(row: row, column: column)
    }

    /// "B7".
    public var a1: String { columnLetters + String(row) }
    /// "B".
    public var columnLetters: String { Self.letters(column) }
    public var description: String { a1 }

    /// 1 → "A", 26 → "Z", 27 → "AA".
    public static func letters(_ column: Int) -> String {
        var n = column, letters = ""
        while n > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    public static func < (lhs: XLSXCellRef, rhs: XLSXCellRef) -> Bool {
        (lhs.row, lhs.column) < (rhs.row, rhs.column)
    }
}

/// A rectangle of cells, such as a merged area "D7:E8" (`from` is the top-left corner, `to` the bottom-right).
public struct XLSXCellRange: Hashable, Sendable, CustomStringConvertible {
    public var from: XLSXCellRef
    public var to: XLSXCellRef

    public init(from: XLSXCellRef, to: XLSXCellRef) {
        self.from = XLSXCellRef(row: min(from.row, to.row), column: min(from.column, to.column))
        self.to = XLSXCellRef(row: max(from.row, to.row), column: max(from.column, to.column))
    }

    /// Parses "D7:E8" (or a single "D7").
    public init?(_ a1: String) {
        let parts = a1.split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let from = XLSXCellRef(String(parts[0])),
              let to = XLSXCellRef(String(parts[parts.count - 1])) else { return nil }
        self.init(from: from, to: to)
    }

    public var rows: ClosedRange<Int> { from.row...to.row }
    public var columns: ClosedRange<Int> { from.column...to.column }
    public var a1: String { from == to ? from.a1 : from.a1 + ":" + to.a1 }
    public var description: String { a1 }

    public func contains(_ ref: XLSXCellRef) -> Bool { rows.contains(ref.row) && columns.contains(ref.column) }
}

/// A cell's value as stored. Numbers are read from the XML text as `Decimal` (never through `Double`);
/// dates are numbers too (days since 1899-12-30), as Excel stores them.
public enum XLSXValue: Equatable, Sendable {
    case text(String), number(Decimal), bool(Bool), empty
    /// An Excel error such as "#DIV/0!" or "#REF!".
    case error(String)
}

/// A cell: its value and, for a formula cell, the formula text. For a formula, `value` is the result the
/// spreadsheet program last calculated and saved (`.empty` when none was saved, as with files written by
/// some libraries). A cell that shares another cell's formula has `formula == ""`.
public struct XLSXReadCell: Equatable, Sendable {
    public var value: XLSXValue
    public var formula: String?

    public init(value: XLSXValue, formula: String? = nil) {
        self.value = value
        self.formula = formula
    }

    /// True for a formula whose result was never saved in the file.
    public var isUncalculatedFormula: Bool { formula != nil && value == .empty }
}

/// One worksheet as read: its name from workbook.xml, the cells that hold a value or a formula (cells that
/// only carry formatting are left out) and the merged areas.
public struct XLSXReadSheet: Sendable {
    public var name: String
    public var cells: [XLSXCellRef: XLSXReadCell]
    public var merged: [XLSXCellRange]

    public init(name: String, cells: [XLSXCellRef: XLSXReadCell] = [:], merged: [XLSXCellRange] = []) {
        self.name = name
        self.cells = cells
        self.merged = merged
    }

    /// The cell at a 1-based row and column, or nil when it is empty.
    public func cell(_ row: Int, _ column: Int) -> XLSXReadCell? { cells[XLSXCellRef(row: row, column: column)] }

    /// The last row holding a cell or a merged area; 0 for an empty sheet.
    public var maxRow: Int { max(cells.keys.map(\.row).max() ?? 0, merged.map(\.to.row).max() ?? 0) }
    /// The last column holding a cell or a merged area; 0 for an empty sheet.
    public var maxColumn: Int { max(cells.keys.map(\.column).max() ?? 0, merged.map(\.to.column).max() ?? 0) }

    /// The merged area covering `ref`, if any.
    public func mergedRange(containing ref: XLSXCellRef) -> XLSXCellRange? { merged.first { $0.contains(ref) } }
}

/// Why a workbook could not be read; `message` is Vietnamese and shown to the user as is.
public struct XLSXReadError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
