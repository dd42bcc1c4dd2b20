import Foundation
import Testing
@testable import ThiDuaCore

/// `n` copies of the same ballot.
private func ballots(_ n: Int, _ choices: [String]) -> [CastBallot] {
    Array(repeating: CastBallot(choices: choices), count: n)
}

private func decimal(_ text: String) -> Decimal {
    guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
        fatalError("bad test decimal \(text)")
    }
    return value
}

/// Ballots that give each candidate exactly `votes[i]` approvals: ballot k names every
/// candidate with more than k votes.
private func approvals(_ candidates: [String], _ votes: [Int]) -> [CastBallot] {
    (0..<(votes.max() ?? 0)).map { k in
        CastBallot(choices: zip(candidates, votes).filter { $0.1 > k }.map(\.0))
    }
}

@Suite struct TallyTests {
    /// 9 members, 7 present, 7 ballots cast: 6 valid and 1 invalid. "A" gets `votes`, the rest are blank.
    @Test(arguments: [
        (VoteThreshold.Base.validBallots, VoteThreshold.Comparison.atLeast, 0.5, 3, 6, "0.5", true),
        (.validBallots, .moreThan, 0.5, 3, 6, "0.5", false),
        (.validBallots, .moreThan, 0.5, 4, 6, "0.6667", true),
        (.validBallots, .atLeast, 0.5, 2, 6, "0.3333", false),
        (.validBallots, .atLeast, 2.0 / 3.0, 4, 6, "0.6667", true),
        (.validBallots, .moreThan, 2.0 / 3.0, 4, 6, "0.6667", false),
        (.membersPresent, .atLeast, 0.5, 3, 7, "0.4286", false),
        (.membersPresent, .atLeast, 0.5, 4, 7, "0.5714", true),
        (.membersPresent, .moreThan, 0.5, 4, 7, "0.5714", true),
        (.membersPresent, .atLeast, 3.0 / 7.0, 3, 7, "0.4286", true),
        (.membersPresent, .moreThan, 3.0 / 7.0, 3, 7, "0.4286", false),
        (.membersPresent, .moreThan, 2.0 / 3.0, 5, 7, "0.7143", true),
        (.allMembers, .atLeast, 0.5, 4, 9, "0.4444", false),
        (.allMembers, .atLeast, 0.5, 5, 9, "0.5556", true),
        (.allMembers, .moreThan, 0.5, 5, 9, "0.5556", true),
        (.allMembers, .atLeast, 1.0 / 3.0, 3, 9, "0.3333", true),
        (.allMembers, .moreThan, 1.0 / 3.0, 3, 9, "0.3333", false),
        (.allMembers, .atLeast, 2.0 / 3.0, 6, 9, "0.6667", true),
        (.allMembers, .moreThan, 2.0 / 3.0, 6, 9, "0.6667", false),
    ])
    func thresholdBases(base: VoteThreshold.Base, comparison: VoteThreshold.Comparison, fraction: Double,
                        votes: Int, expectedBase: Int, share: String, passes: Bool) {
        let input = TallyInput(
            candidates: ["A", "B"], rule: .approveUpTo(1),
            threshold: VoteThreshold(base: base, comparison: comparison, fraction: fraction),
            quota: 1, allMembers: 9, membersPresent: 7,
            validBallots: ballots(votes, ["A"]) + ballots(6 - votes, []), invalidCount: 1
        )
        let result = Tally.electronic(input)
        #expect(result.thresholdBase == expectedBase)
        #expect((result.eligibleVoters, result.ballotsCast, result.valid, result.invalid) == (7, 7, 6, 1))
        #expect(result.counts.first == .init(candidate: "A", votes: votes, share: decimal(share), passes: passes))
        #expect(result.counts.last == .init(candidate: "B", votes: 0, share: 0, passes: false))
        #expect(result.outcome == (passes ? ["A"] : []))
    }

    /// 70 % of 10 is exactly 7: the binary 0.7 × 10 = 7.000000000000001 must not matter.
    @Test(arguments: [(VoteThreshold.Comparison.atLeast, 7, true), (.atLeast, 6, false),
                      (.moreThan, 7, false), (.moreThan, 8, true)])
    func seventyPercentOfTen(comparison: VoteThreshold.Comparison, votes: Int, passes: Bool) {
        let threshold = VoteThreshold(base: .allMembers, comparison: comparison, fraction: 0.7)
        #expect(Tally.passes(votes: votes, base: 10, threshold: threshold) == passes)
    }

    /// The exact check agrees with the rule set's own `isMet` on every ordinary fraction.
    @Test(arguments: [0.5, 0.51, 0.6, 2.0 / 3.0, 1.0 / 3.0, 0.7, 0.75, 0.8, 0.9, 1.0, 3.0 / 7.0, 0.1 + 0.2])
    func agreesWithVoteThreshold(fraction: Double) {
        for comparison in VoteThreshold.Comparison.allCases {
            let threshold = VoteThreshold(base: .allMembers, comparison: comparison, fraction: fraction)
            for base in 0...30 {
                for votes in 0...base {
                    let expected = threshold.isMet(votes: votes, validBallots: 0, membersPresent: 0, allMembers: base)
                    #expect(Tally.passes(votes: votes, base: base, threshold: threshold) == expected,
                            "\(comparison) \(fraction): \(votes)/\(base)")
                }
            }
        }
    }

    /// Five candidates A–E with the given votes; a candidate needs at least 5 of 20 members.
    @Test(arguments: [
        (2, [9, 7, 5, 3, 0], ["A", "B"], [String](), 0),
        (2, [9, 7, 7, 3, 0], ["A"], ["B", "C"], 1),          // tie at the cut-off
        (2, [9, 7, 7, 7, 0], ["A"], ["B", "C", "D"], 1),
        (1, [7, 7, 5, 0, 0], [], ["A", "B"], 1),              // tie for the only seat
        (3, [9, 6, 6, 6, 2], ["A"], ["B", "C", "D"], 2),
        (3, [9, 8, 7, 6, 6], ["A", "B", "C"], [], 0),         // tie below the cut-off does not matter
        (3, [9, 7, 7, 4, 0], ["A", "B", "C"], [], 0),         // tie inside the quota does not matter
        (3, [7, 8, 9, 0, 0], ["C", "B", "A"], [], 0),         // winners in order of votes
        (3, [9, 4, 3, 0, 0], ["A"], [], 0),                   // fewer pass than the quota
        (2, [4, 4, 3, 0, 0], [], [], 0),                      // nobody passes: a tie among failures is no run-off
        (5, [5, 5, 5, 5, 5], ["A", "B", "C", "D", "E"], [], 0),
        (4, [5, 5, 5, 5, 5], [], ["A", "B", "C", "D", "E"], 4),
    ])
    func winnersAndTies(quota: Int, votes: [Int], outcome: [String], tie: [String], seats: Int) {
        let candidates = ["A", "B", "C", "D", "E"]
        let input = TallyInput(
            candidates: candidates, rule: .approveUpTo(5),
            threshold: VoteThreshold(base: .allMembers, comparison: .atLeast, fraction: 0.25),
            quota: quota, allMembers: 20, membersPresent: 15, validBallots: approvals(candidates, votes)
        )
        let result = Tally.electronic(input)
        #expect(result.outcome == outcome)
        #expect(result.tie == tie)
        #expect(result.seatsLeftForRunoff == seats)
        #expect(result.needsRunoff == !tie.isEmpty)
        #expect(result.counts.map(\.votes) == votes.sorted(by: >))
    }

    @Test func countsSortByVotesThenDisplayOrder() {
        let candidates = ["E", "D", "C", "B", "A"]
        let input = TallyInput(
            candidates: candidates, rule: .approveUpTo(5),
            threshold: VoteThreshold(base: .validBallots, comparison: .moreThan, fraction: 0.5),
            quota: 2, allMembers: 9, membersPresent: 9, validBallots: approvals(candidates, [2, 6, 2, 6, 0])
        )
        let result = Tally.electronic(input)
        #expect(result.counts.map(\.candidate) == ["D", "B", "E", "C", "A"])
        #expect(result.outcome == ["D", "B"])
    }

    /// A tie for the last seat, then the run-off among the tied alone for the seats left.
    @Test func runoffAfterTie() {
        let threshold = VoteThreshold(base: .membersPresent, comparison: .atLeast, fraction: 0.5)
        let first = Tally.electronic(TallyInput(
            candidates: ["u1", "u2", "u3", "u4"], rule: .approveUpTo(2), threshold: threshold,
            quota: 2, allMembers: 9, membersPresent: 8,
            validBallots: ballots(4, ["u1", "u2"]) + ballots(4, ["u1", "u3"])
        ))
        #expect(first.outcome == ["u1"])
        #expect(first.tie == ["u2", "u3"])
        #expect(first.seatsLeftForRunoff == 1)
        let runoff = Tally.electronic(TallyInput(
            candidates: first.tie, rule: .exactlyOne, threshold: threshold,
            quota: first.seatsLeftForRunoff, allMembers: 9, membersPresent: 8,
            validBallots: ballots(5, ["u3"]) + ballots(3, ["u2"])
        ))
        #expect(runoff.outcome == ["u3"])
        #expect(runoff.tie.isEmpty && runoff.seatsLeftForRunoff == 0)
    }

    /// No quorum of votes, no ballots, or a zero base: an empty outcome, shares of 0.
    @Test(arguments: [
        (VoteThreshold.Base.validBallots, 0, 0, [CastBallot]()),
        (.membersPresent, 9, 0, [CastBallot]()),
        (.allMembers, 0, 0, ballots(3, ["A"])),
        (.membersPresent, 9, 5, ballots(2, ["A"]) + ballots(2, ["B"])),
    ])
    func nobodyPasses(base: VoteThreshold.Base, allMembers: Int, present: Int, cast: [CastBallot]) {
        let result = Tally.electronic(TallyInput(
            candidates: ["A", "B"], rule: .exactlyOne,
            threshold: VoteThreshold(base: base, comparison: .moreThan, fraction: 0.5),
            quota: 1, allMembers: allMembers, membersPresent: present, validBallots: cast
        ))
        #expect(result.outcome.isEmpty && result.tie.isEmpty && result.seatsLeftForRunoff == 0)
        #expect(result.counts.allSatisfy { !$0.passes })
        if result.thresholdBase == 0 { #expect(result.counts.allSatisfy { $0.share == 0 }) }
    }

    /// A threshold of 0 % never elects a candidate nobody chose.
    @Test func zeroVotesNeverWin() {
        let result = Tally.electronic(TallyInput(
            candidates: ["A", "B", "C"], rule: .approveUpTo(2),
            threshold: VoteThreshold(base: .validBallots, comparison: .atLeast, fraction: 0),
            quota: 2, allMembers: 5, membersPresent: 5, validBallots: ballots(4, ["A"])
        ))
        #expect(result.outcome == ["A"])
        #expect(result.tie.isEmpty)
    }
}
