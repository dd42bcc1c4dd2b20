import Foundation

/// The yearly statistics of emulation and commendation (Thông tư 02/2023/TT-BNV, biểu 0601–0605.N/BNV-TĐKT) as far
/// as the decisions recorded here tell them: awards given, by kind, by the bloc that proposed them and by method,
/// collective and individual, and individuals by where they stand. Pure, so the workbook and a property test count the same way.
public enum AwardStatistics {
    /// One award actually given by a recorded decision.
    public struct Fact: Sendable, Equatable {
        public var award: String
        public var collective: Bool
        /// The bloc whose proposal it came from.
        public var bloc: String
        /// How it was given (the method's name, as the sheet prints it).
        public var method: String
        /// For a person: where they stand (the level's name); nil for a collective or when not recorded.
        public var level: String?
        /// The same, as values, for the form's fixed rows and columns (`StatisticsForm0603`).
        public var column: StatisticsForm0603.Column?
        public var methodValue: AwardMethod
        public var levelValue: PositionLevel?

        public init(award: String, collective: Bool, bloc: String, method: String = "", level: String? = nil,
                    column: StatisticsForm0603.Column? = nil, methodValue: AwardMethod = .regular, levelValue: PositionLevel? = nil) {
            self.award = award
            self.collective = collective
            self.bloc = bloc
            self.method = method
            self.level = level
            self.column = column
            self.methodValue = methodValue
            self.levelValue = levelValue
        }
    }

    public struct Row: Sendable, Equatable {
        public var label: String
        public var total: Int, collectives: Int, individuals: Int
    }

    /// One row per distinct `key(fact)`, in Vietnamese order of the label, and a last row with the totals.
    static func rows(_ facts: [Fact], by key: (Fact) -> String) -> [Row] {
        let groups = Dictionary(grouping: facts, by: key)
        let rows = VietnameseText.sorted(groups.keys.map { label in
            let group = groups[label] ?? []
            let collectives = group.filter(\.collective).count
            return Row(label: label, total: group.count, collectives: collectives, individuals: group.count - collectives)
        }, by: \.label)
        let collectives = facts.filter(\.collective).count
        return rows + [Row(label: "Tổng cộng", total: facts.count, collectives: collectives, individuals: facts.count - collectives)]
    }

    /// By kind of award (its name), then the total.
    public static func byAward(_ facts: [Fact]) -> [Row] { rows(facts, by: \.award) }

    /// By the bloc that proposed the award, then the total.
    public static func byBloc(_ facts: [Fact]) -> [Row] { rows(facts, by: \.bloc) }

    /// By the method of the award, then the total.
    public static func byMethod(_ facts: [Fact]) -> [Row] { rows(facts, by: \.method) }

    /// Individuals only, by where they stand (`unrecorded` names those whose level was not entered), then the total.
    public static func byLevel(_ facts: [Fact], unrecorded: String) -> [Row] {
        rows(facts.filter { !$0.collective }, by: { $0.level ?? unrecorded })
    }
}
