import Foundation

/// Biểu 0603.N/BNV-TĐKT (Thông tư 02/2023/TT-BNV): the number of awards given at the level of a province, by kind
/// (the columns) and by recipient and method (the rows, each with its code). Only the province's own awards are
/// counted here: Bằng khen, Chiến sĩ thi đua cấp tỉnh, Cờ thi đua, Huy hiệu (kỷ niệm chương). A unit's own titles
/// (Lao động tiên tiến, Chiến sĩ thi đua cơ sở, …) are in the workbook's other sheets.
///
/// Rows and labels follow the form as published; the labels are localisation keys (`form0603_row_NN`).
public enum StatisticsForm0603 {
    /// The form's columns 2 to 5; column 1 is their sum.
    public enum Column: Int, CaseIterable, Sendable {
        case merit = 2, emulationSoldier, flag, badge
    }

    /// The column of an award kind, by its key or, for a rule set's own kinds, by its Vietnamese name; nil for an
    /// award the form does not count.
    public static func column(key: String, name: String) -> Column? {
        switch key {
        case "chairmanMerit": return .merit
        case "provincialFlag": return .flag
        case "provincialEmulationSoldier": return .emulationSoldier
        default: break
        }
        let n = VietnameseText.fold(name)
        if n.contains("chien si thi dua") { return n.contains("co so") ? nil : .emulationSoldier }
        if n.contains("bang khen") { return .merit }
        if n.contains("co thi dua") { return .flag }
        if n.contains("huy hieu") || n.contains("ky niem chuong") { return .badge }
        return nil
    }

    /// One line of the form: a heading (no `code`), or a row with its code, its unit and a value per column
    /// (total first); `values` is nil where the system holds nothing to count (the row is left for the board).
    public struct Line: Sendable, Equatable {
        public var label: String
        public var code: String?
        public var unit: String?
        public var values: [Int]?
    }

    private enum Selector {
        case all, collectives, individuals, level(PositionLevel), method(AwardMethod), none, notHeld
    }

    /// The rows in the form's order: code, label key, unit key, what it counts.
    private static let layout: [(String?, String, String?, Selector)] = [
        ("01", "form0603_row_01", nil, .all),
        (nil, "form0603_by_recipient", nil, .none),
        ("02", "form0603_row_02", "form0603_unit_collective", .collectives),
        ("03", "form0603_row_03", "form0603_unit_collective", .notHeld),
        ("04", "form0603_row_04", "form0603_unit_household", .none),
        ("05", "form0603_row_05", "form0603_unit_person", .individuals),
        ("06", "form0603_row_06", "form0603_unit_person", .level(.provincialLeader)),
        ("07", "form0603_row_07", "form0603_unit_person", .level(.departmentLeader)),
        ("08", "form0603_row_08", "form0603_unit_person", .level(.businessPerson)),
        ("09", "form0603_row_09", "form0603_unit_person", .level(.otherLeader)),
        ("10", "form0603_row_10", "form0603_unit_person", .level(.directWorker)),
        (nil, "form0603_by_method", nil, .none),
        ("11", "form0603_row_11", nil, .method(.regular)),
        ("12", "form0603_row_12", nil, .method(.thematic)),
        ("13", "form0603_row_13", nil, .method(.unscheduled)),
        ("14", "form0603_row_14", nil, .method(.foreign)),
        ("15", "form0603_row_15", nil, .method(.dedication)),
        ("16", "form0603_row_16", nil, .method(.seniority)),
        ("17", "form0603_row_17", nil, .none),
    ]

    /// The form's lines for `facts`. Households and awards for resistance are never given here (0); whether a
    /// collective is an enterprise is not held (left empty).
    public static func lines(_ facts: [AwardStatistics.Fact]) -> [Line] {
        let counted = facts.filter { $0.column != nil }
        return layout.map { code, label, unit, selector in
            guard let code else { return Line(label: label, code: nil, unit: nil, values: nil) }
            let chosen: [AwardStatistics.Fact]?
            switch selector {
            case .all: chosen = counted
            case .collectives: chosen = counted.filter(\.collective)
            case .individuals: chosen = counted.filter { !$0.collective }
            case let .level(level): chosen = counted.filter { !$0.collective && $0.levelValue == level }
            case let .method(method): chosen = counted.filter { $0.methodValue == method }
            case .none: chosen = []
            case .notHeld: chosen = nil
            }
            let values = chosen.map { group in
                let columns = Column.allCases.map { column in group.filter { $0.column == column }.count }
                return [columns.reduce(0, +)] + columns
            }
            return Line(label: label, code: code, unit: unit, values: values)
        }
    }
}
