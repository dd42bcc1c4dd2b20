import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The public page: published results of each bloc and year — ranking, nominations, decisions — and nothing unpublished.
enum PublicController {
    struct IndexPage: Encodable {
        var cycles: [Entry]
        /// The audit chain's head as published: anyone can note it and later ask `audit-verify --expect-head` about it.
        var auditHead: String?
        struct Entry: Encodable { var title: String; var url: String }
    }

    static func index(_ req: Request) async throws -> View {
        let entries = try await PublicService.published(on: req.db).map {
            IndexPage.Entry(title: "\($0.blocName) — \($0.cycle.year)", url: SiteURL.publicCycle($0.cycle.id!))
        }
        let head = try await AuditLog.head(on: req.db).map {
            req.t("public_audit_head", ["seq": String($0.seq), "hash": AuditLog.grouped($0.hash)])
        }
        return try await req.render("public/index", title: req.t("public_title"), IndexPage(cycles: entries, auditHead: head))
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
        let cycleID = try cycle.requireID()
        let bloc = try await CycleService.bloc(of: cycle, on: req.db)
        let rows = try await RankingService.ranking(cycle, on: req.db)
        let flag = try await PublicService.flagNominees(of: cycleID, on: req.db)
        let decisions = try await PublicService.decisions(of: cycleID, on: req.db).map { d in
            req.t("public_decision_line", ["number": d.number, "date": d.date.map(VietnameseDate.short) ?? "", "issuer": d.issuer,
                                           "awarded": d.awarded.joined(separator: "; ")])
        }
        let page = CyclePage(heading: "\(bloc?.name ?? "") — \(req.t("public_results")) \(cycle.year)",
                             ranking: RankingPage.build(rows, cycle: cycle, req: req), nominees: flag, decisions: decisions)
        return try await req.render("public/cycle", title: page.heading, page)
    }
}
