import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The board's inbox page: every bloc's proposal with its dossier, what is missing, and accept or return.
enum BoardInboxController {
    struct Row: Encodable {
        var id: UUID
        var blocName: String
        var year: Int
        var title: String
        var statusLabel: String
        var sentText: String?
        var nominees: [String]
        var documents: [AwardsController.ProposalRow.Document]
        var issues: [String]
        var flagQuota: Int
        var returnReason: String?
        var canReview: Bool
        var awardsURL: String
        var url: String
    }

    struct Page: Encodable {
        var rows: [Row]
        var waiting: Int
        /// The chairman's decision drafted from the accepted proposals, per year.
        var drafts: [Draft]
        /// The statistics workbook of each year with recorded awards.
        var statistics: [Draft]
        /// Certificates printed onto the province's blanks.
        var certificatesURL = SiteURL.Path.certificates.link()
    }

    struct Draft: Encodable { var year: Int; var url: String }

    static func page(_ req: Request) async throws -> View {
        let inbox = try await ProposalReview.inbox(on: req)
        let drafts = DecisionDraft.years(inbox).map { Draft(year: $0, url: SiteURL.Path.decisionDraft.link($0)) }
        let statistics = try await AwardEntry.query(on: req.db).unique().all(\.$year).sorted(by: >)
            .map { Draft(year: $0, url: SiteURL.Path.statistics.link($0)) }
        let rows = inbox.map { r in
            Row(id: r.proposal.id, blocName: r.blocName, year: r.year, title: r.proposal.title, statusLabel: req.t(r.proposal.status.labelKey),
                sentText: r.proposal.sentAt.flatMap(LocalTime.parseRFC3339).map(VietnameseDate.long),
                nominees: r.proposal.nominees.map { "\($0.label) — \($0.awardName)" },
                documents: r.proposal.documents.map { .init(roleLabel: req.t($0.role.labelKey), title: $0.title, webURL: $0.webURL) },
                issues: r.issues, flagQuota: r.flagQuota, returnReason: r.proposal.returnReason,
                canReview: r.proposal.status.awaitsReview, awardsURL: SiteURL.awards(r.cycleID),
                url: SiteURL.Path.boardProposal.link(r.proposal.id))
        }
        return try await req.render("awards/board", title: req.t("board_inbox_title"),
                                    Page(rows: rows, waiting: rows.filter(\.canReview).count, drafts: drafts, statistics: statistics))
    }

    enum Button: String, FormButton { case accept, sendBack }

    struct ReturnForm: WebForm {
        var reason: String?
        func input(on req: Request) throws -> ProposalReview.ReturnInput { .init(reason: reason ?? "") }
    }

    static func act(_ req: Request) async throws -> Response {
        let id = try req.idParameter("proposalID")
        let back = SiteURL.Path.boardProposals.link() + "#p-\(id.uuidString)"
        return try await req.formAction(back: back) {
            switch try req.button(Button.self) {
            case .accept:
                _ = try await ProposalReview.accept(id, on: req)
                req.setFlash(Flash(kind: .ok, message: req.t("board_inbox_accepted")))
            case .sendBack:
                _ = try await ProposalReview.sendBack(id, try req.webForm(ReturnForm.self), on: req)
                req.setFlash(Flash(kind: .ok, message: req.t("board_inbox_returned")))
            }
            return back
        }
    }
}
