import Foundation
import Testing
@testable import ThiDuaCore

/// The integer fast path must agree exactly with the Decimal path, and refuse what it cannot hold.
@Suite struct ScoringFixedPointTests {
    @Test(arguments: [
        ("0", Int64?(0)), ("0.25", 250_000), ("-1.5", -1_500_000), ("100", 100_000_000), ("1E+3", 1_000_000_000),
        ("0.000001", 1), ("0.0000010", 1), ("-94.995", -94_995_000), ("4503599627", 4_503_599_627_000_000),
        ("0.0000001", nil), ("1.0000005", nil), ("1E+30", nil), ("123456789012345678901234567890", nil),
        ("9223372036854.775807", nil), ("-0.00000000000000000001", nil),
    ])
    func conversion(text: String, expected: Int64?) {
        #expect(FixedPoint.from(dec(text)) == expected)
        if let expected {
            #expect(FixedPoint.decimal(expected) == dec(text))
        }
    }

    @Test func nanIsRefused() {
        #expect(FixedPoint.from(.nan) == nil)
        #expect(FixedPoint.sum([1, .nan]) == nil)
    }

    @Test func sumsAreExactOrRefused() {
        #expect(FixedPoint.sum([dec("0.25"), dec("0.5"), dec("-0.125")]) == 625_000)
        #expect(FixedPoint.sum([Decimal]()) == 0)
        #expect(FixedPoint.sum([dec("4503599627"), dec("4503599627"), dec("4503599627")]) == 13_510_798_881_000_000)
        #expect(FixedPoint.from(dec("4E+12")) == 4_000_000_000_000_000_000)
        #expect(FixedPoint.sum([dec("4E+12"), dec("4E+12"), dec("4E+12")]) == nil, "overflow")
    }

    /// Rounding in millionths matches `ScoringNumber.round` on random six-decimal values.
    @Test func roundingMatchesTheDecimalPath() {
        var rng = RankingSeededGenerator(seed: 6)
        for _ in 0..<3_000 {
            // multiples of 0.000001 … 0.005, so exact halves are common
            let millionths = Int64.random(in: -40_000...40_000, using: &rng) * [1, 10, 1_000, 5_000].randomElement(using: &rng)!
            let value = FixedPoint.decimal(millionths)
            for mode in Rounding.Mode.allCases {
                for decimals in [0, 1, 2, 3, 4, 6, 8] {
                    let fast = FixedPoint.round(millionths, decimals: decimals, mode: mode).map(FixedPoint.decimal)
                    #expect(fast == ScoringNumber.round(value, decimals: decimals, mode: mode), "\(value) \(mode) \(decimals)")
                }
            }
        }
    }

    @Test func roundingHalvesExactly() {
        #expect(FixedPoint.round(94_995_000, decimals: 2, mode: .halfUp) == 95_000_000)
        #expect(FixedPoint.round(94_985_000, decimals: 2, mode: .halfEven) == 94_980_000)
        #expect(FixedPoint.round(94_999_000, decimals: 2, mode: .down) == 94_990_000)
        #expect(FixedPoint.round(-94_995_000, decimals: 2, mode: .halfUp) == -95_000_000)
        #expect(FixedPoint.round(-94_999_000, decimals: 2, mode: .down) == -94_990_000)
        #expect(FixedPoint.round(Int64.max, decimals: 0, mode: .halfUp) == nil)
    }

    /// Random units through both paths: the same points, totals and keys.
    @Test func fastAndExactScoresAgree() {
        var rng = RankingSeededGenerator(seed: 60)
        let steps = [dec("0.25"), dec("0.5"), dec("0.001"), dec("0.000001"), 1]
        for _ in 0..<300 {
            let rounding = Rounding(decimals: Int.random(in: 0...4, using: &rng), mode: Rounding.Mode.allCases.randomElement(using: &rng)!)
            let layout = Ranking.Layout(smallTable, rounding: rounding)
            let step = steps.randomElement(using: &rng)!
            let points = Dictionary(uniqueKeysWithValues: ["A.1", "A.2", "B.1"].map { code in
                (code, step * Decimal(Int.random(in: 0...80, using: &rng)))
            })
            let scores = UnitScores(
                unit: "u", leafPoints: points,
                bonus: (0..<Int.random(in: 0...3, using: &rng)).map { _ in step * Decimal(Int.random(in: 0...30, using: &rng)) },
                penalties: [PenaltyEntry(kind: "cham", points: step * Decimal(Int.random(in: 0...9, using: &rng)))]
            )
            guard let fast = layout.fastScore(scores) else {
                Issue.record("fast path refused \(scores)")
                continue
            }
            let exact = layout.exactScore(scores)
            #expect(fast.sectionPoints == exact.sectionPoints)
            #expect(fast.base == exact.base && fast.bonus == exact.bonus && fast.penalty == exact.penalty)
            #expect(fast.total == exact.total, "\(scores) \(rounding)")
            #expect(fast.fixed.map { FixedPoint.decimal($0.total) } == exact.total)
        }
    }

    /// Points with more than six decimals take the Decimal path; the ranking stays exact and, since one unit
    /// lacks integer keys, every unit is compared as Decimal.
    @Test func unitsBeyondSixDecimalsAreRankedExactly() throws {
        let fine = UnitScores(unit: "fine", leafPoints: ["B.1": dec("90.0000004")])
        let plain = unit("plain", base: 90)
        let rules = rankingRules(tieBreaks: [.higherBase, .sharedRank], rounding: Rounding(decimals: 4, mode: .halfUp))
        #expect(Ranking.Layout(smallTable, rounding: rules.rounding).fastScore(fine) == nil)
        let lines = Ranking.rank([plain, fine], table: smallTable, ruleSet: rules)
        #expect(lines.map(\.unit) == ["fine", "plain"], "level at 90.0000 after rounding; higher exact base first")
        #expect(lines.map(\.rank) == [1, 2])
        #expect(lines[0].base == dec("90.0000004"))
        #expect(lines[0].total == 90)
    }
}
