import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct AwardEligibilityTests {
    static let flag = "Cờ thi đua của UBND tỉnh"
    static let merit = "Bằng khen của Chủ tịch UBND tỉnh"
    static let excellent = "Tập thể lao động xuất sắc"
    static let rules: [AwardRule] = [
        .noConsecutive(award: flag),
        .requiresYears(award: merit, requiredAward: excellent, years: 2),
    ]

    static func consecutive(_ year: Int) -> String {
        "Đã nhận “\(flag)” năm \(year); quy định không tặng liên tiếp hai năm"
    }

    static func needs(_ n: Int, _ had: String) -> String {
        "Cần \(n) năm liên tục đạt “\(excellent)” (\(had))"
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var award: String
        var history: [(String, Int)]
        var expected: [String]
        var rules: [AwardRule] = AwardEligibilityTests.rules
        var testDescription: String { "\(award) \(history)" }
    }

    @Test(arguments: [
        // noConsecutive: previous year, gap, none, the year after, both sides, other awards.
        Case(award: flag, history: [(flag, 2022)], expected: [consecutive(2022)]),
        Case(award: flag, history: [(flag, 2021)], expected: []),
        Case(award: flag, history: [(flag, 2020), (flag, 2018)], expected: []),
        Case(award: flag, history: [], expected: []),
        Case(award: flag, history: [(flag, 2024)], expected: [consecutive(2024)]),
        Case(award: flag, history: [(flag, 2024), (flag, 2022)], expected: [consecutive(2022), consecutive(2024)]),
        Case(award: flag, history: [(merit, 2022), (excellent, 2022)], expected: []),
        Case(award: merit, history: [(merit, 2022), (excellent, 2021), (excellent, 2022)], expected: []),
        Case(award: flag, history: [(flag, 2022)], expected: [], rules: []),
        // The same award already in the proposal's year, with or without rules.
        Case(award: flag, history: [(flag, 2023)],
             expected: ["Đã nhận “\(flag)” năm 2023; đề nghị trùng năm đã được tặng"], rules: []),
        // requiresYears: enough, one short, a gap, none, ending in the proposal's year, boundary.
        Case(award: merit, history: [(excellent, 2021), (excellent, 2022)], expected: []),
        Case(award: merit, history: [(excellent, 2022)], expected: [needs(2, "đã có: 2022")]),
        Case(award: merit, history: [(excellent, 2020), (excellent, 2021)], expected: [needs(2, "đã có: 2021")]),
        Case(award: merit, history: [(excellent, 2020), (excellent, 2022)], expected: [needs(2, "đã có: 2022")]),
        Case(award: merit, history: [], expected: [needs(2, "chưa có năm nào")]),
        Case(award: merit, history: [(excellent, 2019), (excellent, 2020)], expected: [needs(2, "chưa có năm nào")]),
        Case(award: merit, history: [(excellent, 2022), (excellent, 2023)], expected: []),
        Case(award: merit, history: [(excellent, 2021), (excellent, 2023)], expected: [needs(2, "đã có: 2021, 2023")]),
        Case(award: merit, history: [(excellent, 2022), (excellent, 2022), (flag, 2021)], expected: [needs(2, "đã có: 2022")]),
        Case(award: merit, history: [(excellent, 2020), (excellent, 2021), (excellent, 2022)], expected: [],
             rules: [.requiresYears(award: merit, requiredAward: excellent, years: 3)]),
        Case(award: merit, history: [(excellent, 2021), (excellent, 2022)], expected: [needs(3, "đã có: 2021, 2022")],
             rules: [.requiresYears(award: merit, requiredAward: excellent, years: 3)]),
        Case(award: merit, history: [], expected: [],
             rules: [.requiresYears(award: merit, requiredAward: excellent, years: 0)]),
        Case(award: merit, history: [(excellent, 2022)], expected: [],
             rules: [.requiresYears(award: merit, requiredAward: excellent, years: 1)]),
        Case(award: merit, history: [(excellent, 2021)], expected: [needs(1, "chưa có năm nào")],
             rules: [.requiresYears(award: merit, requiredAward: excellent, years: 1)]),
        Case(award: excellent, history: [], expected: []),
        // A rule listed twice warns once; both kinds of rule on one award.
        Case(award: flag, history: [(flag, 2022)], expected: [consecutive(2022)],
             rules: [.noConsecutive(award: flag), .noConsecutive(award: flag)]),
        Case(award: flag, history: [(flag, 2022)],
             expected: [consecutive(2022), "Cần 1 năm liên tục đạt “\(merit)” (chưa có năm nào)"],
             rules: [.noConsecutive(award: flag), .requiresYears(award: flag, requiredAward: merit, years: 1)]),
    ])
    func warnings(_ c: Case) {
        let history = c.history.map { AwardRecord(award: $0.0, year: $0.1) }
        #expect(AwardEligibility.warnings(award: c.award, year: 2023, history: history, rules: c.rules) == c.expected)
        #expect(AwardEligibility.warnings(award: c.award, year: 2023, history: history.reversed(), rules: c.rules)
            == c.expected)
    }

    @Test func awardTextMatchesAcrossNormalisationAndSpacing() {
        let nfd = Self.flag.decomposedStringWithCanonicalMapping
        let history = [AwardRecord(award: "  Cờ  thi đua của UBND tỉnh ", year: 2022)]
        #expect(AwardEligibility.warnings(award: nfd, year: 2023, history: history, rules: Self.rules)
            == [Self.consecutive(2022)])
    }

    @Test func keysAreShownByName() {
        let names = ["provincialFlag": "Cờ thi đua của Chủ tịch UBND tỉnh", "excellentCollective": Self.excellent]
        let rules: [AwardRule] = [
            .noConsecutive(award: "provincialFlag"),
            .requiresYears(award: "provincialFlag", requiredAward: "excellentCollective", years: 2),
        ]
        let history = [AwardRecord(award: "provincialFlag", year: 2022), AwardRecord(award: "excellentCollective", year: 2022)]
        #expect(AwardEligibility.warnings(award: "provincialFlag", year: 2023, history: history, rules: rules, names: names) == [
            "Đã nhận “Cờ thi đua của Chủ tịch UBND tỉnh” năm 2022; quy định không tặng liên tiếp hai năm",
            "Cần 2 năm liên tục đạt “Tập thể lao động xuất sắc” (đã có: 2022)",
        ])
    }

    @Test func rulesAreFlatJSON() throws {
        let json = """
            [{"kind": "noConsecutive", "award": "provincialFlag"},
             {"kind": "requiresYears", "award": "chairmanMerit", "requiredAward": "excellentCollective", "years": 2}]
            """
        let rules = try JSONDecoder().decode([AwardRule].self, from: Data(json.utf8))
        #expect(rules == [.noConsecutive(award: "provincialFlag"),
                          .requiresYears(award: "chairmanMerit", requiredAward: "excellentCollective", years: 2)])
        let again = try JSONDecoder().decode([AwardRule].self, from: JSONEncoder().encode(rules))
        #expect(again == rules)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([AwardRule].self, from: Data(#"[{"kind": "sometimes", "award": "x"}]"#.utf8))
        }
        let record = try JSONDecoder().decode(AwardRecord.self, from: Data(#"{"award": "Cờ", "year": 2022}"#.utf8))
        #expect(record == AwardRecord(award: "Cờ", year: 2022))
    }
}
