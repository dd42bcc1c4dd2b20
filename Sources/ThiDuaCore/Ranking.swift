import Foundation

/// Ranking and classification (xếp hạng, xếp loại) of a bloc's units from their agreed scores: a pure function.
///
/// - base = the sum of the table's leaf points (a missing leaf is 0; codes that are not leaves are ignored);
/// - bonus = min(sum of the bonus items, `table.bonusCap`); penalty = the sum of the penalty points;
/// - total = base + bonus − penalty, rounded per `ruleSet.rounding` in exact decimal arithmetic.
///
/// Units are ordered by total (descending), then by `ruleSet.tieBreaks` in order: `higherBase`,
/// `fewerPenaltyPoints`, `higherBonus`; `sharedRank` stops there. Units still level share a rank, and
/// the next rank is skipped (1, 1, 3) — also when the list runs out without `sharedRank`: a rank is never
/// decided by unit ID or input order. Within a rank, units are listed by ID.
///
/// Classification uses the rounded total and the highest band it reaches. A unit is eligible for
/// nomination when its total reaches `eligibility.minimumTotal`, its (shared) rank is within
/// `eligibility.maximumRank`, and it has no penalty entry of an excluded kind (whatever its points).
///
/// The result does not depend on the order of `units`. Scores are used as given: check them with
/// `ScoreCheck` when they are entered.
public enum Ranking {
    /// Ranks `units` on `table` under `ruleSet`; sorted by rank, then unit ID. See the type's notes.
    public static func rank(_ units: [UnitScores], table: ScoringTable, ruleSet: RuleSet) -> [RankedUnit] {
        let layout = Layout(table, rounding: ruleSet.rounding)
        let scored = units.map(layout.score)
        let rules = Array(ruleSet.tieBreaks.prefix { $0 != .sharedRank })
        // Integer keys when every unit has them; otherwise all compare as Decimal, so the order is one order.
        let fixedKeys = scored.compactMap(\.fixed)
        let (order, levelWithPrevious) = fixedKeys.count == scored.count
            ? sortOrder(keys: fixedKeys, scored: scored, rules: rules)
            : sortOrder(keys: scored.map(\.decimalKey), scored: scored, rules: rules)

        let bands = ruleSet.classificationBands
            .map { (label: $0.label, minimum: ScoringNumber.decimal($0.minimumTotal)) }
            .sorted { $0.minimum > $1.minimum }
        let eligibility = EligibilityCheck(ruleSet.eligibility)

        var result: [RankedUnit] = []
        result.reserveCapacity(order.count)
        var rank = 0
        for (position, index) in order.enumerated() {
            let unit = scored[index]
            if !levelWithPrevious[position] { rank = position + 1 }
            let reasons = eligibility.reasons(total: unit.total, rank: rank, penalties: unit.penalties)
            result.append(RankedUnit(
                unit: unit.unit,
                sections: zip(layout.sections, unit.sectionPoints).map { section, points in
                    SectionSubtotal(code: section.code, title: section.title, points: points, maxPoints: section.maxPoints)
                },
                base: unit.base, bonus: unit.bonus, penalty: unit.penalty, total: unit.total, rank: rank,
                classification: bands.first { unit.total >= $0.minimum }?.label,
                eligible: reasons.isEmpty, ineligibilityReasons: reasons
            ))
        }
        // Only repeated unit IDs can leave two lines level on (rank, unit); order those by content.
        let repeated = zip(result, result.dropFirst()).contains { $0.rank == $1.rank && $0.unit == $1.unit }
        guard repeated else { return result }
        return result.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            if a.unit != b.unit { return a.unit < b.unit }
            return String(describing: a) < String(describing: b)
        }
    }

    /// Indices of `scored` in ranking order (level units by ID), and for each position whether
    /// that unit is level with the one before it (and so shares its rank).
    static func sortOrder<Value: Comparable>(
        keys: [Key<Value>], scored: [Scored], rules: [TieBreak]
    ) -> (order: [Int], levelWithPrevious: [Bool]) {
        let order = keys.indices.sorted { a, b in
            let c = keys[a].compare(keys[b], rules: rules)
            return c != 0 ? c < 0 : scored[a].unit < scored[b].unit
        }
        let level = order.indices.map { i in i > 0 && keys[order[i - 1]].compare(keys[order[i]], rules: rules) == 0 }
        return (order, level)
    }

    /// The rule set's eligibility rules, with the minimum total converted to `Decimal` once.
    struct EligibilityCheck {
        var minimumTotal: Decimal?
        var maximumRank: Int?
        var excludedKinds: [String]

        init(_ eligibility: Eligibility) {
            minimumTotal = eligibility.minimumTotal.map(ScoringNumber.decimal)
            maximumRank = eligibility.maximumRank
            excludedKinds = eligibility.excludedPenaltyKinds
        }

        /// Vietnamese reasons, in a fixed order: total, rank, then excluded kinds in the rule set's order.
        func reasons(total: Decimal, rank: Int, penalties: [PenaltyEntry]) -> [String] {
            var reasons: [String] = []
            if let minimum = minimumTotal, total < minimum {
                reasons.append("Tổng điểm \(ScoringNumber.vietnamese(total)) thấp hơn mức tối thiểu \(ScoringNumber.vietnamese(minimum))")
            }
            if let maximum = maximumRank, rank > maximum {
                reasons.append("Xếp hạng \(rank), ngoài phạm vi được xét (đến hạng \(maximum))")
            }
            for kind in excludedKinds where penalties.contains(where: { $0.kind == kind }) {
                reasons.append("Có điểm trừ loại \(kind)")
            }
            return reasons
        }
    }
}
