import Foundation
import Testing
@testable import ThiDuaCore

// Shared fixtures for the Scoring* and Ranking* suites.

/// An exact decimal from its text; a typo in a test table stops the run loudly.
func dec(_ text: String) -> Decimal {
    guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
        fatalError("bad test decimal \(text)")
    }
    return value
}

/// A small table: A (A.1 max 50 step 0.25, A.2 max 30 step 0.5) and B (B.1 max 20, any value);
/// 100 base points, bonus cap 10.
let smallTable = ScoringTable(
    sections: [
        ScoringNode(code: "A", title: "Công tác tham mưu", children: [
            ScoringNode(code: "A.1", title: "Tham mưu văn bản", maxPoints: 50, step: dec("0.25")),
            ScoringNode(code: "A.2", title: "Kiểm tra, giám sát", maxPoints: 30, step: dec("0.5")),
        ]),
        ScoringNode(code: "B", title: "Xây dựng Đảng", children: [
            ScoringNode(code: "B.1", title: "Tổ chức cơ sở đảng", maxPoints: 20),
        ]),
    ],
    bonusCap: 10,
    penaltyItems: [PenaltyItem(code: "T.1", title: "Kỷ luật", points: 5, kind: "kyLuat")]
)

/// A valid rule set for ranking tests; only the ranking fields vary.
func rankingRules(
    tieBreaks: [TieBreak] = [.higherBase, .fewerPenaltyPoints, .higherBonus, .sharedRank],
    bands: [ClassificationBand] = [
        ClassificationBand(label: "Xuất sắc", minimumTotal: 95),
        ClassificationBand(label: "Tốt", minimumTotal: 85),
        ClassificationBand(label: "Hoàn thành", minimumTotal: 70),
    ],
    rounding: Rounding = Rounding(decimals: 2, mode: .halfUp),
    eligibility: Eligibility = Eligibility()
) -> RuleSet {
    RuleSet(
        key: "test-ranking", version: "1", name: "Bộ quy tắc thử", isExample: true, legalBasis: [],
        flagQuota: .absolute(1),
        voteThreshold: VoteThreshold(base: .validBallots, comparison: .atLeast, fraction: 0.5),
        selfVoteAllowed: false, eligibility: eligibility, tieBreaks: tieBreaks,
        classificationBands: bands, rounding: rounding, gracePeriodMinutes: 0, holidays: [],
        defaultDeadlines: []
    )
}

/// A unit of `smallTable` whose base is `base`, put on A.1 (≤ 50) then B.1 (any value).
func unit(_ id: String, base: Decimal, bonus: [Decimal] = [], penalties: [PenaltyEntry] = []) -> UnitScores {
    let onA1 = min(base, 50)
    var points: [String: Decimal] = ["A.1": onA1]
    if base > onA1 { points["B.1"] = base - onA1 }
    return UnitScores(unit: id, leafPoints: points, bonus: bonus, penalties: penalties)
}

/// SplitMix64: a small seeded generator, so every random case here is reproducible from its seed.
struct RankingSeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct RankingFixtureTests {
    @Test func fixturesAreValid() throws {
        try smallTable.validate()
        #expect(smallTable.basePoints == 100)
        try rankingRules().validate()
        #expect(unit("u", base: 62).leafPoints == ["A.1": 50, "B.1": 12])
    }

    @Test func generatorIsSeeded() {
        var a = RankingSeededGenerator(seed: 7), b = RankingSeededGenerator(seed: 7), c = RankingSeededGenerator(seed: 8)
        let first = (0..<4).map { _ in a.next() }
        #expect(first == (0..<4).map { _ in b.next() })
        #expect(first != (0..<4).map { _ in c.next() })
    }
}
