import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// A council member's paper, on a phone as on a desk: the candidates with their blocs, one box each.
enum CouncilVoteController {
    struct Page: Encodable {
        var ballot: CouncilBallotDTO
        var voted: Bool
        var open: Bool
        var url: String
        var sessionURL: String
    }

    static func page(_ req: Request) async throws -> View {
        try await req.refuseNonMember()
        let ballot = try await CouncilBallots.find(try req.idParameter("ballotID"), on: req)
        let user = try req.user()
        let member = try await CouncilService.member(of: user, on: req.db)
        let present = try await CouncilService.presentIDs(ballot.sessionID, on: req.db)
        try req.authorize(.councilVote(isMember: member != nil, present: member?.id.map(present.contains) ?? false))
        let id = try ballot.requireID()
        let voted = try await CouncilParticipation.query(on: req.db).filter(\.$ballotID == id).filter(\.$memberID == member!.requireID()).first() != nil
        return try await req.render("council/vote", title: ballot.title, Page(
            ballot: CouncilViews.ballot(ballot, voted: 0), voted: voted, open: ballot.isOpen, url: SiteURL.Path.councilVote.link(id),
            sessionURL: SiteURL.Path.councilSession.link(ballot.sessionID)))
    }

    /// No box ticked sends no field; that is a blank paper only with its own box ticked.
    struct VoteForm: WebForm {
        var choices: [UUID]?
        var blank: String?
        func input(on req: Request) throws -> CouncilVoteInput { CouncilVoteInput(choices: choices ?? [], blank: blank == "1") }
    }

    static func cast(_ req: Request) async throws -> Response {
        try await req.refuseNonMember()
        let id = try req.idParameter("ballotID")
        let back = SiteURL.Path.councilVote.link(id)
        return try await req.formAction(back: back) {
            try await CouncilBallots.vote(id, try req.webForm(VoteForm.self), on: req)
            req.setFlash(Flash(kind: .ok, message: req.t("council_vote_cast")))
            return back
        }
    }
}
