import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The phone-sized voting page: only the candidates the unit may choose, an explicit blank vote where the rule
/// allows one, "already voted" once the unit has voted, and otherwise the one reason the unit cannot vote.
struct BallotVotePage: Encodable {
    var ballot: BallotDTO
    var links: BallotLinks
    var ruleText: String
    var choices: [BallotDTO.Candidate]
    /// An approval round (up to N) may be answered with no unit, as a blank vote the voter ticks on purpose.
    var allowsBlank: Bool
    var exactlyOne: Bool
    var hasVoted: Bool
    /// Why this user cannot vote now; nil when the form is shown.
    var reason: String?
    /// The confirmation texts: "{names}" is filled in by the page with the ticked units.
    var confirmChoices: String
    var confirmBlank: String

    static func make(_ req: Request) async throws -> BallotVotePage {
        let (b, _) = try await BallotService.find(req.idParameter("ballotID"), on: req)
        let dto = try await BallotService.dto(b, localizer: req.application.localizer, on: req.db)
        let user = try req.user()
        let ballotID = try b.requireID()
        let unitID = user.$unit.id
        let isMember = try await Policy.unitIsMember(user, of: b.cycleID, on: req.db)
        var hasVoted = false
        if let unitID {
            hasVoted = try await BallotParticipation.query(on: req.db).filter(\.$ballotID == ballotID).filter(\.$unitID == unitID).first() != nil
        }
        var reason: String?
        if hasVoted {
            reason = nil
        } else if b.mode == .paper {
            reason = req.t("vote_reason.paper")
        } else if b.status == .draft {
            reason = req.t("vote_reason.not_open")
        } else if !b.status.acceptsVotes(b.mode) {
            reason = req.t("vote_reason.closed")
        } else if unitID == nil {
            reason = req.t("vote_reason.no_unit")
        } else if !isMember {
            reason = req.t("vote_reason.not_member")
        } else if try await !BallotService.isPresent(unitID, cycleID: b.cycleID, on: req.db) {
            reason = req.t("vote_reason.absent")
        } else if !Policy.allows(user, .vote(unitIsMember: true, unitIsPresent: true)) {
            reason = req.t("vote_reason.not_voter")
        }
        // A unit is never offered itself where the rules forbid voting for oneself.
        let own = unitID?.uuidString
        let choices = dto.candidates.filter { b.selfVoteAllowed || $0.key != own }
        let allowsBlank = b.maxChoices > 0
        if reason == nil, !hasVoted, choices.isEmpty, !allowsBlank { reason = req.t("vote_reason.no_choice") }
        return BallotVotePage(
            ballot: dto, links: BallotLinks(dto.id),
            ruleText: b.maxChoices == 0 ? req.t("rule_exactly_one") : req.t("rule_up_to", ["n": String(b.maxChoices)]),
            choices: choices, allowsBlank: allowsBlank, exactlyOne: b.maxChoices == 0, hasVoted: hasVoted, reason: reason,
            confirmChoices: req.t("vote_confirm"), confirmBlank: req.t("vote_confirm_blank"))
    }
}
