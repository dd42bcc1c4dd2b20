// ranking-bench: times Ranking.rank for 20,000 units × 60 leaf criteria (seeded, reproducible).
// Run in release: `swift run -c release ranking-bench [units] [runs]`.
import Foundation
import ThiDuaCore

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let unitCount = arguments.first ?? 20_000
let runs = arguments.dropFirst().first ?? 5
let sectionCount = 6, criteriaPerSection = 5, subCriteria = 2  // 6 × 5 × 2 = 60 leaves

/// 60 leaves: each section has 5 criteria with sub-criteria a and b; leaf maxima alternate 2 and 1.25 (step 0.25).
func buildTable() -> ScoringTable {
    let sections = (1...sectionCount).map { s in
        ScoringNode(code: "\(s)", title: "Mục \(s)", children: (1...criteriaPerSection).map { c in
            ScoringNode(code: "\(s).\(c)", title: "Tiêu chí \(s).\(c)", children: (0..<subCriteria).map { k in
                ScoringNode(
                    code: "\(s).\(c).\(["a", "b"][k])", title: "Tiêu chí con \(s).\(c).\(["a", "b"][k])",
                    maxPoints: k == 0 ? 2 : Decimal(sign: .plus, exponent: -2, significand: 125),
                    step: Decimal(sign: .plus, exponent: -2, significand: 25), evidenceRequired: k == 0
                )
            })
        })
    }
    let table = ScoringTable(
        sections: sections, bonusCap: 10,
        penaltyItems: [
            PenaltyItem(code: "T.1", title: "Kỷ luật", points: 5, kind: "kyLuat"),
            PenaltyItem(code: "T.2", title: "Vi phạm", points: 2, kind: "viPham"),
            PenaltyItem(code: "T.3", title: "Báo cáo chậm", points: Decimal(sign: .plus, exponent: -1, significand: 5), kind: "cham"),
        ]
    )
    do { try table.validate() } catch { fatalError("bench table invalid: \(error)") }
    return table
}

/// Units scoring mostly near full marks (so many totals meet), with 0–3 bonus and 0–2 penalty items.
func buildUnits(_ table: ScoringTable) -> [UnitScores] {
    var rng = SplitMix64(seed: 20_231_219)
    let leaves = table.leaves.map { (code: $0.code, quarters: Int(truncating: ($0.maxPoints! * 4) as NSNumber)) }
    return (0..<unitCount).map { i in
        var points: [String: Decimal] = [:]
        points.reserveCapacity(leaves.count)
        for leaf in leaves {
            let quarters = max(0, leaf.quarters - Int.random(in: 0...2, using: &rng) * Int.random(in: 0...1, using: &rng))
            points[leaf.code] = Decimal(sign: .plus, exponent: -2, significand: Decimal(quarters * 25))
        }
        let bonus = (0..<Int.random(in: 0...3, using: &rng)).map { _ in Decimal(Int.random(in: 1...8, using: &rng)) }
        let penalties = (0..<Int.random(in: 0...2, using: &rng)).map { _ -> PenaltyEntry in
            let item = table.penaltyItems[Int.random(in: 0..<table.penaltyItems.count, using: &rng)]
            return PenaltyEntry(kind: item.kind, points: item.points)
        }
        return UnitScores(unit: String(format: "unit-%05d", i), leafPoints: points, bonus: bonus, penalties: penalties)
    }
}

let ruleSet = RuleSet(
    key: "bench", version: "1", name: "Bộ quy tắc đo hiệu năng", isExample: true, legalBasis: [],
    flagQuota: .absolute(1), voteThreshold: VoteThreshold(base: .validBallots, comparison: .atLeast, fraction: 0.5),
    selfVoteAllowed: false,
    eligibility: Eligibility(minimumTotal: 90, maximumRank: 100, excludedPenaltyKinds: ["kyLuat"]),
    tieBreaks: [.higherBase, .fewerPenaltyPoints, .higherBonus, .sharedRank],
    classificationBands: [
        ClassificationBand(label: "Hoàn thành xuất sắc nhiệm vụ", minimumTotal: 95),
        ClassificationBand(label: "Hoàn thành tốt nhiệm vụ", minimumTotal: 85),
        ClassificationBand(label: "Hoàn thành nhiệm vụ", minimumTotal: 70),
        ClassificationBand(label: "Không hoàn thành nhiệm vụ", minimumTotal: 0),
    ],
    rounding: Rounding(decimals: 2, mode: .halfUp), gracePeriodMinutes: 0, holidays: [], defaultDeadlines: []
)

func seconds(_ d: Duration) -> Double {
    Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
}

func format(_ values: [Double]) -> String {
    let sorted = values.sorted()
    return String(format: "min %8.2f ms   median %8.2f ms", sorted[0] * 1000, sorted[sorted.count / 2] * 1000)
}

/// Peak resident set size from /proc/self/status (Linux), or nil.
func peakRSS() -> String? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    return status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        .map { $0.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces) }
}

let clock = ContinuousClock()
var tableTimes: [Double] = [], inputTimes: [Double] = [], rankTimes: [Double] = []
var last: [RankedUnit] = []
for _ in 0..<runs {
    var table: ScoringTable!
    tableTimes.append(seconds(clock.measure { table = buildTable() }))
    var units: [UnitScores] = []
    inputTimes.append(seconds(clock.measure { units = buildUnits(table) }))
    rankTimes.append(seconds(clock.measure { last = Ranking.rank(units, table: table, ruleSet: ruleSet) }))
}

let leafCount = sectionCount * criteriaPerSection * subCriteria
print("ranking-bench: \(unitCount) units × \(leafCount) leaf criteria, \(runs) runs")
print("table build     \(format(tableTimes))")
print("scoring input   \(format(inputTimes))")
print("Ranking.rank    \(format(rankTimes))")
let shared = last.count - Set(last.map(\.rank)).count
print("check: top \(last.first?.unit ?? "-") total \(last.first.map { ScoringNumber.vietnamese($0.total) } ?? "-"), "
    + "\(shared) units share a rank with another, \(last.filter(\.eligible).count) eligible")
print("peak RSS (VmHWM) \(peakRSS() ?? "n/a")")
