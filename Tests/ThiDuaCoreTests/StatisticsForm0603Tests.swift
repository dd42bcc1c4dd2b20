import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct StatisticsForm0603Tests {
    /// Random awards as decisions give them: the province's kinds and a unit's own, every method and level.
    static func facts(seed: UInt64) -> [AwardStatistics.Fact] {
        var random = SplitMix64(seed: seed)
        let kinds: [(String, String)] = [("provincialFlag", "Cờ thi đua của Chủ tịch UBND tỉnh"), ("chairmanMerit", "Bằng khen của Chủ tịch UBND tỉnh"),
                                         ("baseEmulationSoldier", "Chiến sĩ thi đua cơ sở"), ("excellentCollective", "Tập thể lao động xuất sắc"),
                                         ("x", "Chiến sĩ thi đua cấp tỉnh"), ("y", "Kỷ niệm chương vì sự nghiệp thi đua")]
        let levels: [PositionLevel?] = PositionLevel.allCases + [nil]
        return (0..<Int(random.next() % 80)).map { _ in
            let (key, name) = kinds[Int(random.next() % UInt64(kinds.count))]
            let collective = random.next() % 2 == 0
            return .init(award: name, collective: collective, bloc: "Khối", column: StatisticsForm0603.column(key: key, name: name),
                         methodValue: AwardMethod.allCases[Int(random.next() % UInt64(AwardMethod.allCases.count))],
                         levelValue: collective ? nil : levels[Int(random.next() % UInt64(levels.count))])
        }
    }

    static func row(_ lines: [StatisticsForm0603.Line], _ code: String) -> [Int]? {
        lines.first { $0.code == code }?.values
    }

    @Test("the province's awards go to their columns; a unit's own titles are not on the form")
    func columns() {
        #expect(StatisticsForm0603.column(key: "provincialFlag", name: "") == .flag)
        #expect(StatisticsForm0603.column(key: "chairmanMerit", name: "") == .merit)
        #expect(StatisticsForm0603.column(key: "k", name: "Chiến sĩ thi đua cấp tỉnh") == .emulationSoldier)
        #expect(StatisticsForm0603.column(key: "k", name: "Chiến sĩ thi đua cơ sở") == nil)
        #expect(StatisticsForm0603.column(key: "k", name: "Huy hiệu Vì sự nghiệp") == .badge)
        #expect(StatisticsForm0603.column(key: "k", name: "Lao động tiên tiến") == nil)
    }

    @Test("every row adds up to the awards it names, and the rows to the total", arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func rowsAddUp(seed: UInt64) {
        let facts = Self.facts(seed: seed)
        let lines = StatisticsForm0603.lines(facts)
        let counted = facts.filter { $0.column != nil }
        #expect(lines.compactMap(\.code) == (1...17).map { String(format: "%02d", $0) })
        let total = try! #require(Self.row(lines, "01"))
        #expect(total[0] == counted.count)
        for column in StatisticsForm0603.Column.allCases {
            #expect(total[column.rawValue - 1] == counted.filter { $0.column == column }.count)
        }
        for line in lines { if let v = line.values { #expect(v[0] == v.dropFirst().reduce(0, +)) } }
        // Collectives, households and individuals make the total; the levels are part of the individuals.
        let recipients = ["02", "04", "05"].map { Self.row(lines, $0)! }
        #expect((0..<5).allSatisfy { c in recipients.reduce(0) { $0 + $1[c] } == total[c] })
        let levels = ["06", "07", "08", "09", "10"].map { Self.row(lines, $0)! }
        #expect((0..<5).allSatisfy { c in levels.reduce(0) { $0 + $1[c] } <= Self.row(lines, "05")![c] })
        #expect(Self.row(lines, "06")![0] == counted.filter { !$0.collective && $0.levelValue == .provincialLeader }.count)
        // Every award has one method: the method rows make the total.
        let methods = (11...17).map { Self.row(lines, String($0))! }
        #expect((0..<5).allSatisfy { c in methods.reduce(0) { $0 + $1[c] } == total[c] })
        #expect(Self.row(lines, "03") == nil, "whether a collective is an enterprise is not held")
    }

    @Test("the form's wording of a level is read from an imported workbook")
    func levelsFromText() {
        #expect(PastAwardImport.level("Lãnh đạo cấp bộ, cấp tỉnh và tương đương trở lên") == .provincialLeader)
        #expect(PastAwardImport.level("Lãnh đạo cấp vụ, sở, ngành và tương đương") == .departmentLeader)
        #expect(PastAwardImport.level("Các cấp lãnh đạo khác từ phó phòng trở lên") == .otherLeader)
        #expect(PastAwardImport.level("Doanh nhân") == .businessPerson)
        #expect(PastAwardImport.level("Lãnh đạo, quản lý") == .leader)
        #expect(PastAwardImport.level("Người trực tiếp công tác, lao động") == .directWorker)
    }
}
