import Foundation
import Testing
@testable import ThiDuaCore

/// Four units, all with a total of 90, that each tie-break orders differently:
///
/// | unit | base | bonus | penalty |
/// |------|------|-------|---------|
/// | u1   | 85   | 5     | 0       |
/// | u2   | 88   | 4     | 2       |
/// | u3   | 86   | 6     | 2       |
/// | u4   | 88   | 3     | 1       |
@Suite struct RankingTieBreakTests {
    static let units = [
        unit("u1", base: 85, bonus: [5]),
        unit("u2", base: 88, bonus: [4], penalties: [PenaltyEntry(kind: "cham", points: 2)]),
        unit("u3", base: 86, bonus: [6], penalties: [PenaltyEntry(kind: "cham", points: 1), PenaltyEntry(kind: "cham", points: 1)]),
        unit("u4", base: 88, bonus: [3], penalties: [PenaltyEntry(kind: "viPham", points: 1)]),
    ]

    /// unit → rank under these tie-breaks.
    static func ranks(_ tieBreaks: [TieBreak]) -> [String: Int] {
        let lines = Ranking.rank(units, table: smallTable, ruleSet: rankingRules(tieBreaks: tieBreaks))
        #expect(lines.allSatisfy { $0.total == 90 })
        return Dictionary(uniqueKeysWithValues: lines.map { ($0.unit, $0.rank) })
    }

    @Test(arguments: [
        ([TieBreak.higherBase, .fewerPenaltyPoints, .higherBonus], ["u4": 1, "u2": 2, "u3": 3, "u1": 4]),
        ([.higherBase, .higherBonus, .fewerPenaltyPoints], ["u2": 1, "u4": 2, "u3": 3, "u1": 4]),
        ([.fewerPenaltyPoints, .higherBase, .higherBonus], ["u1": 1, "u4": 2, "u2": 3, "u3": 4]),
        ([.fewerPenaltyPoints, .higherBonus, .higherBase], ["u1": 1, "u4": 2, "u3": 3, "u2": 4]),
        ([.higherBonus, .higherBase, .fewerPenaltyPoints], ["u3": 1, "u1": 2, "u2": 3, "u4": 4]),
        ([.higherBonus, .fewerPenaltyPoints, .higherBase], ["u3": 1, "u1": 2, "u2": 3, "u4": 4]),
    ])
    func everyFullOrder(tieBreaks: [TieBreak], expected: [String: Int]) throws {
        try rankingRules(tieBreaks: tieBreaks + [.sharedRank]).validate()
        #expect(Self.ranks(tieBreaks + [.sharedRank]) == expected)
        #expect(Self.ranks(tieBreaks) == expected, "without sharedRank at the end")
    }

    @Test func sharedRankStopsTheList() {
        #expect(Self.ranks([.sharedRank]) == ["u1": 1, "u2": 1, "u3": 1, "u4": 1])
        #expect(Self.ranks([.higherBase, .sharedRank]) == ["u2": 1, "u4": 1, "u3": 3, "u1": 4])
        #expect(Self.ranks([.fewerPenaltyPoints, .sharedRank]) == ["u1": 1, "u4": 2, "u2": 3, "u3": 3])
        // Not a valid rule set, but the rank must still stop at sharedRank rather than read on.
        #expect(Self.ranks([.sharedRank, .higherBase]) == ["u1": 1, "u2": 1, "u3": 1, "u4": 1])
    }

    /// When the list runs out without sharedRank, level units still share: never decided by ID.
    @Test func runningOutOfTieBreaksSharesTheRank() {
        #expect(Self.ranks([]) == ["u1": 1, "u2": 1, "u3": 1, "u4": 1])
        #expect(Self.ranks([.higherBase]) == ["u2": 1, "u4": 1, "u3": 3, "u1": 4])
        #expect(Self.ranks([.fewerPenaltyPoints]) == ["u1": 1, "u4": 2, "u2": 3, "u3": 3])
        #expect(Self.ranks([.higherBonus]) == ["u3": 1, "u1": 2, "u2": 3, "u4": 4])
    }

    /// Every ordered subset of the three rules, with and without sharedRank, against a reference:
    /// rank = 1 + the number of units strictly ahead on (total, rules…).
    @Test func everyOrderedSubsetMatchesTheReference() {
        let rules: [TieBreak] = [.higherBase, .fewerPenaltyPoints, .higherBonus]
        var sequences: [[TieBreak]] = [[]]
        for _ in rules {
            sequences += sequences.flatMap { s in rules.filter { !s.contains($0) }.map { s + [$0] } }
        }
        sequences = Array(Set(sequences.map { $0.map(\.rawValue) })).map { $0.map { TieBreak(rawValue: $0)! } }
        #expect(sequences.count == 16)
        for sequence in sequences {
            for tieBreaks in [sequence, sequence + [.sharedRank]] {
                let lines = Ranking.rank(Self.units, table: smallTable, ruleSet: rankingRules(tieBreaks: tieBreaks))
                for line in lines {
                    let ahead = lines.filter { Self.key($0, sequence) .lexicographicallyPrecedes(Self.key(line, sequence)) }
                    #expect(line.rank == 1 + ahead.count, "\(tieBreaks) \(line.unit)")
                }
            }
        }
    }

    /// Sort key where smaller is better: −total, then per rule −base, penalty, −bonus.
    static func key(_ line: RankedUnit, _ rules: [TieBreak]) -> [Decimal] {
        [-line.total] + rules.map { rule in
            switch rule {
            case .higherBase: -line.base
            case .fewerPenaltyPoints: line.penalty
            case .higherBonus: -line.bonus
            case .sharedRank: 0
            }
        }
    }

    /// Totals decide before any tie-break: a higher total wins even with a lower base and more penalties.
    @Test func totalComesFirst() {
        let lines = Ranking.rank([
            unit("a", base: 80, bonus: [10], penalties: [PenaltyEntry(kind: "cham", points: 3)]),  // 87
            unit("b", base: 86),                                                                      // 86
        ], table: smallTable, ruleSet: rankingRules(tieBreaks: [.higherBase, .fewerPenaltyPoints]))
        #expect(lines.map(\.unit) == ["a", "b"])
        #expect(lines.map(\.rank) == [1, 2])
    }
}
