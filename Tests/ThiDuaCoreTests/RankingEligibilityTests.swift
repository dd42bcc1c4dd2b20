import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct RankingEligibilityTests {
    func ranked(_ units: [UnitScores], _ eligibility: Eligibility, tieBreaks: [TieBreak] = [.sharedRank]) -> [String: RankedUnit] {
        let lines = Ranking.rank(units, table: smallTable, ruleSet: rankingRules(tieBreaks: tieBreaks, eligibility: eligibility))
        return Dictionary(uniqueKeysWithValues: lines.map { ($0.unit, $0) })
    }

    @Test func noRulesEveryoneIsEligible() {
        let lines = ranked([unit("a", base: 10), unit("b", base: 0, penalties: [PenaltyEntry(kind: "kyLuat", points: 5)])],
                           Eligibility())
        #expect(lines.values.allSatisfy { $0.eligible && $0.ineligibilityReasons.isEmpty })
    }

    @Test func minimumTotal() {
        let lines = ranked([unit("a", base: dec("88.5")), unit("b", base: 90), unit("c", base: dec("89.999"))],
                           Eligibility(minimumTotal: 90))
        #expect(lines["a"]?.ineligibilityReasons == ["Tổng điểm 88,5 thấp hơn mức tối thiểu 90"])
        #expect(lines["a"]?.eligible == false)
        #expect(lines["b"]?.eligible == true)
        // 89.999 rounds half-up to 90.00, and eligibility reads the rounded total.
        #expect(lines["c"]?.total == 90)
        #expect(lines["c"]?.eligible == true)
    }

    @Test func minimumTotalIsAnExactDecimal() {
        let lines = ranked([unit("a", base: dec("89.9")), unit("b", base: dec("89.89"))], Eligibility(minimumTotal: 89.9))
        #expect(lines["a"]?.eligible == true)
        #expect(lines["b"]?.ineligibilityReasons == ["Tổng điểm 89,89 thấp hơn mức tối thiểu 89,9"])
    }

    /// Shared ranks count as such: two units level on rank 2 are both within "rank ≤ 2".
    @Test func maximumRankWithSharedRanks() {
        let lines = ranked([unit("a", base: 95), unit("b", base: 90), unit("c", base: 90), unit("d", base: 85)],
                           Eligibility(maximumRank: 2))
        #expect(["a", "b", "c", "d"].map { lines[$0]?.rank } == [1, 2, 2, 4])
        #expect(["a", "b", "c", "d"].map { lines[$0]?.eligible } == [true, true, true, false])
        #expect(lines["d"]?.ineligibilityReasons == ["Xếp hạng 4, ngoài phạm vi được xét (đến hạng 2)"])
    }

    @Test func excludedPenaltyKinds() {
        let lines = ranked([
            unit("a", base: 95, penalties: [PenaltyEntry(kind: "kyLuat", points: 5)]),
            unit("b", base: 95, penalties: [PenaltyEntry(kind: "viPham", points: 3)]),
            unit("c", base: 95, penalties: [PenaltyEntry(kind: "kyLuat", points: 0)]),
            unit("d", base: 95),
        ], Eligibility(excludedPenaltyKinds: ["kyLuat"]))
        #expect(lines["a"]?.ineligibilityReasons == ["Có điểm trừ loại kyLuat"])
        #expect(lines["b"]?.eligible == true)
        #expect(lines["c"]?.eligible == false, "the kind rules a unit out whatever its points")
        #expect(lines["d"]?.eligible == true)
    }

    /// All reasons, in a fixed order: total, rank, then each excluded kind once, in the rule set's order.
    @Test func reasonsAreCompleteAndOrdered() {
        let penalties = [
            PenaltyEntry(kind: "viPham", points: 1), PenaltyEntry(kind: "kyLuat", points: 2),
            PenaltyEntry(kind: "viPham", points: 1), PenaltyEntry(kind: "cham", points: dec("0.5")),
        ]
        let lines = ranked([unit("a", base: 95), unit("b", base: 90), unit("z", base: 90, penalties: penalties)],
                           Eligibility(minimumTotal: 90, maximumRank: 2, excludedPenaltyKinds: ["kyLuat", "viPham"]))
        #expect(lines["z"]?.total == dec("85.5"))
        #expect(lines["z"]?.ineligibilityReasons == [
            "Tổng điểm 85,5 thấp hơn mức tối thiểu 90",
            "Xếp hạng 3, ngoài phạm vi được xét (đến hạng 2)",
            "Có điểm trừ loại kyLuat",
            "Có điểm trừ loại viPham",
        ])
        #expect(lines["a"]?.eligible == true && lines["b"]?.eligible == true)
    }

    /// The example rule set: minimum 90, no rank limit.
    @Test func exampleRuleSet() throws {
        let example = try RuleSet.decode(try exampleRuleSetData())
        let lines = Ranking.rank([unit("a", base: dec("88.5")), unit("b", base: 92)], table: smallTable, ruleSet: example)
        #expect(lines.map(\.eligible) == [true, false])
        #expect(lines[1].ineligibilityReasons == ["Tổng điểm 88,5 thấp hơn mức tối thiểu 90"])
        #expect(lines.map(\.classification) == ["Hoàn thành tốt nhiệm vụ", "Hoàn thành tốt nhiệm vụ"])
    }
}
