import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The trustee's one screen (its steps run in the browser, where the secret is) and the public ballot board.
enum TrusteeController {
    struct TrusteePage: Encodable {
        var ballotID: UUID
        var title: String
        var intro: String
        var ballotURL: String
        var boardURL: String
        var stateURL: String
        /// The post routes with `N` (the seat) and `{step}` to fill in: the page knows its seat only from the state.
        var postURL: String
    }

    static func page(_ req: Request) async throws -> View {
        let (b, _) = try await BallotService.find(req.idParameter("ballotID"), on: req)
        guard b.sealed else { throw AppError.notFound(req.t("trustee.not_found")) }
        let id = try b.requireID()
        let page = TrusteePage(
            ballotID: id, title: b.title, intro: req.t("trustee_intro", ["threshold": String(b.trusteeThreshold ?? 2)]),
            ballotURL: SiteURL.ballot(id), boardURL: SiteURL.ballotBoard(id), stateURL: SiteURL.Path.trusteeState.link(id),
            postURL: SiteURL.Path.trusteeSeat.link(id, "N") + "/{step}")
        return try await req.render("ballots/trustee", title: req.t("trustee_title"), page)
    }

    struct BoardPage: Encodable {
        struct Row: Encodable { var name: String; var votes: Int }
        struct PaperRow: Encodable { var number: Int; var receipt: String; var tracker: String }
        struct TrusteeRow: Encodable { var number: Int; var name: String; var decrypted: Bool }
        var title: String
        var recordURL: String
        var counts: [Row]
        var papers: [PaperRow]
        var trustees: [TrusteeRow]
        var threshold: Int
        var publicKey: String
        var auditText: String?
    }

    /// Public once counted: every tracker, who decrypted, the totals, and the record to check it all.
    static func board(_ req: Request) async throws -> View {
        let b = try await SealedAPI.countedRound(req)
        let record = try await SealedBallots.record(b, counts: nil, on: req.db, localizer: req.application.localizer)
        let decrypted = Set(record.decryptions.map(\.trustee))
        let page = BoardPage(
            title: b.title, recordURL: SiteURL.ballotRecord(try b.requireID()),
            counts: zip(record.candidates, record.counts).map { .init(name: $0.name, votes: $1) },
            papers: record.papers.enumerated().map { .init(number: $0.offset + 1, receipt: $0.element.receipt, tracker: $0.element.tracker) },
            trustees: record.trustees.map { .init(number: $0.index, name: $0.name, decrypted: decrypted.contains($0.index)) },
            threshold: record.threshold, publicKey: record.publicKey,
            auditText: record.audit.map { req.t("ballot_board.audit", ["seq": String($0.seq), "hash": AuditLog.grouped($0.hash)]) })
        return try await req.render("ballots/board", title: req.t("ballot_board.title", ["title": b.title]), page)
    }
}
