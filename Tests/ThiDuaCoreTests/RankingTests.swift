import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct RankingTests {
    func ranked(_ units: [UnitScores], _ rules: RuleSet = rankingRules()) -> [RankedUnit] {
        Ranking.rank(units, table: smallTable, ruleSet: rules)
    }

    @Test func emptyInput() {
        #expect(ranked([]).isEmpty)
    }

    @Test func pointsAndSectionSubtotals() throws {
        let scores = UnitScores(
            unit: "u1",
            leafPoints: ["A.1": dec("40.25"), "B.1": dec("12.5"), "A": 99, "Z.9": 99],  // A.2 missing = 0
            bonus: [2, dec("1.5")],
            penalties: [PenaltyEntry(kind: "cham", points: dec("0.5")), PenaltyEntry(kind: "viPham", points: 1)]
        )
        let line = try #require(ranked([scores]).first)
        #expect(line.sections == [
            SectionSubtotal(code: "A", title: "Công tác tham mưu", points: dec("40.25"), maxPoints: 80),
            SectionSubtotal(code: "B", title: "Xây dựng Đảng", points: dec("12.5"), maxPoints: 20),
        ])
        #expect(line.base == dec("52.75"))
        #expect(line.bonus == dec("3.5"))
        #expect(line.penalty == dec("1.5"))
        #expect(line.total == dec("54.75"))
        #expect(line.rank == 1)
        #expect(line.classification == nil, "below the lowest band")
        #expect(line.eligible && line.ineligibilityReasons.isEmpty)
    }

    @Test(arguments: [
        (["3", "4"], "7"), (["6", "4"], "10"), (["8", "4", "0.25"], "10"), (["10"], "10"), ([], "0"),
    ])
    func bonusIsCapped(items: [String], expected: String) throws {
        let line = try #require(ranked([unit("u1", base: 80, bonus: items.map(dec))]).first)
        #expect(line.bonus == dec(expected))
        #expect(line.total == 80 + dec(expected))
    }

    /// Over the cap, extra bonus cannot win: both are capped at 10, so they tie and share the rank.
    @Test func bonusOverTheCapDoesNotBreakTies() {
        let lines = ranked([unit("a", base: 80, bonus: [15]), unit("b", base: 80, bonus: [10])])
        #expect(lines.map(\.total) == [90, 90])
        #expect(lines.map(\.rank) == [1, 1])
        #expect(lines.map(\.bonus) == [10, 10])
    }

    @Test func equalTotalsShareARankAndSkipTheNext() {
        let rules = rankingRules(tieBreaks: [.sharedRank])
        let lines = ranked([
            unit("d", base: 85), unit("a", base: 90), unit("c", base: 90), unit("b", base: 90),
            unit("e", base: 70), unit("f", base: 70), unit("g", base: 60),
        ], rules)
        #expect(lines.map(\.unit) == ["a", "b", "c", "d", "e", "f", "g"])
        #expect(lines.map(\.rank) == [1, 1, 1, 4, 5, 5, 7])
    }

    @Test func sortedByRankThenUnit() {
        let lines = ranked([unit("z", base: 90), unit("m", base: 95), unit("b", base: 90), unit("a", base: 80)])
        #expect(lines.map(\.unit) == ["m", "b", "z", "a"])
        #expect(lines.map(\.rank) == [1, 2, 2, 4])
    }

    /// (raw total as base − penalty, rounding, expected total, expected band)
    @Test(arguments: [
        ("94.995", Rounding(decimals: 2, mode: .halfUp), "95", String?("Xuất sắc")),
        ("94.985", Rounding(decimals: 2, mode: .halfEven), "94.98", "Tốt"),
        ("94.995", Rounding(decimals: 2, mode: .halfEven), "95", "Xuất sắc"),
        ("94.999", Rounding(decimals: 2, mode: .down), "94.99", "Tốt"),
        ("94.994", Rounding(decimals: 2, mode: .halfUp), "94.99", "Tốt"),
        ("94.95", Rounding(decimals: 1, mode: .halfEven), "95", "Xuất sắc"),
        ("94.5", Rounding(decimals: 0, mode: .halfEven), "94", "Tốt"),
        ("69.999", Rounding(decimals: 2, mode: .halfUp), "70", "Hoàn thành"),
        ("69.999", Rounding(decimals: 2, mode: .down), "69.99", nil),
    ])
    func roundingDecidesTheTotalAndItsBand(raw: String, rounding: Rounding, total: String, band: String?) throws {
        // base is a multiple of 0.001 placed on B.1 (no step); the rest on A.1
        let line = try #require(ranked([unit("u", base: dec(raw))], rankingRules(rounding: rounding)).first)
        #expect(line.base == dec(raw))
        #expect(line.total == dec(total))
        #expect(line.classification == band)
    }

    /// Rounded totals that meet are a tie, even though the exact sums differ.
    @Test func tiesAreOnRoundedTotals() {
        let lines = ranked([unit("a", base: dec("94.996")), unit("b", base: dec("95.004"))],
                           rankingRules(tieBreaks: [.sharedRank]))
        #expect(lines.map(\.total) == [95, 95])
        #expect(lines.map(\.rank) == [1, 1])
        let broken = ranked([unit("a", base: dec("94.996")), unit("b", base: dec("95.004"))],
                            rankingRules(tieBreaks: [.higherBase]))
        #expect(broken.map(\.unit) == ["b", "a"])
        #expect(broken.map(\.rank) == [1, 2])
    }

    @Test func bandThresholdsAreExactDecimals() {
        let bands = [ClassificationBand(label: "Cao", minimumTotal: 90.1), ClassificationBand(label: "Thấp", minimumTotal: 0)]
        let lines = ranked([unit("a", base: dec("90.1")), unit("b", base: dec("90.09"))], rankingRules(bands: bands))
        #expect(lines.map(\.classification) == ["Cao", "Thấp"])
    }

    @Test func highestReachedBandWinsWhateverTheListOrder() {
        let bands = [
            ClassificationBand(label: "Tốt", minimumTotal: 85),
            ClassificationBand(label: "Xuất sắc", minimumTotal: 95),
            ClassificationBand(label: "Hoàn thành", minimumTotal: 70),
        ]
        let lines = ranked([unit("a", base: 96), unit("b", base: 85), unit("c", base: 69)], rankingRules(bands: bands))
        #expect(lines.map(\.classification) == ["Xuất sắc", "Tốt", nil])
    }

    @Test func negativeTotalsAreRankedToo() {
        let lines = ranked([
            unit("a", base: 1, penalties: [PenaltyEntry(kind: "viPham", points: dec("3.125"))]),
            unit("b", base: 0),
        ], rankingRules(rounding: Rounding(decimals: 2, mode: .halfUp)))
        #expect(lines.map(\.unit) == ["b", "a"])
        #expect(lines.map(\.total) == [0, dec("-2.13")])
    }

    @Test func resultIsCodable() throws {
        let lines = ranked([unit("a", base: dec("88.25"), bonus: [1], penalties: [PenaltyEntry(kind: "cham", points: 1)])])
        let data = try JSONEncoder().encode(lines)
        #expect(try JSONDecoder().decode([RankedUnit].self, from: data) == lines)
        let scores = UnitScores(unit: "a", leafPoints: ["A.1": dec("0.25")], bonus: [1],
                                penalties: [PenaltyEntry(kind: "kyLuat", points: 5)])
        #expect(try JSONDecoder().decode(UnitScores.self, from: JSONEncoder().encode(scores)) == scores)
    }

    @Test func illustrativeTableFullMarks() throws {
        let table = ScoringTable.illustrative2023
        var points: [String: Decimal] = [:]
        for leaf in table.leaves { points[leaf.code] = leaf.maxPoints }
        let example = try RuleSet.decode(try exampleRuleSetData())
        let lines = Ranking.rank([UnitScores(unit: "u", leafPoints: points, bonus: [4])], table: table, ruleSet: example)
        let line = try #require(lines.first)
        #expect(line.base == 100 && line.total == 104)
        #expect(line.sections.map(\.points) == [30, 25, 15, 15, 15])
        #expect(line.sections.map(\.points) == line.sections.map(\.maxPoints))
        #expect(line.classification == "Hoàn thành xuất sắc nhiệm vụ")
    }
}
