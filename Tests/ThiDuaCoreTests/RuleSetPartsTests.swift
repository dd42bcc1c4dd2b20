import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct RuleSetPartsTests {
    @Test(arguments: [
        (FlagQuota.absolute(1), 9, 1), (.absolute(2), 0, 2),
        (.share(fraction: 0.2, rounding: .down), 9, 1), (.share(fraction: 0.2, rounding: .up), 9, 2),
        (.share(fraction: 0.2, rounding: .nearest), 9, 2), (.share(fraction: 0.2, rounding: .nearest), 7, 1),
        (.share(fraction: 0.25, rounding: .nearest), 10, 3), (.share(fraction: 0.7, rounding: .up), 10, 7),
        (.share(fraction: 0.7, rounding: .down), 10, 7), (.share(fraction: 1, rounding: .down), 9, 9),
    ])
    func flagCounts(quota: FlagQuota, members: Int, expected: Int) {
        #expect(quota.flagCount(memberCount: members) == expected)
    }

    @Test(arguments: [
        (VoteThreshold.Comparison.atLeast, 0.5, 4, 8, true), (.atLeast, 0.5, 3, 8, false),
        (.moreThan, 0.5, 4, 8, false), (.moreThan, 0.5, 5, 8, true),
        (.atLeast, 0.7, 7, 10, true), (.moreThan, 0.7, 7, 10, false),
        (.atLeast, 0.5, 4, 7, true), (.atLeast, 0.5, 3, 7, false), (.atLeast, 0.5, 0, 0, false),
    ])
    func thresholdOnValidBallots(comparison: VoteThreshold.Comparison, fraction: Double,
                                 votes: Int, ballots: Int, met: Bool) {
        let threshold = VoteThreshold(base: .validBallots, comparison: comparison, fraction: fraction)
        #expect(threshold.isMet(votes: votes, validBallots: ballots, membersPresent: 99, allMembers: 99) == met)
    }

    @Test(arguments: [(VoteThreshold.Base.validBallots, true), (.membersPresent, false), (.allMembers, false)])
    func thresholdBaseChoosesTheDenominator(base: VoteThreshold.Base, met: Bool) {
        let threshold = VoteThreshold(base: base, comparison: .atLeast, fraction: 0.5)
        #expect(threshold.isMet(votes: 4, validBallots: 8, membersPresent: 9, allMembers: 10) == met)
    }

    @Test(arguments: [
        (Rounding.Mode.halfUp, 2, 2.675, 2.68), (.halfUp, 2, 2.665, 2.67), (.halfEven, 2, 2.665, 2.66),
        (.halfEven, 2, 2.675, 2.68), (.down, 2, 2.679, 2.67), (.down, 0, 89.99, 89),
        (.halfUp, 0, 89.5, 90), (.halfUp, 1, 92.25, 92.3), (.down, 2, -1.239, -1.23),
        (.halfUp, 2, 90, 90),
    ])
    func roundsInDecimal(mode: Rounding.Mode, decimals: Int, value: Double, expected: Double) {
        #expect(Rounding(decimals: decimals, mode: mode).apply(value) == expected)
    }

    @Test func deadlineJSONShapes() throws {
        let json = #"""
        [{"code":"A","title":"Mốc A","dueLocal":"2023-12-05"},
         {"code":"B","title":"Mốc B","dueLocal":"2023-12-19","hour":8},
         {"code":"C","title":"Mốc C","relativeTo":"B","offsetDays":-2,"dayKind":"working"}]
        """#
        let deadlines = try JSONDecoder().decode([DefaultDeadline].self, from: Data(json.utf8))
        #expect(deadlines.map(\.due) == [
            .endOfLocalDay(day("2023-12-05")),
            .localTime(day("2023-12-19"), hour: 8, minute: 0),
            .relative(to: "B", offsetDays: -2, dayKind: .working),
        ])
        let again = try JSONDecoder().decode([DefaultDeadline].self, from: JSONEncoder().encode(deadlines))
        #expect(again == deadlines)
    }

    @Test func milestoneRuleFixesLocalTimes() {
        let deadline = DefaultDeadline(code: "CONFERENCE", title: "Hội nghị",
                                       due: .localTime(day("2023-12-19"), hour: 8, minute: 0))
        let rule = deadline.milestoneRule(in: DeadlineCalendar(holidays: []))
        #expect(rule == MilestoneRule(key: "CONFERENCE", rule: .instant(instant("2023-12-19T01:00:00Z"))))
    }

    @Test func dayKindDecodingNamesAllowedValues() {
        let error = #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([DayKind].self, from: Data(#"["weekday"]"#.utf8))
        }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("expected dataCorrupted, got \(String(describing: error))")
            return
        }
        #expect((context.underlyingError as? FieldIssue)?.message.contains("calendar, working") == true)
    }
}
