import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct StatisticsForm0601Tests {
    static func movements(seed: UInt64) -> [StatisticsForm0601.Movement] {
        var random = SplitMix64(seed: seed)
        func pick<T>(_ all: [T]) -> T { all[Int(random.next() % UInt64(all.count))] }
        return (0..<Int(random.next() % 60)).map { _ in
            .init(level: pick(StatisticsForm0601.Level.allCases), scope: pick(StatisticsForm0601.Scope.allCases),
                  length: pick(StatisticsForm0601.Length.allCases), way: pick(StatisticsForm0601.Way.allCases))
        }
    }

    static func row(_ lines: [StatisticsForm0601.Line], _ code: String) -> [Int] {
        lines.first { $0.code == code }?.values ?? []
    }

    @Test("each part of the form adds up to the total, column by column", arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func partsAddUp(seed: UInt64) {
        let movements = Self.movements(seed: seed)
        let lines = StatisticsForm0601.lines(movements)
        let total = Self.row(lines, "01")
        #expect(total.first == movements.count)
        #expect(total.dropFirst().reduce(0, +) == movements.count, "column 1 = 2 + 3 + 4")
        for part in [["02", "03", "04", "05"], ["06", "07", "08", "09", "10"], ["11", "12"]] {
            let sums = (0..<4).map { column in part.map { Self.row(lines, $0)[column] }.reduce(0, +) }
            #expect(sums == total, "rows \(part) against row 01")
        }
        let centralYearly = movements.filter { $0.level == .central && $0.way == .yearly }.count
        #expect(Self.row(lines, "12")[1] == centralYearly)
    }

    @Test("a bloc's year is a one-year, yearly movement the province organises for its blocs")
    func blocYears() {
        let lines = StatisticsForm0601.lines(Array(repeating: .blocYear, count: 3))
        #expect(Self.row(lines, "04") == [3, 0, 3, 0])
        #expect(Self.row(lines, "07") == [3, 0, 3, 0])
        #expect(Self.row(lines, "12") == [3, 0, 3, 0])
        #expect(Self.row(lines, "02") == [0, 0, 0, 0] && Self.row(lines, "11") == [0, 0, 0, 0])
        #expect(lines.filter { $0.code == nil }.map(\.label) == ["form0601_by_scope", "form0601_by_length", "form0601_by_way"])
    }

    @Test("a movement's length goes to its row at the form's boundaries")
    func lengths() {
        let cases: [(Int, StatisticsForm0601.Length)] = [(1, .underOneYear), (11, .underOneYear), (12, .oneYear), (13, .oneToThreeYears),
                                                           (35, .oneToThreeYears), (36, .threeToFiveYears), (59, .threeToFiveYears),
                                                           (60, .fiveYearsOrMore)]
        for (months, length) in cases { #expect(StatisticsForm0601.Length(months: months) == length, "\(months) months") }
    }
}
