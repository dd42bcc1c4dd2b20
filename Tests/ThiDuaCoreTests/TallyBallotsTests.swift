import Foundation
import Testing
@testable import ThiDuaCore

/// Abstentions, blank ballots and the self-vote rule, from the voters' side to the count.
@Suite struct TallyBallotsTests {
    /// 9 members, 7 present; 2 abstain, 5 vote: one invalid, one blank, three naming candidates.
    /// "A" has 2 votes; blank ballots count as valid, abstentions count only against present/all.
    @Test(arguments: [
        (VoteThreshold.Base.validBallots, 4, "0.5", true),
        (.membersPresent, 7, "0.2857", false),
        (.allMembers, 9, "0.2222", false),
    ])
    func abstentionsAndBlankBallots(base: VoteThreshold.Base, expectedBase: Int, shareOfA: String, aPasses: Bool) {
        let cast = [["A", "B"], ["A"], ["C"], []].map(CastBallot.init(choices:))
        let result = Tally.electronic(TallyInput(
            candidates: ["A", "B", "C"], rule: .approveUpTo(2),
            threshold: VoteThreshold(base: base, comparison: .atLeast, fraction: 0.5),
            quota: 1, allMembers: 9, membersPresent: 7, validBallots: cast, invalidCount: 1
        ))
        #expect(result.eligibleVoters == 7)
        #expect(result.ballotsCast == 5)
        #expect(result.valid == 4)
        #expect(result.invalid == 1)
        #expect(result.thresholdBase == expectedBase)
        #expect(result.counts.map(\.candidate) == ["A", "B", "C"])
        #expect(result.counts.map(\.votes) == [2, 1, 1])
        #expect(result.counts[0].share == Decimal(string: shareOfA))
        #expect(result.counts[0].passes == aPasses)
        #expect(result.outcome == (aPasses ? ["A"] : []))
    }

    /// Only blank ballots: everyone has 0 votes, nobody passes, and that is a valid outcome.
    @Test func allBlank() {
        let result = Tally.electronic(TallyInput(
            candidates: ["A", "B"], rule: .approveUpTo(1),
            threshold: VoteThreshold(base: .validBallots, comparison: .moreThan, fraction: 0.5),
            quota: 1, allMembers: 5, membersPresent: 5,
            validBallots: Array(repeating: CastBallot(choices: []), count: 5)
        ))
        #expect(result.valid == 5 && result.thresholdBase == 5)
        #expect(result.counts.map(\.votes) == [0, 0])
        #expect(result.outcome.isEmpty && result.tie.isEmpty)
    }

    /// The server validates each ballot, then counts the valid ones. With self-votes forbidden the
    /// units that voted for themselves spoil their ballots: u2 falls from 3 of 5 present to 2.
    @Test(arguments: [(false, 3, 2, [String]()), (true, 5, 0, ["u2"])])
    func selfVoteRule(allowed: Bool, valid: Int, invalid: Int, winners: [String]) {
        let candidates = ["u1", "u2", "u3"]
        let votes: [(voter: String, choices: [String])] = [
            ("u1", ["u1"]), ("u2", ["u2"]), ("u3", ["u2"]), ("u4", ["u1"]), ("u5", ["u2"]),
        ]
        var stored: [CastBallot] = [], spoiled = 0
        for vote in votes {
            let ballot = CastBallot(choices: vote.choices)
            let check = BallotRules.validity(ballot, candidates: Set(candidates), rule: .exactlyOne,
                                             voterUnit: vote.voter, selfVoteAllowed: allowed)
            if check == .valid { stored.append(ballot) } else { spoiled += 1 }
        }
        let result = Tally.electronic(TallyInput(
            candidates: candidates, rule: .exactlyOne,
            threshold: VoteThreshold(base: .membersPresent, comparison: .moreThan, fraction: 0.5),
            quota: 1, allMembers: 5, membersPresent: 5, validBallots: stored, invalidCount: spoiled
        ))
        #expect(result.valid == valid)
        #expect(result.invalid == invalid)
        #expect(result.outcome == winners)
    }

    /// Stray names and repeated names in a stored ballot cannot inflate a count.
    @Test func strayAndRepeatedChoicesCountOnce() {
        let result = Tally.electronic(TallyInput(
            candidates: ["A", "B", "A"], rule: .approveUpTo(2),
            threshold: VoteThreshold(base: .validBallots, comparison: .atLeast, fraction: 0.5),
            quota: 1, allMembers: 3, membersPresent: 3,
            validBallots: [CastBallot(choices: ["A", "A", "Z"]), CastBallot(choices: ["B"])]
        ))
        #expect(result.counts.map(\.candidate) == ["A", "B"])
        #expect(result.counts.map(\.votes) == [1, 1])
        #expect(result.tie == ["A", "B"])
    }

    @Test func resultRoundTripsThroughJSON() throws {
        let result = Tally.electronic(TallyInput(
            candidates: ["A", "B", "C"], rule: .approveUpTo(2),
            threshold: VoteThreshold(base: .membersPresent, comparison: .atLeast, fraction: 0.5),
            quota: 1, allMembers: 9, membersPresent: 7,
            validBallots: [["A", "B"], ["A", "B"], ["A", "B"], ["A", "B"], ["C"]].map(CastBallot.init(choices:)),
            invalidCount: 2
        ))
        #expect(result.tie == ["A", "B"] && result.seatsLeftForRunoff == 1)
        let data = try JSONEncoder().encode(result)
        #expect(try JSONDecoder().decode(TallyResult.self, from: data) == result)
        #expect(String(decoding: data, as: UTF8.self).contains(#""share":0.5714"#))
    }
}
