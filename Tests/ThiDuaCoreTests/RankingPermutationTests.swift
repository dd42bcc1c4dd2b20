import Foundation
import Testing
@testable import ThiDuaCore

/// A random but valid ranking case on the illustrative table: 1–12 units whose leaf points are
/// mostly full marks (so totals often meet), a few bonus and penalty items, and random ranking rules.
private func randomCase(_ rng: inout RankingSeededGenerator) -> (units: [UnitScores], rules: RuleSet) {
    let table = ScoringTable.illustrative2023
    let units = (1...Int.random(in: 1...12, using: &rng)).map { i -> UnitScores in
        var points: [String: Decimal] = [:]
        for leaf in table.leaves {
            let maximum = leaf.maxPoints!, step = leaf.step!
            switch Int.random(in: 0..<10, using: &rng) {
            case 0: break  // not scored: counts as 0
            case 1...2: points[leaf.code] = maximum - step
            case 3: points[leaf.code] = maximum - 2 * step
            default: points[leaf.code] = maximum
            }
        }
        let bonusChoices: [Decimal] = [dec("0.5"), 1, 2, 5, 8]
        let bonus = (0..<Int.random(in: 0...3, using: &rng)).map { _ in bonusChoices.randomElement(using: &rng)! }
        let penalties = (0..<Int.random(in: 0...2, using: &rng)).map { _ -> PenaltyEntry in
            let item = table.penaltyItems.randomElement(using: &rng)!
            return PenaltyEntry(kind: item.kind, points: item.points)
        }
        return UnitScores(unit: "u\(i)", leafPoints: points, bonus: bonus, penalties: penalties)
    }
    var tieBreaks = Array([TieBreak.higherBase, .fewerPenaltyPoints, .higherBonus].shuffled(using: &rng)
        .prefix(Int.random(in: 0...3, using: &rng)))
    if Bool.random(using: &rng) { tieBreaks.append(.sharedRank) }
    let rules = rankingRules(
        tieBreaks: tieBreaks,
        rounding: Rounding(decimals: Int.random(in: 0...2, using: &rng), mode: Rounding.Mode.allCases.randomElement(using: &rng)!),
        eligibility: Eligibility(
            minimumTotal: [nil, 90, 95.5].randomElement(using: &rng)!,
            maximumRank: [nil, 1, 3].randomElement(using: &rng)!,
            excludedPenaltyKinds: Bool.random(using: &rng) ? ["kyLuat"] : []
        )
    )
    return (units, rules)
}

@Suite struct RankingPermutationTests {
    static let seeds = Array(1...150 as ClosedRange<UInt64>)

    @Test func randomCasesCoverSharedRanksAndAllRules() {
        var shared = 0, ineligible = 0, capped = 0
        for seed in Self.seeds {
            var rng = RankingSeededGenerator(seed: seed)
            let (units, rules) = randomCase(&rng)
            let lines = Ranking.rank(units, table: .illustrative2023, ruleSet: rules)
            if Set(lines.map(\.rank)).count < lines.count { shared += 1 }
            if lines.contains(where: { !$0.eligible }) { ineligible += 1 }
            if lines.contains(where: { $0.bonus == 10 }) { capped += 1 }
        }
        #expect(shared >= 10)
        #expect(ineligible >= 10)
        #expect(capped >= 10)
    }

    /// The ranking of every random case is the same for five shuffles and the reversed input.
    @Test(arguments: seeds)
    func independentOfInputOrder(seed: UInt64) {
        var rng = RankingSeededGenerator(seed: seed)
        let (units, rules) = randomCase(&rng)
        let baseline = Ranking.rank(units, table: .illustrative2023, ruleSet: rules)
        #expect(baseline.count == units.count)
        #expect(Ranking.rank(units.reversed(), table: .illustrative2023, ruleSet: rules) == baseline)
        for _ in 0..<5 {
            #expect(Ranking.rank(units.shuffled(using: &rng), table: .illustrative2023, ruleSet: rules) == baseline)
        }
    }

    /// Ranks are competition ranks: the first is 1, each is its position or its predecessor's,
    /// lines are sorted by (rank, unit), and units on one rank have equal totals.
    @Test(arguments: seeds)
    func ranksAreWellFormed(seed: UInt64) {
        var rng = RankingSeededGenerator(seed: seed)
        let (units, rules) = randomCase(&rng)
        let lines = Ranking.rank(units, table: .illustrative2023, ruleSet: rules)
        for (i, line) in lines.enumerated() {
            if i == 0 {
                #expect(line.rank == 1)
                continue
            }
            let previous = lines[i - 1]
            #expect(line.rank == previous.rank || line.rank == i + 1)
            #expect(previous.total >= line.total)
            if line.rank == previous.rank {
                #expect(line.total == previous.total)
                #expect(previous.unit < line.unit)
            }
            #expect(line.total == rules.rounding.apply(decimal: line.base + line.bonus - line.penalty))
        }
    }

    /// The integer keys order units exactly as the Decimal keys do.
    @Test(arguments: seeds)
    func integerAndDecimalKeysAgree(seed: UInt64) throws {
        var rng = RankingSeededGenerator(seed: seed)
        let (units, rules) = randomCase(&rng)
        let layout = Ranking.Layout(.illustrative2023, rounding: rules.rounding)
        let scored = units.map(layout.score)
        let fixed = scored.compactMap(\.fixed)
        try #require(fixed.count == scored.count)
        let tieBreaks = Array(rules.tieBreaks.prefix { $0 != .sharedRank })
        let viaIntegers = Ranking.sortOrder(keys: fixed, scored: scored, rules: tieBreaks)
        let viaDecimals = Ranking.sortOrder(keys: scored.map(\.decimalKey), scored: scored, rules: tieBreaks)
        #expect(viaIntegers.order == viaDecimals.order)
        #expect(viaIntegers.levelWithPrevious == viaDecimals.levelWithPrevious)
    }

    /// Even a repeated unit ID (which the server should never send) cannot make the output depend on order.
    @Test func repeatedIDsAreOrderedByContent() {
        let a = unit("same", base: 90, bonus: [1])
        let b = unit("same", base: 91)
        let rules = rankingRules(tieBreaks: [.sharedRank])
        let forward = Ranking.rank([a, b], table: smallTable, ruleSet: rules)
        #expect(forward == Ranking.rank([b, a], table: smallTable, ruleSet: rules))
        #expect(forward.map(\.rank) == [1, 1])
    }
}
