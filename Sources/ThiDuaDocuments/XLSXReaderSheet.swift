import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A worksheet part: `<sheetData>` rows of `<c r t><f/><v/><is/></c>` cells, and `<mergeCells>`.
/// Rows and cells without an `r` attribute (allowed by the standard) follow the previous one.
final class XLSXWorksheetParser: XLSXPartParser {
    var cells: [XLSXCellRef: XLSXReadCell] = [:]
    var merged: [XLSXCellRange] = []

    private let strings: [String]
    private let maxCells: Int
    private var row = 0, column = 0
    private var cell: (ref: XLSXCellRef, type: String?)?
    private var value: String?, formula: String?, inline: String?
    private var inInline = false, inPhonetic = false

    init(strings: [String], maxCells: Int) {
        self.strings = strings
        self.maxCells = maxCells
    }

    override func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {
        switch name {
        case "row":
            if let r = attributes["r"] {
                guard let number = Int(r), (1...XLSXCellRef.maxRow).contains(number) else {
                    return fail(parser, XLSXReadError("Tệp XLSX bị hỏng: số dòng “\(r)” không hợp lệ."))
                }
                row = number
            } else {
                row += 1
            }
            column = 0
        case "c":
            let ref: XLSXCellRef
            if let r = attributes["r"] {
                guard let parsed = XLSXCellRef(r) else {
                    return fail(parser, XLSXReadError("Tệp XLSX bị hỏng: địa chỉ ô “\(r)” không hợp lệ."))
                }
                ref = parsed
            } else {
                ref = XLSXCellRef(row: max(row, 1), column: column + 1)
            }
            (row, column) = (ref.row, ref.column)
            cell = (ref, attributes["t"])
            (value, formula, inline) = (nil, nil, nil)
        case "v" where cell != nil, "f" where cell != nil:
            text = ""
        case "is" where cell != nil:
            inInline = true
            inline = ""
        case "rPh":
            inPhonetic = true
        case "t" where inInline && !inPhonetic:
            text = ""
        case "mergeCell":
            if let ref = attributes["ref"], let range = XLSXCellRange(ref), range.from != range.to { merged.append(range) }
        default:
            break
        }
    }

    override func end(_ name: String, _ parser: XMLParser) {
        switch name {
        case "v" where cell != nil:
            value = text
            text = nil
        case "f" where cell != nil:
            formula = text
            text = nil
        case "t" where inInline && !inPhonetic:
            inline?.append(text ?? "")
            text = nil
        case "rPh":
            inPhonetic = false
        case "is":
            inInline = false
        case "c":
            guard let current = cell else { return }
            cell = nil
            let resolved: XLSXValue
            do throws(XLSXReadError) { resolved = try resolve(type: current.type, at: current.ref) } catch {
                return fail(parser, error)
            }
            guard resolved != .empty || formula != nil else { return }  // a cell that only carries a style
            guard cells.count < maxCells else {
                return fail(parser, XLSXReadError("Tệp XLSX có quá nhiều ô (hơn \(XLSXReader.maxCells) ô có dữ liệu)."))
            }
            cells[current.ref] = XLSXReadCell(value: resolved, formula: formula)
        default:
            break
        }
    }

    /// The cell's value from its type attribute and the captured `<v>` / inline text.
    private func resolve(type: String?, at ref: XLSXCellRef) throws(XLSXReadError) -> XLSXValue {
        switch type {
        case "s":
            guard let raw = value.map(XLSXXML.trimmed), !raw.isEmpty else { return .empty }
            guard let index = Int(raw), strings.indices.contains(index) else {
                throw XLSXReadError("Tệp XLSX bị hỏng: ô \(ref.a1) trỏ tới chuỗi dùng chung số \(raw) không tồn tại.")
            }
            return .text(strings[index])
        case "inlineStr":
            if let inline { return .text(XLSXXML.unescape(inline)) }
            return value.map { .text(XLSXXML.unescape($0)) } ?? .empty
        case "str", "d":
            // A formula's text result ("str"; an empty result is still a result) or an ISO 8601 date ("d").
            return value.map { .text(XLSXXML.unescape($0)) } ?? .empty
        case "b":
            switch value.map(XLSXXML.trimmed) {
            case "1", "true": return .bool(true)
            case "0", "false": return .bool(false)
            case nil, "": return .empty
            case let other?: return .text(other)
            }
        case "e":
            return value.map { .error(XLSXXML.trimmed($0)) } ?? .empty
        default:  // "n" or absent
            guard let raw = value.map(XLSXXML.trimmed), !raw.isEmpty else { return .empty }
            return XLSXXML.decimal(raw).map(XLSXValue.number) ?? .text(raw)
        }
    }
}
