import Foundation
import Testing
@testable import ThiDuaCore


/// A random but valid round: 2–8 candidates, up to 15 voters (few voters, so ties are common),
/// low thresholds more often than high ones.
private func randomInput(_ rng: inout RankingSeededGenerator) -> TallyInput {
    let candidates = (1...Int.random(in: 2...8, using: &rng)).map { "unit-\($0)" }
    let rule: ChoiceRule = Bool.random(using: &rng)
        ? .exactlyOne : .approveUpTo(Int.random(in: 1...candidates.count, using: &rng))
    let present = Int.random(in: 0...15, using: &rng)
    let ballots = (0..<Int.random(in: present / 2...present, using: &rng)).map { _ -> CastBallot in
        let n = rule == .exactlyOne ? 1 : Int.random(in: 0...rule.maxChoices, using: &rng)
        return CastBallot(choices: Array(candidates.shuffled(using: &rng).prefix(n)))
    }
    return TallyInput(
        candidates: candidates, rule: rule,
        threshold: VoteThreshold(
            base: VoteThreshold.Base.allCases.randomElement(using: &rng)!,
            comparison: VoteThreshold.Comparison.allCases.randomElement(using: &rng)!,
            fraction: [0, 0, 0.1, 0.25, 1.0 / 3.0, 0.5, 2.0 / 3.0].randomElement(using: &rng)!
        ),
        quota: Int.random(in: 1...candidates.count, using: &rng),
        allMembers: present + Int.random(in: 0...5, using: &rng), membersPresent: present,
        // Stored and spoilt ballots together never exceed the units present: one ballot each.
        validBallots: ballots, invalidCount: Int.random(in: 0...min(3, present - ballots.count), using: &rng)
    )
}

@Suite struct TallyPermutationTests {
    @Test func generatorIsSeeded() {
        var a = RankingSeededGenerator(seed: 42), b = RankingSeededGenerator(seed: 42), c = RankingSeededGenerator(seed: 43)
        let first = (0..<4).map { _ in a.next() }
        #expect(first == (0..<4).map { _ in b.next() })
        #expect(first != (0..<4).map { _ in c.next() })
    }

    /// The random rounds below do reach the interesting cases: run-offs, empty outcomes, full quotas.
    @Test func randomRoundsCoverTiesAndEmptyOutcomes() {
        let results = (1...40 as ClosedRange<UInt64>).map { seed -> TallyResult in
            var rng = RankingSeededGenerator(seed: seed)
            return Tally.electronic(randomInput(&rng))
        }
        #expect(results.filter { !$0.tie.isEmpty }.count >= 3)
        #expect(results.filter { $0.outcome.isEmpty && $0.tie.isEmpty }.count >= 3)
        #expect(results.filter { !$0.outcome.isEmpty && $0.tie.isEmpty }.count >= 3)
    }

    /// Shuffling the stored ballots (the order rows come back from the database) never changes the result.
    @Test(arguments: 1...40)
    func ballotOrderDoesNotMatter(seed: UInt64) {
        var rng = RankingSeededGenerator(seed: seed)
        let input = randomInput(&rng)
        let expected = Tally.electronic(input)
        for _ in 0..<25 {
            var shuffled = input
            shuffled.validBallots.shuffle(using: &rng)
            shuffled.validBallots = shuffled.validBallots.map { CastBallot(choices: $0.choices.shuffled(using: &rng)) }
            #expect(Tally.electronic(shuffled) == expected, "seed \(seed)")
        }
    }

    /// Invariants that hold for every round.
    @Test(arguments: 1...40)
    func invariants(seed: UInt64) throws {
        var rng = RankingSeededGenerator(seed: seed &* 7_919)
        let input = randomInput(&rng)
        let result = Tally.electronic(input)
        let choices = input.validBallots.reduce(0) { $0 + $1.choices.count }
        #expect(result.counts.reduce(0) { $0 + $1.votes } == choices)
        #expect(result.counts.count == input.candidates.count)
        #expect(zip(result.counts, result.counts.dropFirst()).allSatisfy { $0.votes >= $1.votes })
        #expect(result.outcome.count + (result.tie.isEmpty ? 0 : 1) <= input.quota)
        #expect(Set(result.outcome).isDisjoint(with: result.tie))
        #expect(result.tie.isEmpty || result.tie.count > result.seatsLeftForRunoff)
        #expect(result.seatsLeftForRunoff == (result.tie.isEmpty ? 0 : input.quota - result.outcome.count))
        let passing = Set(result.counts.filter(\.passes).map(\.candidate))
        #expect(Set(result.outcome + result.tie).isSubset(of: passing))
        // The electronic ballots written down as a paper count give the same result.
        var counts: [String: Int] = [:]
        for ballot in input.validBallots { for c in ballot.choices { counts[c, default: 0] += 1 } }
        let cast = input.validBallots.count + input.invalidCount
        let paper = try Tally.paper(
            PaperCount(issued: cast, cast: cast, invalid: input.invalidCount, counts: counts), input: input
        )
        #expect(paper == result)
    }
}
