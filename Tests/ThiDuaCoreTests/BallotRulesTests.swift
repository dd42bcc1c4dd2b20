import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct BallotRulesTests {
    static let candidates: Set<String> = ["u1", "u2", "u3", "u4"]

    /// (choices, rule, voter, self-vote allowed, expected: nil = valid, else the exact reason)
    @Test(arguments: [
        // approve up to N: blank, some, exactly N are valid; N + 1 is not
        ([String](), ChoiceRule.approveUpTo(2), String?("u9"), false, String?.none),
        (["u1"], .approveUpTo(2), "u9", false, nil),
        (["u1", "u2"], .approveUpTo(2), "u9", false, nil),
        (["u1", "u2", "u3"], .approveUpTo(2), "u9", false,
         "Phiếu chọn 3 đơn vị, vượt quá số được chọn tối đa là 2."),
        (["u1", "u2", "u3", "u4"], .approveUpTo(3), nil, false,
         "Phiếu chọn 4 đơn vị, vượt quá số được chọn tối đa là 3."),
        // unknown candidates and duplicates
        (["u1", "u7"], .approveUpTo(3), "u9", false, "Phiếu có lựa chọn không thuộc danh sách bầu của vòng này."),
        (["u2", "u2"], .approveUpTo(3), "u9", false, "Đơn vị “U2” được chọn hơn một lần trên cùng một phiếu."),
        (["u2", "u2"], .exactlyOne, "u9", false, "Đơn vị “U2” được chọn hơn một lần trên cùng một phiếu."),
        // unknown is reported before "too many"
        (["u1", "u2", "x"], .approveUpTo(1), "u9", false, "Phiếu có lựa chọn không thuộc danh sách bầu của vòng này."),
        // exactly one
        (["u3"], .exactlyOne, "u9", false, nil),
        ([], .exactlyOne, "u9", false, "Phiếu phải chọn đúng một đơn vị; phiếu trắng không hợp lệ."),
        (["u1", "u3"], .exactlyOne, "u9", false, "Phiếu phải chọn đúng một đơn vị, nhưng đã chọn 2 đơn vị."),
        // the self-vote rule
        (["u1", "u2"], .approveUpTo(2), "u1", false, "Đơn vị không được tự bầu cho chính mình (U1)."),
        (["u1", "u2"], .approveUpTo(2), "u1", true, nil),
        (["u4"], .exactlyOne, "u4", false, "Đơn vị không được tự bầu cho chính mình (U4)."),
        (["u4"], .exactlyOne, "u4", true, nil),
        (["u2"], .exactlyOne, "u4", false, nil),
        ([], .approveUpTo(2), "u1", false, nil),
        (["u1"], .approveUpTo(2), nil, false, nil),
    ])
    func validity(choices: [String], rule: ChoiceRule, voter: String?, selfVoteAllowed: Bool, reason: String?) {
        let result = BallotRules.validity(
            CastBallot(choices: choices), candidates: Self.candidates, rule: rule,
            voterUnit: voter, selfVoteAllowed: selfVoteAllowed, name: { $0.uppercased() }
        )
        #expect(result == (reason.map { .invalid($0) } ?? .valid))
        #expect(result.isValid == (reason == nil))
    }

    @Test("an empty paper is a blank vote only when confirmed as one, and only where the rule allows a blank vote")
    func blankNeedsConfirmation() {
        let empty = CastBallot(choices: [])
        let refused = BallotRules.validity(empty, candidates: Self.candidates, rule: .approveUpTo(2), voterUnit: "u1",
                                           selfVoteAllowed: false, blankConfirmed: false)
        #expect(refused == .invalid("Phiếu chưa chọn đơn vị nào. Hãy chọn đơn vị, hoặc đánh dấu “Bỏ phiếu trắng” nếu đơn vị không chọn ai."))
        #expect(BallotRules.validity(empty, candidates: Self.candidates, rule: .approveUpTo(2), voterUnit: "u1",
                                     selfVoteAllowed: false, blankConfirmed: true) == .valid)
        #expect(!BallotRules.validity(empty, candidates: Self.candidates, rule: .exactlyOne, voterUnit: "u1",
                                      selfVoteAllowed: false, blankConfirmed: true).isValid)
        // A chosen unit needs no confirmation.
        #expect(BallotRules.validity(CastBallot(choices: ["u2"]), candidates: Self.candidates, rule: .approveUpTo(2), voterUnit: "u1",
                                     selfVoteAllowed: false, blankConfirmed: false) == .valid)
    }

    @Test(arguments: [
        (ChoiceRule.approveUpTo(3), #"{"kind":"approveUpTo","maxChoices":3}"#),
        (.exactlyOne, #"{"kind":"exactlyOne"}"#),
    ])
    func choiceRuleJSON(rule: ChoiceRule, json: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        #expect(String(decoding: try encoder.encode(rule), as: UTF8.self) == json)
        #expect(try JSONDecoder().decode(ChoiceRule.self, from: Data(json.utf8)) == rule)
    }

    @Test(arguments: [
        (#"{"kind":"approveUpTo","maxChoices":0}"#, "số đơn vị được chọn tối đa phải từ 1 trở lên"),
        (#"{"kind":"approveUpTo","maxChoices":1.5}"#, "cần một số nguyên"),
        (#"{"kind":"pickTwo"}"#, "giá trị “pickTwo” không hợp lệ; các giá trị cho phép: approveUpTo, exactlyOne"),
    ])
    func choiceRuleRejects(json: String, message: String) {
        #expect {
            _ = try JSONDecoder().decode(ChoiceRule.self, from: Data(json.utf8))
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error,
                  let issue = context.underlyingError as? FieldIssue else { return false }
            return issue.message == message
        }
    }

    @Test(arguments: [(ChoiceRule.approveUpTo(4), 4), (.approveUpTo(0), 0), (.approveUpTo(-2), 0), (.exactlyOne, 1)])
    func maxChoices(rule: ChoiceRule, expected: Int) {
        #expect(rule.maxChoices == expected)
    }
}
