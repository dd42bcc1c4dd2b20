import Foundation
import Testing
@testable import ThiDuaCore

/// The bundled example file, found relative to this source file (resolving the symlinks
/// a private test package may use to reach it).
func exampleRuleSetData() throws -> Data {
    let here = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
    let url = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Resources/RuleSets/example-lao-cai-2023.json")
    return try Data(contentsOf: url)
}

@Suite struct RuleSetExampleTests {
    let ruleSet: RuleSet

    init() throws {
        ruleSet = try RuleSet.decode(try exampleRuleSetData())
    }

    @Test func identityAndLegalBasis() {
        #expect(ruleSet.schemaVersion == 1)
        #expect(ruleSet.key == "example-lao-cai-2023")
        #expect(ruleSet.version == "2023.1")
        #expect(ruleSet.isExample)
        #expect(ruleSet.name == "Bộ quy tắc ví dụ — Khối Thi đua các cơ quan Tỉnh ủy Lào Cai 2023 (minh họa)")
        #expect(ruleSet.legalBasis.contains { $0.contains("3666/QĐ-UBND ngày 13/10/2021") && $0.contains("Lào Cai") })
        #expect(ruleSet.legalBasis.contains { $0.contains("Luật Thi đua, khen thưởng") && $0.contains("2022") })
        #expect(ruleSet.legalBasis.contains { $0.contains("minh họa") })
    }

    @Test func votingAndRankingRules() {
        #expect(ruleSet.flagQuota == .absolute(1))
        #expect(ruleSet.voteThreshold == VoteThreshold(base: .validBallots, comparison: .atLeast, fraction: 0.5))
        #expect(!ruleSet.selfVoteAllowed)
        #expect(ruleSet.eligibility == Eligibility(minimumTotal: 90))
        #expect(ruleSet.tieBreaks == [.higherBase, .fewerPenaltyPoints, .higherBonus, .sharedRank])
        #expect(ruleSet.classificationBands.map(\.minimumTotal) == [95, 85, 70, 0])
        #expect(ruleSet.rounding == Rounding(decimals: 2, mode: .halfUp))
        #expect(ruleSet.gracePeriodMinutes == 0)
    }

    @Test(arguments: [
        "2023-01-02", "2023-01-20", "2023-01-26", "2023-04-29", "2023-05-03", "2023-09-01", "2023-09-04",
        "2024-01-01", "2024-02-08", "2024-02-14", "2024-04-18", "2024-04-27", "2024-05-01", "2024-08-31",
        "2024-09-03",
    ])
    func holidaysIncludeOfficialDaysOff(text: String) {
        #expect(ruleSet.holidays.contains(day(text)))
        #expect(!ruleSet.calendar.isWorkingDay(day(text)))
    }

    @Test func holidayBlocksAreComplete() {
        let blocks = [("2023-01-20", "2023-01-26"), ("2023-04-29", "2023-05-03"), ("2023-09-01", "2023-09-04"),
                      ("2024-02-08", "2024-02-14"), ("2024-04-27", "2024-05-01"), ("2024-08-31", "2024-09-03")]
        let expected = Set(blocks.flatMap { days($0.0, through: $0.1) } + [day("2023-01-02"), day("2024-01-01"), day("2024-04-18")])
        #expect(Set(ruleSet.holidays) == expected)
        #expect(ruleSet.holidays == ruleSet.holidays.sorted())
    }

    @Test func defaultDeadlinesReproduceThePlan() throws {
        let due = try ruleSet.calendar.resolve(ruleSet.defaultMilestoneRules)
        #expect(due == [
            "SCORING": instant("2023-12-05T23:59:59+07:00"),
            "REPORT": instant("2023-12-11T23:59:59+07:00"),
            "DOSSIER": instant("2023-12-11T23:59:59+07:00"),
            "PRESENTATION": instant("2023-12-11T23:59:59+07:00"),
            "CONFERENCE": instant("2023-12-19T08:00:00+07:00"),
            "ORIGINALS": instant("2023-12-22T23:59:59+07:00"),
            "PROPOSAL": instant("2023-12-24T23:59:59+07:00"),
        ])
        #expect(ruleSet.defaultDeadlines.map(\.code)
            == ["SCORING", "REPORT", "DOSSIER", "PRESENTATION", "CONFERENCE", "ORIGINALS", "PROPOSAL"])
    }

    @Test func titlesAreVietnameseWithDiacritics() {
        for deadline in ruleSet.defaultDeadlines {
            #expect(VietnameseText.fold(deadline.title) != deadline.title.lowercased(), "\(deadline.code)")
        }
        #expect(ruleSet.defaultDeadlines.first { $0.code == "CONFERENCE" }?.title.contains("Hội nghị") == true)
    }

    @Test func roundTripsThroughEncodedJSON() throws {
        let data = ruleSet.encodedJSON()
        #expect(try RuleSet.decode(data) == ruleSet)
        let text = String(decoding: data, as: UTF8.self)
        let keys = ["\"classificationBands\"", "\"defaultDeadlines\"", "\"eligibility\"", "\"flagQuota\"", "\"holidays\""]
        let positions = keys.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted(), "keys are sorted")
        #expect(text.contains("\n  "), "pretty-printed")
    }

    @Test func classifiesTotals() {
        #expect(ruleSet.classification(of: 96)?.label == "Hoàn thành xuất sắc nhiệm vụ")
        #expect(ruleSet.classification(of: 95)?.label == "Hoàn thành xuất sắc nhiệm vụ")
        #expect(ruleSet.classification(of: 94.99)?.label == "Hoàn thành tốt nhiệm vụ")
        #expect(ruleSet.classification(of: -1) == nil)
    }
}
