import Foundation

extension Ranking {
    /// A unit's computed points before ranking.
    struct Scored {
        var unit: String
        var sectionPoints: [Decimal]
        var base: Decimal
        var bonus: Decimal
        var penalty: Decimal
        /// Rounded.
        var total: Decimal
        /// The same points in millionths, when every input had at most 6 decimals (nearly always).
        var fixed: Key<Int64>?
        var penalties: [PenaltyEntry]

        var decimalKey: Key<Decimal> { Key(total: total, base: base, penalty: penalty, bonus: bonus) }
    }

    /// What units are ordered by: the rounded total, then the tie-break fields.
    struct Key<Value: Comparable> {
        var total: Value
        var base: Value
        var penalty: Value
        var bonus: Value

        /// < 0 when `self` ranks ahead of `other`, > 0 when behind, 0 when level under `rules`.
        func compare(_ other: Key, rules: [TieBreak]) -> Int {
            if total != other.total { return total > other.total ? -1 : 1 }
            for rule in rules {
                switch rule {
                case .higherBase:
                    if base != other.base { return base > other.base ? -1 : 1 }
                case .fewerPenaltyPoints:
                    if penalty != other.penalty { return penalty < other.penalty ? -1 : 1 }
                case .higherBonus:
                    if bonus != other.bonus { return bonus > other.bonus ? -1 : 1 }
                case .sharedRank:
                    return 0
                }
            }
            return 0
        }
    }

    /// The table flattened once: each leaf's code with the index of its top-level section.
    struct Layout {
        var sections: [(code: String, title: String, maxPoints: Decimal)]
        var leaves: [(code: String, section: Int)]
        var bonusCap: Decimal
        var bonusCapFixed: Int64?
        var rounding: Rounding

        init(_ table: ScoringTable, rounding: Rounding) {
            sections = table.sections.map { ($0.code, $0.title, $0.totalMaxPoints) }
            leaves = table.sections.enumerated().flatMap { index, section in
                section.leaves.map { (code: $0.code, section: index) }
            }
            bonusCap = table.bonusCap
            bonusCapFixed = FixedPoint.from(table.bonusCap)
            self.rounding = rounding
        }

        func score(_ scores: UnitScores) -> Scored {
            fastScore(scores) ?? exactScore(scores)
        }

        /// In `Decimal` throughout: for inputs the fast path cannot hold exactly.
        func exactScore(_ scores: UnitScores) -> Scored {
            var sectionPoints = [Decimal](repeating: 0, count: sections.count)
            for leaf in leaves {
                if let points = scores.leafPoints[leaf.code] { sectionPoints[leaf.section] += points }
            }
            let base = sectionPoints.reduce(Decimal(0), +)
            let bonus = min(scores.bonus.reduce(Decimal(0), +), bonusCap)
            let penalty = scores.penalties.reduce(Decimal(0)) { $0 + $1.points }
            return Scored(
                unit: scores.unit, sectionPoints: sectionPoints, base: base, bonus: bonus, penalty: penalty,
                total: rounding.apply(decimal: base + bonus - penalty), fixed: nil, penalties: scores.penalties
            )
        }

        /// In millionths: the same results as `exactScore`, or nil when a value does not fit.
        func fastScore(_ scores: UnitScores) -> Scored? {
            guard let cap = bonusCapFixed else { return nil }
            var sectionPoints = [Int64](repeating: 0, count: sections.count)
            for leaf in leaves {
                guard let points = scores.leafPoints[leaf.code] else { continue }
                guard let value = FixedPoint.from(points) else { return nil }
                let (sum, overflow) = sectionPoints[leaf.section].addingReportingOverflow(value)
                guard !overflow else { return nil }
                sectionPoints[leaf.section] = sum
            }
            guard let base = checkedSum(sectionPoints),
                  let bonusSum = FixedPoint.sum(scores.bonus),
                  let penalty = FixedPoint.sum(scores.penalties.lazy.map(\.points)),
                  case let bonus = min(bonusSum, cap),
                  case let (withBonus, o1) = base.addingReportingOverflow(bonus),
                  case let (raw, o2) = withBonus.subtractingReportingOverflow(penalty), !o1, !o2,
                  let total = FixedPoint.round(raw, decimals: rounding.decimals, mode: rounding.mode)
            else { return nil }
            return Scored(
                unit: scores.unit, sectionPoints: sectionPoints.map(FixedPoint.decimal),
                base: FixedPoint.decimal(base), bonus: FixedPoint.decimal(bonus),
                penalty: FixedPoint.decimal(penalty), total: FixedPoint.decimal(total),
                fixed: Key(total: total, base: base, penalty: penalty, bonus: bonus), penalties: scores.penalties
            )
        }

        private func checkedSum(_ values: [Int64]) -> Int64? {
            var total: Int64 = 0
            for value in values {
                let (next, overflow) = total.addingReportingOverflow(value)
                guard !overflow else { return nil }
                total = next
            }
            return total
        }
    }
}
