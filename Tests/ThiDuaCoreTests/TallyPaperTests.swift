import Foundation
import Testing
@testable import ThiDuaCore

private func paperInput(_ rule: ChoiceRule, quota: Int = 2) -> TallyInput {
    TallyInput(
        candidates: ["u1", "u2", "u3"], rule: rule,
        threshold: VoteThreshold(base: .validBallots, comparison: .moreThan, fraction: 0.5),
        quota: quota, allMembers: 12, membersPresent: 10, ballotsIssued: 10
    )
}

@Suite struct TallyPaperTests {
    /// Each refusal with its Vietnamese message, numbers included.
    @Test(arguments: [
        // one ballot per unit present (10): more issued is a typing error, and Int.max must not overflow a sum
        (PaperCount(issued: 11, cast: 11, invalid: 0, counts: [:]), ChoiceRule.approveUpTo(2),
         PaperCountError.issuedExceedsPresent(issued: 11, present: 10),
         "Số phiếu phát ra (11) vượt quá số đơn vị có mặt (10); mỗi đơn vị có mặt nhận một phiếu."),
        (PaperCount(issued: Int.max, cast: Int.max, invalid: 0, counts: ["u1": Int.max, "u2": Int.max]), .approveUpTo(2),
         .issuedExceedsPresent(issued: Int.max, present: 10),
         "Số phiếu phát ra (\(Int.max)) vượt quá số đơn vị có mặt (10); mỗi đơn vị có mặt nhận một phiếu."),
        (PaperCount(issued: 10, cast: 11, invalid: 0, counts: [:]), .approveUpTo(2),
         .castExceedsIssued(cast: 11, issued: 10),
         "Số phiếu thu về (11) vượt quá số phiếu phát ra (10)."),
        (PaperCount(issued: 10, cast: 8, invalid: 9, counts: [:]), .approveUpTo(2),
         .invalidExceedsCast, "Số phiếu không hợp lệ vượt quá số phiếu thu về."),
        (PaperCount(issued: 10, cast: 10, invalid: 2, counts: ["u1": 9]), .approveUpTo(2),
         .countExceedsValid(candidate: "u1", votes: 9, valid: 8),
         "Số phiếu bầu cho “u1” (9) vượt quá số phiếu hợp lệ (8)."),
        (PaperCount(issued: 10, cast: 10, invalid: 2, counts: ["u1": 8, "u2": 8, "u3": 1]), .approveUpTo(2),
         .totalExceedsLimit(total: 17, limit: 16),
         "Tổng số phiếu bầu cho các đơn vị (17) vượt quá mức tối đa cho phép (16)."),
        (PaperCount(issued: 10, cast: 10, invalid: 2, counts: ["u1": 5, "u2": 4]), .exactlyOne,
         .totalExceedsLimit(total: 9, limit: 8),
         "Tổng số phiếu bầu cho các đơn vị (9) vượt quá mức tối đa cho phép (8)."),
        (PaperCount(issued: 10, cast: 10, invalid: 0, counts: ["u1": 2, "u9": 1]), .approveUpTo(2),
         .unknownCandidate("u9"), "Số liệu kiểm phiếu có đơn vị không thuộc danh sách bầu của vòng này."),
        (PaperCount(issued: 10, cast: 10, invalid: 0, counts: ["u2": -1]), .approveUpTo(2),
         .negative, "Số liệu kiểm phiếu không được là số âm."),
        (PaperCount(issued: -1, cast: 0, invalid: 0, counts: [:]), .approveUpTo(2),
         .negative, "Số liệu kiểm phiếu không được là số âm."),
        (PaperCount(issued: 10, cast: 5, invalid: -1, counts: [:]), .exactlyOne,
         .negative, "Số liệu kiểm phiếu không được là số âm."),
        // the first problem wins: cast > issued is reported before a bad count
        (PaperCount(issued: 5, cast: 6, invalid: 0, counts: ["u1": 7]), .exactlyOne,
         .castExceedsIssued(cast: 6, issued: 5), "Số phiếu thu về (6) vượt quá số phiếu phát ra (5)."),
        // counts are checked in candidate order, whatever the dictionary's order
        (PaperCount(issued: 10, cast: 4, invalid: 0, counts: ["u3": 6, "u2": 5]), .approveUpTo(3),
         .countExceedsValid(candidate: "u2", votes: 5, valid: 4),
         "Số phiếu bầu cho “u2” (5) vượt quá số phiếu hợp lệ (4)."),
    ])
    func refusals(count: PaperCount, rule: ChoiceRule, error: PaperCountError, message: String) {
        #expect(throws: error) { try Tally.paper(count, input: paperInput(rule)) }
        #expect(error.description == message)
    }

    /// Counts at the limits are accepted: each count = valid, total = valid × N.
    @Test(arguments: [
        (PaperCount(issued: 10, cast: 10, invalid: 2, counts: ["u1": 8, "u2": 8]), ChoiceRule.approveUpTo(2)),
        (PaperCount(issued: 10, cast: 10, invalid: 2, counts: ["u1": 5, "u2": 3]), .exactlyOne),
        (PaperCount(issued: 10, cast: 0, invalid: 0, counts: [:]), .approveUpTo(2)),
        (PaperCount(issued: 10, cast: 3, invalid: 3, counts: ["u1": 0]), .exactlyOne),
    ])
    func acceptsAtTheLimits(count: PaperCount, rule: ChoiceRule) throws {
        let result = try Tally.paper(count, input: paperInput(rule))
        #expect(result.valid == count.valid)
        #expect(result.counts.reduce(0) { $0 + $1.votes } == count.counts.values.reduce(0, +))
    }

    @Test func paperResult() throws {
        let count = PaperCount(issued: 10, cast: 9, invalid: 1, counts: ["u1": 7, "u3": 5])
        let result = try Tally.paper(count, input: paperInput(.approveUpTo(2)))
        #expect((result.eligibleVoters, result.ballotsCast, result.valid, result.invalid) == (10, 9, 8, 1))
        #expect(result.thresholdBase == 8)
        #expect(result.counts == [
            .init(candidate: "u1", votes: 7, share: Decimal(string: "0.875")!, passes: true),
            .init(candidate: "u3", votes: 5, share: Decimal(string: "0.625")!, passes: true),
            .init(candidate: "u2", votes: 0, share: 0, passes: false),
        ])
        #expect(result.outcome == ["u1", "u3"])
        #expect(result.tie.isEmpty)
    }

    /// The same figures entered on paper or counted electronically give the same result.
    @Test func paperMatchesElectronic() throws {
        var input = paperInput(.approveUpTo(2), quota: 1)
        input.validBallots = [["u1", "u2"], ["u1"], ["u2"], ["u2", "u3"], []].map(CastBallot.init(choices:))
        input.invalidCount = 2
        let paper = try Tally.paper(
            PaperCount(issued: 8, cast: 7, invalid: 2, counts: ["u1": 2, "u2": 3, "u3": 1]), input: input
        )
        #expect(paper == Tally.electronic(input))
        #expect(paper.outcome == ["u2"])
    }
}
