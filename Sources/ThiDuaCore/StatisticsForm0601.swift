import Foundation

/// Biểu 0601.N/BNV-TĐKT (Thông tư 02/2023/TT-BNV): the number of emulation movements (phong trào thi đua), by the
/// level that launched them (the columns) and by scope, length and way of organising (the rows, each with its code).
/// Here a movement is a bloc's emulation year: the system holds no other kind, so the board adds those by hand.
///
/// Rows and labels follow the form as published; the labels are localisation keys (`form0601_row_NN`).
public enum StatisticsForm0601 {
    public typealias Line = StatisticsForm0603.Line

    /// The form's columns 2 to 4 (who launched it); column 1 is their sum.
    public enum Level: Int, CaseIterable, Sendable {
        /// Hội đồng Thi đua - Khen thưởng Trung ương.
        case central = 2
        /// A ministry, a central organisation, a province.
        case province
        /// An agency, organisation or unit.
        case organisation
    }

    /// Who takes part (rows 02–05).
    public enum Scope: CaseIterable, Sendable { case nation, sectorOrLocality, bloc, organisation }

    /// How long it runs (rows 06–10).
    public enum Length: CaseIterable, Sendable {
        case underOneYear, oneYear, oneToThreeYears, threeToFiveYears, fiveYearsOrMore

        /// The row of a movement that runs `months` months: a year is 12, "from one to under three years" starts above it.
        public init(months: Int) {
            switch months {
            case ..<12: self = .underOneYear
            case 12: self = .oneYear
            case ..<36: self = .oneToThreeYears
            case ..<60: self = .threeToFiveYears
            default: self = .fiveYearsOrMore
            }
        }
    }

    /// How it is organised (rows 11–12).
    public enum Way: CaseIterable, Sendable { case thematic, yearly }

    public struct Movement: Sendable, Equatable {
        public var level: Level, scope: Scope, length: Length, way: Way
        public init(level: Level, scope: Scope, length: Length, way: Way) {
            (self.level, self.scope, self.length, self.way) = (level, scope, length, way)
        }

        /// A bloc's emulation year: organised by the province's council for its blocs, one year, held every year.
        public static let blocYear = Movement(level: .province, scope: .bloc, length: .oneYear, way: .yearly)
    }

    private enum Selector { case all, scope(Scope), length(Length), way(Way), heading }

    private static let layout: [(String?, String, Selector)] = [
        ("01", "form0601_row_01", .all),
        (nil, "form0601_by_scope", .heading),
        ("02", "form0601_row_02", .scope(.nation)),
        ("03", "form0601_row_03", .scope(.sectorOrLocality)),
        ("04", "form0601_row_04", .scope(.bloc)),
        ("05", "form0601_row_05", .scope(.organisation)),
        (nil, "form0601_by_length", .heading),
        ("06", "form0601_row_06", .length(.underOneYear)),
        ("07", "form0601_row_07", .length(.oneYear)),
        ("08", "form0601_row_08", .length(.oneToThreeYears)),
        ("09", "form0601_row_09", .length(.threeToFiveYears)),
        ("10", "form0601_row_10", .length(.fiveYearsOrMore)),
        (nil, "form0601_by_way", .heading),
        ("11", "form0601_row_11", .way(.thematic)),
        ("12", "form0601_row_12", .way(.yearly)),
    ]

    /// The form's lines for `movements`: per row its total, then one value per launching level.
    public static func lines(_ movements: [Movement]) -> [Line] {
        layout.map { code, label, selector in
            let chosen: [Movement]
            switch selector {
            case .heading: return Line(label: label, code: nil, unit: nil, values: nil)
            case .all: chosen = movements
            case let .scope(scope): chosen = movements.filter { $0.scope == scope }
            case let .length(length): chosen = movements.filter { $0.length == length }
            case let .way(way): chosen = movements.filter { $0.way == way }
            }
            let columns = Level.allCases.map { level in chosen.filter { $0.level == level }.count }
            return Line(label: label, code: code, unit: nil, values: [chosen.count] + columns)
        }
    }
}
