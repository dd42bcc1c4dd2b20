import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// View models of the scoring pages.
struct ScoringTablePage: Encodable {
    var heading: String
    var cycleURL: String
    var cycleLinks: CycleLinks
    var base: String
    var bonusCap: String
    var version: Int
    var frozen: Bool
    var illustrative: Bool
    var rows: [Row]
    var penalties: [PenaltyItem]
    var units: [Link]
    var canManage: Bool
    /// Unlocking agreed scores is the administrator's (`Policy` `.manageDirectory`).
    var canUnlock: Bool
    var lockedText: String?
    var publishedText: String?
    var csrfQuery: String

    struct Row: Encodable {
        var code: String
        var title: String
        var depth: Int
        var max: String?
        var step: String?
        var evidence: Bool
    }

    struct Link: Encodable { var name: String; var url: String }
}

/// The assessment form: one row per leaf with the self-score, and for the reviewer the agreed score and reason.
struct AssessmentPage: Encodable {
    var heading: String
    var backURL: String
    var url: String
    var links: AssessmentLinks
    var canEdit: Bool
    var canReview: Bool
    var submittedText: String?
    var isLate: Bool
    var complete: Bool
    var rows: [Row]
    var bonusRows: [AdjustmentRow]
    var penaltyRows: [AdjustmentRow]
    /// The penalty catalogue's kinds, for each penalty row's choice.
    var penaltyKinds: [RequirementsController.Option]
    var base: String
    var csrfQuery: String

    struct Row: Encodable {
        var code: String
        var title: String
        var depth: Int
        var isLeaf: Bool
        /// The maximum as shown ("2,5") and as the live check reads it ("2.5").
        var max: String
        var maxValue: String
        /// The step as the `step` attribute reads it ("0.5", or "any"), and as shown ("0,5"; empty when free).
        var step: String
        var stepText: String
        var selfPoints: String
        var note: String
        var agreed: String
        var reason: String
        var evidenceRequired: Bool
        var evidence: [EvidenceLink]
        /// The message of a refused save, on the row whose box it names.
        var error: String?
    }

    /// One bonus or penalty line as boxes; `index` names its boxes (`bonusTitle[<index>]`).
    struct AdjustmentRow: Encodable {
        var index: Int
        var title: String
        var points: String
        var reason: String
        var kind: String
        var error: String?
    }

    struct EvidenceLink: Encodable {
        var fileName: String
        var url: String
    }
}

/// The ranking page: subtotals per section and a server-rendered SVG bar chart.
struct RankingPage: Encodable {
    var heading: String
    var cycleURL: String
    var cycleLinks: CycleLinks
    var sections: [String]
    var rows: [Row]
    var chartHeight: Int
    var bars: [Bar]

    struct Row: Encodable {
        /// The rank, or "Chưa chấm điểm" for a unit outside the ranking (then no points or band are shown).
        var rank: String
        var scored: Bool
        var unitName: String
        var sections: [String]
        var base: String
        var bonus: String
        var penalty: String
        var total: String
        var classification: String
        var eligible: Bool
        var reasons: String
    }

    struct Bar: Encodable {
        var y: Int
        var textY: Int
        var width: Int
        var label: String
        var value: String
    }

    static func build(_ rows: [RankingRowDTO], cycle: Cycle, req: Request) -> RankingPage {
        let maxTotal = rows.map(\.total).max() ?? 1
        // Only ranked units have a bar: a unit not scored yet is not "0 points".
        let bars = rows.filter(\.scored).enumerated().map { i, r in
            Bar(y: i * 28 + 4, textY: i * 28 + 20,
                width: maxTotal > 0 ? Int((NSDecimalNumber(decimal: r.total / maxTotal).doubleValue * 420).rounded()) : 0,
                label: r.unitName, value: number(r.total))
        }
        return RankingPage(
            heading: req.t("ranking_heading", ["year": String(cycle.year)]), cycleURL: SiteURL.cycle(cycle.id!), cycleLinks: CycleLinks(cycle.id!),
            sections: rows.first?.sections.map { "\($0.code) (≤ \(number($0.max)))" } ?? [],
            rows: rows.map { r in
                r.scored
                    ? Row(rank: String(r.rank ?? 0), scored: true, unitName: r.unitName, sections: r.sections.map { number($0.points) },
                          base: number(r.base), bonus: number(r.bonus), penalty: number(r.penalty), total: number(r.total),
                          classification: r.classification ?? "", eligible: r.eligible, reasons: r.ineligibilityReasons.joined(separator: "; "))
                    : Row(rank: req.t("not_scored"), scored: false, unitName: r.unitName, sections: r.sections.map { _ in "" }, base: "", bonus: "", penalty: "",
                          total: "", classification: "", eligible: false, reasons: "")
            },
            chartHeight: bars.count * 28 + 8, bars: bars)
    }
}

/// "94,75": points as Vietnamese write them.
func number(_ value: Decimal) -> String { ScoringNumber.vietnamese(value) }
