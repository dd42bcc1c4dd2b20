import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct AwardStatisticsTests {
    /// Random decisions' awards: kinds, collectives and individuals, blocs, from a seed.
    static func facts(seed: UInt64) -> [AwardStatistics.Fact] {
        var random = SplitMix64(seed: seed)
        let kinds = ["Cờ thi đua của UBND tỉnh", "Bằng khen của Chủ tịch UBND tỉnh", "Chiến sĩ thi đua cơ sở", "Tập thể lao động xuất sắc"]
        let blocs = ["Khối thi đua số 1", "Khối thi đua số 2", "Cụm thi đua số 3"]
        let methods = ["Thường xuyên", "Chuyên đề", "Đột xuất"], levels = ["Lãnh đạo, quản lý", "Người lao động trực tiếp"]
        return (0..<Int(random.next() % 60)).map { _ in
            let collective = random.next() % 2 == 0
            return .init(award: kinds[Int(random.next() % 4)], collective: collective, bloc: blocs[Int(random.next() % 3)],
                         method: methods[Int(random.next() % 3)], level: collective || random.next() % 4 == 0 ? nil : levels[Int(random.next() % 2)])
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func everyTableAddsUpToTheDecisions(seed: UInt64) {
        let facts = Self.facts(seed: seed)
        for table in [AwardStatistics.byAward(facts), AwardStatistics.byBloc(facts), AwardStatistics.byMethod(facts)] {
            let body = table.dropLast(), total = table.last!
            #expect(total.label == "Tổng cộng" && total.total == facts.count)
            #expect(body.reduce(0) { $0 + $1.total } == facts.count)
            #expect(body.allSatisfy { $0.collectives + $0.individuals == $0.total && $0.total > 0 })
            #expect(total.collectives == facts.filter(\.collective).count)
        }
        let byAward = AwardStatistics.byAward(facts).dropLast()
        for row in byAward { #expect(row.total == facts.filter { $0.award == row.label }.count) }
        for row in AwardStatistics.byMethod(facts).dropLast() { #expect(row.total == facts.filter { $0.method == row.label }.count) }
        // Individuals by where they stand: every individual once, those not recorded in their own row, no collective.
        let byLevel = AwardStatistics.byLevel(facts, unrecorded: "Chưa ghi")
        let individuals = facts.filter { !$0.collective }
        #expect(byLevel.last!.total == individuals.count && byLevel.allSatisfy { $0.collectives == 0 })
        #expect(byLevel.first { $0.label == "Chưa ghi" }?.total ?? 0 == individuals.filter { $0.level == nil }.count)
    }

    @Test func noDecisionGivesOnlyAZeroTotal() {
        #expect(AwardStatistics.byAward([]) == [.init(label: "Tổng cộng", total: 0, collectives: 0, individuals: 0)])
    }
}
