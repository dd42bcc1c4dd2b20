import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Web pages for scoring: the table, a unit's assessment (with the reviewer's agreement), and the ranking.
enum ScoringController {
    static func tablePage(_ req: Request) async throws -> View {
        let cycle = try await ScoringAPI.cycle(req)
        let cycleID = try cycle.requireID()
        let user = try req.user()
        let record = try await ScoringTableService.current(cycleID: cycleID, on: req.db)
        let table = try record.map(ScoringTableService.decode)
        var rows: [ScoringTablePage.Row] = []
        func walk(_ node: ScoringNode, _ depth: Int) {
            rows.append(.init(code: node.code, title: node.title, depth: depth, max: node.maxPoints.map(number),
                              step: node.step.map(number), evidence: node.evidenceRequired))
            node.children.forEach { walk($0, depth + 1) }
        }
        table?.sections.forEach { walk($0, 0) }
        let state = try await AssessmentService.state(cycleID: cycleID, on: req.db)
        let members = try await CycleService.members(of: cycleID, on: req.db)
        let visible = members.filter { Policy.allows(user, .readScores(unitID: $0.id!, cycle, published: state?.publishedAt != nil)) }
        let page = ScoringTablePage(
            heading: req.t("scoring_heading", ["year": String(cycle.year)]), cycleURL: SiteURL.cycle(cycleID), cycleLinks: CycleLinks(cycleID),
            base: table.map { number($0.basePoints) } ?? "0", bonusCap: table.map { number($0.bonusCap) } ?? "0",
            version: record?.version ?? 0, frozen: record?.frozenAt != nil, illustrative: table?.isIllustrative ?? false,
            rows: rows, penalties: table?.penaltyItems ?? [],
            units: visible.map { .init(name: $0.name, url: SiteURL.assessment(cycleID, unit: $0.id!)) },
            canManage: Policy.allows(user, .runCycle(cycle)), canUnlock: Policy.allows(user, .manageDirectory),
            lockedText: state?.lockedAt.map(VietnameseDate.long), publishedText: state?.publishedAt.map(VietnameseDate.long),
            csrfQuery: "csrfToken=\(req.csrfToken)")
        return try await req.render("scoring/table", title: page.heading, page)
    }

    static func importTable(_ req: Request) async throws -> Response {
        let back = SiteURL.scoring(try req.idParameter("cycleID"))
        return try await req.formAction(back: back) {
            _ = try await ScoringAPI.importTable(req)
            req.setFlash(Flash(kind: .ok, message: req.t("scoring_table_saved")))
            return back
        }
    }

    /// Lock, unlock or publish: the API's three operations, one button each.
    struct StateForm: Decodable { var reason: String? }

    static func setState(_ req: Request) async throws -> Response {
        let cycleID = try req.idParameter("cycleID")
        let back = SiteURL.scoring(cycleID)
        return try await req.formAction(back: back) {
            let action = try req.button(ScoresAction.self)
            _ = try await AgreementService.setState(cycleID: cycleID, action: action, reason: req.formInput(StateForm.self).reason, on: req)
            req.setFlash(Flash(kind: .ok, message: req.t(action.doneKey)))
            return back
        }
    }

    static func rankingPage(_ req: Request) async throws -> View {
        let cycle = try await ScoringAPI.cycle(req)
        let rows = try await ScoringAPI.ranking(req)
        let page = RankingPage.build(rows, cycle: cycle, req: req)
        return try await req.render("scoring/ranking", title: page.heading, page)
    }
}
