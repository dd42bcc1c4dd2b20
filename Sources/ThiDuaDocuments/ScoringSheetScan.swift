import Foundation

/// One pass over a scoring sheet: turns rows into `ScoringSheetRow`s and collects every issue on the way.
struct ScoringSheetScan {
    let sheet: XLSXReadSheet
    let table: ScoringTableShape?
    private(set) var rows: [ScoringSheetRow] = []
    private(set) var issues: [ScoringSheetIssue] = []
    private var firstRowOf: [String: Int] = [:]
    private let codesByLowercase: [String: [String]]
    /// Rows that hold a criterion's points, for the merged-cell check.
    private var scoredRows = Set<Int>()

    init(sheet: XLSXReadSheet, table: ScoringTableShape?) {
        self.sheet = sheet
        self.table = table
        self.codesByLowercase = table?.codesByLowercase() ?? [:]
    }

    /// The table's own spelling of `code`: exact, or else the only code equal to it ignoring case.
    private func canonical(_ code: String, in table: ScoringTableShape) -> String? {
        if table.leaves[code] != nil || table.sections.contains(code) { return code }
        guard let matches = codesByLowercase[code.lowercased()], matches.count == 1 else { return nil }
        return matches[0]
    }

    private enum Kind { case leaf(ScoringTableShape.LeafShape), section, unknown, untabled }

    mutating func run() {
        // Only rows holding cells are visited: a stray value in row 1,000,000 costs nothing.
        let columns = 1...ScoringSheetColumn.allCases.count
        let filled = Set(sheet.cells.keys.lazy.filter { columns.contains($0.column) }.map(\.row)).sorted()
        let header = filled.first { row in
            guard case .text(let text)? = sheet.cell(row, ScoringSheetColumn.code.rawValue)?.value else { return false }
            return ScoringSheetColumn.codeHeaders.contains(Self.clean(text).lowercased())
        }
        let start = (header ?? 0) + 1
        for row in filled where row >= start { scan(row) }
        checkMerges(from: start)
        issues.sort { ($0.row, $0.column.count, $0.column) < ($1.row, $1.column.count, $1.column) }
    }

    private mutating func scan(_ row: Int) {
        func cell(_ column: ScoringSheetColumn) -> XLSXReadCell? { sheet.cell(row, column.rawValue) }
        let codeCell = cell(.code)
        if codeCell?.isUncalculatedFormula == true { return report(row, .code, Self.uncalculated) }
        if case .error(let error)? = codeCell?.value { return report(row, .code, "ô chứa lỗi \(error)") }
        var code = Self.clean(Self.text(codeCell?.value))
        guard !code.isEmpty else {
            // A "Tổng cộng" line has no code and usually a formula; a typed score without a code would be lost.
            let typed = [ScoringSheetColumn.selfScore, .agreedScore].contains {
                guard let value = cell($0), value.formula == nil else { return false }
                return !XLSXXML.trimmed(Self.text(value.value)).isEmpty
            }
            if typed { report(row, .code, "dòng có điểm nhưng thiếu mã ở cột A") }
            return
        }
        let kind: Kind
        if let table {
            if let known = canonical(code, in: table) {
                code = known
                kind = table.leaves[known].map(Kind.leaf) ?? .section
            } else {
                kind = .unknown
                report(row, .code, "mã “\(code)” không có trong bảng chấm điểm")
            }
        } else {
            kind = .untabled
        }
        if let first = firstRowOf[code] {
            report(row, .code, "mã “\(code)” bị trùng (đã có ở dòng \(first))")
        } else {
            firstRowOf[code] = row
        }
        var isSection = false
        if case .section = kind { isSection = true }
        for column in [ScoringSheetColumn.title, .note] where cell(column)?.isUncalculatedFormula == true {
            report(row, column, Self.uncalculated)
        }
        let note = Self.clean(Self.text(cell(.note)?.value))
        var result = ScoringSheetRow(code: code, title: Self.clean(Self.text(cell(.title)?.value)),
                                     note: note.isEmpty ? nil : note, row: row)
        result.maxPoints = number(row, .maxPoints, report: !isSection)
        result.selfScore = number(row, .selfScore, report: !isSection)
        result.agreedScore = number(row, .agreedScore, report: !isSection)
        rows.append(result)

        let maximum: (points: Decimal, step: Decimal?)?
        switch kind {
        case .leaf(let leaf): maximum = (leaf.max, leaf.step)
        case .untabled: maximum = result.maxPoints.map { ($0, nil) }
        case .section, .unknown: return
        }
        if maximum != nil { scoredRows.insert(row) }
        for (column, score) in [(ScoringSheetColumn.selfScore, result.selfScore), (.agreedScore, result.agreedScore)] {
            guard let score else { continue }
            if score < 0 {
                report(row, column, "điểm không được âm (đang là \(Self.format(score)))")
            } else if let maximum, score > maximum.points {
                report(row, column, "điểm \(Self.format(score)) vượt quá điểm tối đa \(Self.format(maximum.points)) "
                       + "của tiêu chí “\(code)”")
            } else if let step = maximum?.step, step > 0, !Self.isMultiple(score, of: step) {
                report(row, column, "điểm \(Self.format(score)) không phải bội số của bước chấm \(Self.format(step))")
            }
        }
    }

    /// A merged area reaching into D–E over a criterion's row hides where its points belong.
    private mutating func checkMerges(from start: Int) {
        let scoreColumns = ScoringSheetColumn.selfScore.rawValue...ScoringSheetColumn.agreedScore.rawValue
        for range in sheet.merged where range.columns.overlaps(scoreColumns) && range.rows.upperBound >= start {
            guard let row = scoredRows.filter({ $0 >= start && range.rows.contains($0) }).min() else { continue }
            let column = XLSXCellRef.letters(max(range.from.column, scoreColumns.lowerBound))
            issues.append(ScoringSheetIssue(sheet: sheet.name, row: row, column: column,
                                            message: "ô gộp trong cột điểm (\(range.a1)); hãy bỏ gộp ô để mỗi tiêu chí "
                                                + "có ô điểm riêng"))
        }
    }

    /// A number cell's value; anything else is reported (when `report`) and read as nil.
    private mutating func number(_ row: Int, _ column: ScoringSheetColumn, report shouldReport: Bool) -> Decimal? {
        guard let cell = sheet.cell(row, column.rawValue) else { return nil }
        var problem: String?
        var value: Decimal?
        if cell.isUncalculatedFormula {
            problem = Self.uncalculated
        } else {
            switch cell.value {
            case .number(let number): value = Self.rounded(number)
            case .empty: break
            case .text(let text):
                let trimmed = Self.clean(text)
                if !trimmed.isEmpty {
                    value = Self.lenientNumber(trimmed).map(Self.rounded)
                    if value == nil {
                        let shown = trimmed.count > 40 ? String(trimmed.prefix(40)) + "…" : trimmed
                        problem = "ô phải là số, đang là “\(shown)”"
                    }
                }
            case .bool(let flag): problem = "ô phải là số, đang là giá trị logic \(flag ? "TRUE" : "FALSE")"
            case .error(let error): problem = "ô chứa lỗi \(error); hãy sửa công thức hoặc nhập số"
            }
        }
        if let problem, shouldReport { report(row, column, problem) }
        return value
    }

    private mutating func report(_ row: Int, _ column: ScoringSheetColumn, _ message: String) {
        issues.append(ScoringSheetIssue(sheet: sheet.name, row: row, column: column.letter, message: message))
    }

    static let uncalculated = "ô chứa công thức chưa có giá trị đã tính; hãy mở và lưu lại tệp trong Excel"

    static func text(_ value: XLSXValue?) -> String {
        switch value {
        case .text(let text)?: text
        case .number(let number)?: number.description
        case .bool(let flag)?: flag ? "TRUE" : "FALSE"
        case .error(let error)?: error
        case .empty?, nil: ""
        }
    }

    /// Trimmed (including no-break spaces) and in NFC, so codes typed on different keyboards compare equal.
    static func clean(_ text: String) -> String {
        // Composing is slow on Linux and almost never needed: only text with combining marks can change.
        let composed = text.unicodeScalars.contains { $0.properties.canonicalCombiningClass != .notReordered }
        return XLSXXML.trimmed(composed ? text.precomposedStringWithCanonicalMapping : text)
    }

    /// "8,5" or "8.5" typed as text; a single comma is a decimal comma, as Vietnamese users write it.
    static func lenientNumber(_ text: String) -> Decimal? {
        let compact = text.replacingOccurrences(of: " ", with: "")
        let commas = compact.filter { $0 == "," }.count
        let normal = commas == 1 && !compact.contains(".") ? compact.replacingOccurrences(of: ",", with: ".") : compact
        return XLSXXML.decimal(normal)
    }

    /// Binary floating-point noise from a calculated value (0.30000000000000004) rounded away.
    static func rounded(_ value: Decimal) -> Decimal {
        guard value.exponent < -10 else { return value }
        var input = value, output = Decimal()
        NSDecimalRound(&output, &input, 10, .plain)
        return output
    }

    static func isMultiple(_ value: Decimal, of step: Decimal) -> Bool {
        var quotient = value / step, whole = Decimal()
        NSDecimalRound(&whole, &quotient, 0, .plain)
        return whole == quotient
    }

    /// Vietnamese notation for messages: "0,25", "-1", "12,5".
    static func format(_ value: Decimal) -> String { value.description.replacingOccurrences(of: ".", with: ",") }
}
