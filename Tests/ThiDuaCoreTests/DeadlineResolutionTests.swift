import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct DeadlineResolutionTests {
    let calendar = DeadlineCalendar(holidays: tet2024)
    let conference = MilestoneRule(key: "CONFERENCE", rule: .instant(instant("2023-12-19T08:00:00+07:00")))

    @Test(arguments: [
        (3, DayKind.calendar, "2023-12-22T23:59:59+07:00"), (5, .calendar, "2023-12-24T23:59:59+07:00"),
        (3, .working, "2023-12-22T23:59:59+07:00"), (5, .working, "2023-12-26T23:59:59+07:00"),
        (0, .calendar, "2023-12-19T23:59:59+07:00"), (-1, .working, "2023-12-18T23:59:59+07:00"),
    ])
    func scenarioRelativeDeadlines(offset: Int, kind: DayKind, expected: String) throws {
        let rules = [conference, MilestoneRule(key: "X", rule: .relative(to: "CONFERENCE", offsetDays: offset, dayKind: kind))]
        let due = try calendar.resolve(rules)
        #expect(due["X"] == instant(expected))
        #expect(due["CONFERENCE"] == instant("2023-12-19T01:00:00Z"))
    }

    @Test func scenarioPlanResolvesBeforeChristmasCutoff() throws {
        let rules = [
            MilestoneRule(key: "SCORING", rule: .endOfLocalDay(day("2023-12-05"))),
            MilestoneRule(key: "REPORT", rule: .endOfLocalDay(day("2023-12-11"))),
            conference,
            MilestoneRule(key: "ORIGINALS", rule: .relative(to: "CONFERENCE", offsetDays: 3, dayKind: .calendar)),
            MilestoneRule(key: "PROPOSAL", rule: .relative(to: "CONFERENCE", offsetDays: 5, dayKind: .calendar)),
        ]
        let due = try calendar.resolve(rules)
        #expect(Set(due.keys) == Set(rules.map(\.key)))
        #expect(due["SCORING"] == instant("2023-12-05T16:59:59Z"))
        #expect(due["REPORT"] == instant("2023-12-11T23:59:59+07:00"))
        #expect(due["ORIGINALS"] == instant("2023-12-22T16:59:59Z"))
        #expect(due["PROPOSAL"] == instant("2023-12-24T16:59:59Z"))
        #expect(due["PROPOSAL"]! < instant("2023-12-25T00:00:00+07:00"))
    }

    /// The base's local date, not its UTC date, is what the offset counts from.
    @Test(arguments: [(0, "2023-12-20T23:59:59+07:00"), (1, "2023-12-21T23:59:59+07:00")])
    func offsetsCountFromLocalDateOfBase(offset: Int, expected: String) throws {
        let rules = [
            MilestoneRule(key: "BASE", rule: .instant(instant("2023-12-19T17:30:00Z"))),
            MilestoneRule(key: "X", rule: .relative(to: "BASE", offsetDays: offset, dayKind: .calendar)),
        ]
        #expect(try calendar.resolve(rules)["X"] == instant(expected))
    }

    @Test func workingOffsetAcrossTet() throws {
        let rules = [
            MilestoneRule(key: "A", rule: .endOfLocalDay(day("2024-02-07"))),
            MilestoneRule(key: "B", rule: .relative(to: "A", offsetDays: 1, dayKind: .working)),
        ]
        #expect(try calendar.resolve(rules)["B"] == instant("2024-02-15T23:59:59+07:00"))
    }

    static func chain(start: String) -> [MilestoneRule] {
        [
            MilestoneRule(key: "C", rule: .relative(to: "B", offsetDays: 2, dayKind: .calendar)),
            MilestoneRule(key: "A", rule: .endOfLocalDay(LocalDate(iso: start)!)),
            MilestoneRule(key: "B", rule: .relative(to: "A", offsetDays: 1, dayKind: .working)),
        ]
    }

    @Test func chainResolvesAndMovesWithItsRoot() throws {
        let before = try calendar.resolve(Self.chain(start: "2023-12-01"))
        #expect(before["A"] == instant("2023-12-01T23:59:59+07:00"))
        #expect(before["B"] == instant("2023-12-04T23:59:59+07:00"))
        #expect(before["C"] == instant("2023-12-06T23:59:59+07:00"))
        let after = try calendar.resolve(Self.chain(start: "2023-12-04"))
        #expect(after["B"] == instant("2023-12-05T23:59:59+07:00"))
        #expect(after["C"] == instant("2023-12-07T23:59:59+07:00"))
    }

    @Test(arguments: [("A", ["B", "C"]), ("B", ["C"]), ("C", []), ("Z", [])])
    func dependantsAreTransitive(key: String, expected: [String]) {
        #expect(DeadlineCalendar.dependants(of: key, in: Self.chain(start: "2023-12-01")) == expected)
    }

    @Test func dependantsTerminateOnCyclesAndExcludeTheKey() {
        let rules = [
            MilestoneRule(key: "A", rule: .relative(to: "B", offsetDays: 1, dayKind: .calendar)),
            MilestoneRule(key: "B", rule: .relative(to: "A", offsetDays: 1, dayKind: .calendar)),
            MilestoneRule(key: "C", rule: .relative(to: "A", offsetDays: 1, dayKind: .calendar)),
        ]
        #expect(DeadlineCalendar.dependants(of: "A", in: rules) == ["B", "C"])
    }

    @Test func unknownBaseIsNamed() {
        let rules = [MilestoneRule(key: "B", rule: .relative(to: "X", offsetDays: 1, dayKind: .calendar))]
        #expect(throws: DeadlineError.unknownBase(milestone: "B", base: "X")) { try calendar.resolve(rules) }
        #expect(DeadlineError.unknownBase(milestone: "B", base: "X").description
            == "Mốc thời gian “B” được tính theo mốc “X” nhưng mốc này không tồn tại")
    }

    static func relative(_ key: String, _ base: String) -> MilestoneRule {
        MilestoneRule(key: key, rule: .relative(to: base, offsetDays: 1, dayKind: .calendar))
    }

    @Test(arguments: [
        ([relative("A", "A")], ["A", "A"]),
        ([relative("A", "B"), relative("B", "A")], ["A", "B", "A"]),
        // "A" sorts first and enters the cycle at C; the report still starts at its smallest key.
        ([relative("A", "C"), relative("C", "D"), relative("D", "B"), relative("B", "C")], ["B", "C", "D", "B"]),
    ])
    func cyclesAreReportedCanonically(rules: [MilestoneRule], expected: [String]) {
        for ordering in [rules, rules.reversed()] {
            #expect(throws: DeadlineError.cycle(expected)) { try calendar.resolve(ordering) }
        }
    }

    @Test func cycleMessageIsVietnamese() {
        #expect(DeadlineError.cycle(["A", "B", "A"]).description == "Mốc thời gian tạo thành vòng lặp: A → B → A")
    }

    @Test func sameResultAndSameErrorInEveryOrder() throws {
        let good = Self.chain(start: "2023-12-01") + [conference]
        let expected = try calendar.resolve(good)
        let broken = [Self.relative("Q", "P"), Self.relative("P", "Q"), Self.relative("M", "NONE"), conference]
        // Keys are visited in sorted order, so "M" (unknown base) is found before the P–Q cycle.
        let expectedError = DeadlineError.unknownBase(milestone: "M", base: "NONE")
        for permutation in Self.permutations(of: Array(0..<4)) {
            #expect(try calendar.resolve(permutation.map { good[$0] }) == expected)
            #expect(throws: expectedError) { try calendar.resolve(permutation.map { broken[$0] }) }
        }
    }

    @Test(arguments: [
        MilestoneRule(key: "A", rule: .endOfLocalDay(LocalDate(year: 2023, month: 2, day: 30))),
        MilestoneRule(key: "A", rule: .relative(to: "BASE", offsetDays: 10_000_000, dayKind: .working)),
        MilestoneRule(key: "A", rule: .relative(to: "BASE", offsetDays: -36_000, dayKind: .calendar)),
    ])
    func outOfRangeDates(rule: MilestoneRule) {
        let base = MilestoneRule(key: "BASE", rule: .endOfLocalDay(day("0050-01-01")))
        #expect(throws: DeadlineError.outOfRange(milestone: "A")) { try calendar.resolve([base, rule]) }
    }

    @Test func emptyAndDuplicateInputs() throws {
        #expect(try calendar.resolve([]).isEmpty)
        let twice = [
            MilestoneRule(key: "A", rule: .endOfLocalDay(day("2023-12-01"))),
            MilestoneRule(key: "A", rule: .endOfLocalDay(day("2023-12-02"))),
        ]
        #expect(try calendar.resolve(twice) == ["A": instant("2023-12-02T23:59:59+07:00")])
    }

    static func permutations(of items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { i -> [[Int]] in
            var rest = items
            let head = rest.remove(at: i)
            return permutations(of: rest).map { [head] + $0 }
        }
    }
}
