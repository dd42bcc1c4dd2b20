import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The public page: published results of each bloc and year — ranking, nominations, decisions — and nothing unpublished.
enum PublicController {
    struct IndexPage: Encodable {
        var cycles: [Entry]
        struct Entry: Encodable { var title: String; var url: String }
    }

    static func published(on db: Database) async throws -> [Cycle] {
        let states = try await ScoringState.query(on: db).filter(\.$publishedAt != nil).all()
        return try await Cycle.query(on: db).filter(\.$id ~~ states.map(\.cycleID)).sort(\.$year, .descending).all()
    }

    static func index(_ req: Request) async throws -> View {
        var entries: [IndexPage.Entry] = []
        for cycle in try await published(on: req.db) {
            let bloc = try await Bloc.find(cycle.$bloc.id, on: req.db)
            entries.append(.init(title: "\(bloc?.name ?? "") — \(cycle.year)", url: SiteURL.publicCycle(cycle.id!)))
        }
        return try await req.render("public/index", title: req.t("public_title"), IndexPage(cycles: entries))
    }

    struct CyclePage: Encodable {
        var heading: String
        var ranking: RankingPage
        var nominees: [String]
        var decisions: [String]
    }

    static func cycle(_ req: Request) async throws -> View {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        guard try await AssessmentService.published(cycleID: cycle.requireID(), on: req.db) else {
            // Unpublished cycles do not exist, as far as the public can tell.
            throw AppError.notFound(req.t("problem.not-found.detail"))
        }
        let bloc = try await Bloc.find(cycle.$bloc.id, on: req.db)
        let rows = try await RankingService.ranking(cycle, on: req.db)
        let flag = try await Nominee.query(on: req.db).filter(\.$cycleID == cycle.requireID()).filter(\.$source == .ballot).all().map(\.label)
        var decisions: [String] = []
        for p in try await Proposal.query(on: req.db).filter(\.$cycleID == cycle.requireID()).filter(\.$status == .decided).all() {
            for d in try await Decision.query(on: req.db).filter(\.$proposalID == p.requireID()).all() {
                let awarded = try await AwardEntry.query(on: req.db).filter(\.$decisionID == d.requireID()).filter(\.$awarded == true).all()
                var names: [String] = []
                for a in awarded { names.append(try await Nominee.find(a.nomineeID, on: req.db)?.label ?? "") }
                decisions.append("Quyết định số \(d.number) ngày \(d.date) (\(d.issuer)): " + names.joined(separator: "; "))
            }
        }
        let page = CyclePage(heading: "\(bloc?.name ?? "") — \(req.t("public_results")) \(cycle.year)",
                             ranking: RankingPage.build(rows, cycle: cycle, req: req), nominees: flag, decisions: decisions)
        return try await req.render("public/cycle", title: page.heading, page)
    }
}
