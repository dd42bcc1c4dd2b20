import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Web pages of a ballot round: its page, the phone-sized voting page, the projector and the count minutes.
enum BallotsController {
    struct BallotPage: Encodable {
        var ballot: BallotDTO
        var url: String
        var links: BallotLinks
        var conferenceURL: String
        var statusLabel: String
        var ruleText: String
        var result: BallotResultDTO
        var resultRows: [Row]
        var outcomeText: String?
        var tieText: String?
        var canManage: Bool
        var canVote: Bool
        /// What the round's state allows, from `BallotStatus`: the page shows a button only when the service would act.
        var canOpen: Bool
        var canClose: Bool
        var hasResult: Bool
        /// A paper round waiting for its first count (a later count is a correction of the result).
        var awaitsPaperCount: Bool
        var hasTie: Bool
        /// A closed paper round's figures, for the correction form.
        var paper: PaperCountInput?
        var paperRows: [PaperRow]
        /// A sealed round's key holders, and whether the user holds one of the seats.
        var trustees: [TrusteeStateDTO.Seat]
        var isTrustee: Bool
        /// The secretariat may start the key ceremony again while the round is a draft.
        var canResetKeys: Bool
    }

    struct PaperRow: Encodable {
        var key: String
        var name: String
        var votes: Int
    }

    struct Row: Encodable {
        var name: String
        var votes: Int
        var share: String
        var passes: Bool
    }

    static func page(_ req: Request) async throws -> BallotPage {
        let (b, cycle) = try await BallotService.find(req.idParameter("ballotID"), on: req)
        let dto = try await BallotService.dto(b, localizer: req.application.localizer, on: req.db)
        let result = try await BallotService.result(b.requireID(), on: req)
        let names = Dictionary(uniqueKeysWithValues: dto.candidates.map { ($0.key, $0.name) })
        let user = try req.user()
        let paper = b.paperCount.flatMap { try? JSONDecoder().decode(PaperCountInput.self, from: Data($0.utf8)) }
        let paperRows = dto.candidates.map { c in
            PaperRow(key: c.key, name: c.name, votes: paper?.counts.first { $0.unitID == c.key }?.votes ?? 0)
        }
        let present = try await BallotService.presentUnits(cycleID: b.cycleID, on: req.db)
        let seats = b.sealed ? try await SealedBallots.seats(of: b.requireID(), on: req.db) : []
        // The vote service's own questions: the policy's, the round's state, and the unit's presence.
        let canVote = Policy.allows(user, .vote(unitIsMember: try await Policy.unitIsMember(user, of: b.cycleID, on: req.db),
                                                unitIsPresent: present.contains(user.$unit.id ?? UUID())))
            && b.status.acceptsVotes(b.mode)
        return BallotPage(
            ballot: dto, url: SiteURL.ballot(dto.id), links: BallotLinks(dto.id), conferenceURL: SiteURL.conference(b.cycleID),
            statusLabel: req.t(b.status.labelKey),
            ruleText: b.maxChoices == 0 ? req.t("rule_exactly_one") : req.t("rule_up_to", ["n": String(b.maxChoices)]),
            result: result,
            resultRows: result.counts.map { Row(name: $0.name, votes: $0.votes, share: DocxFormat.percent($0.share), passes: $0.passes) },
            outcomeText: b.status.hasResult ? (result.outcome.isEmpty ? req.t("outcome_none") : result.outcome.map { names[$0] ?? $0 }.joined(separator: "; ")) : nil,
            tieText: result.tie.isEmpty ? nil : result.tie.map { names[$0] ?? $0 }.joined(separator: "; "),
            canManage: Policy.allows(user, .runCycle(cycle)), canVote: canVote,
            canOpen: b.status.canOpen(b.mode), canClose: b.status.canClose, hasResult: b.status.hasResult,
            awaitsPaperCount: b.status.acceptsPaperCount(b.mode) && !b.status.hasResult, hasTie: !result.tie.isEmpty && result.runoffBallotID == nil,
            paper: b.status.hasResult ? paper : nil, paperRows: paperRows,
            trustees: seats.map(TrusteeStateDTO.Seat.init),
            isTrustee: seats.contains { SealedBallots.holds($0, user) },
            canResetKeys: b.sealed && b.status == .draft && Policy.allows(user, .runCycle(cycle)))
    }

    static func show(_ req: Request) async throws -> View {
        let page = try await page(req)
        return try await req.render("ballots/show", title: page.ballot.title, page)
    }

    static func vote(_ req: Request) async throws -> View {
        let page = try await BallotVotePage.make(req)
        return try await req.render("ballots/vote", title: page.ballot.title, page)
    }

    static func projector(_ req: Request) async throws -> View {
        let page = try await page(req)
        return try await req.render("ballots/projector", title: page.ballot.title, page)
    }

    static func countMinutes(_ req: Request) async throws -> View {
        let page = try await page(req)
        return try await req.render("ballots/count-minutes", title: page.ballot.title, page)
    }

    /// A ballot paper: no box ticked sends no field at all, which is a blank vote only with its own box ticked.
    struct VoteForm: WebForm {
        var choices: [String]?
        var blank: String?
        func input(on req: Request) throws -> VoteInput { VoteInput(choices: choices ?? [], blank: blank == "1") }
    }

    struct ReceiptPage: Encodable {
        var receipt: String
        var ballotID: UUID
        var ballotURL: String
        var title: String
    }

    static func castVote(_ req: Request) async throws -> Response {
        let id = try req.idParameter("ballotID")
        do {
            let receipt = try await BallotService.vote(id, try req.webForm(VoteForm.self), on: req)
            let (b, _) = try await BallotService.find(id, on: req)
            return try await req.render("ballots/receipt", title: b.title,
                                        ReceiptPage(receipt: receipt, ballotID: id, ballotURL: SiteURL.ballot(id), title: b.title))
                .encodeResponse(status: .created, for: req)
        } catch let error as AppError where error.status != .unauthorized {
            let typed = req.typedInput()
            req.setFlash(Flash(kind: .error, message: error.detail, values: typed.values, lists: typed.lists))
            return req.redirect(to: SiteURL.vote(id))
        }
    }

    /// The buttons of the ballot page: the API's operations on a round.
    enum Button: String, FormButton { case open, close, runoff, paper, resetKeys }

    struct ResetForm: WebForm {
        var reason: String?
        var redraw: String?
        func input(on req: Request) throws -> CeremonyResetInput { .init(redraw: redraw == "1", reason: reason ?? "") }
    }

    /// The counting committee's figures: one box per candidate, named `counts[<candidate key>]`.
    struct PaperCountForm: WebForm {
        var issued: Int
        var cast: Int
        var invalid: Int
        var counts: [String: Int]?
        var correctionReason: String?

        func input(on req: Request) throws -> PaperCountInput {
            PaperCountInput(issued: issued, cast: cast, invalid: invalid,
                            counts: (counts ?? [:]).map { PaperCountInput.Row(unitID: $0.key, votes: $0.value) },
                            correctionReason: correctionReason)
        }
    }

    static func act(_ req: Request) async throws -> Response {
        let id = try req.idParameter("ballotID")
        let back = SiteURL.ballot(id)
        return try await req.formAction(back: back) {
            switch try req.button(Button.self) {
            case .open: _ = try await BallotService.open(id, on: req)
            case .close: _ = try await BallotService.close(id, on: req)
            case .resetKeys: _ = try await SealedBallots.resetCeremony(id, try req.webForm(ResetForm.self), on: req)
            case .runoff: return SiteURL.ballot(try await BallotService.runoff(id, on: req).requireID())
            case .paper: _ = try await BallotService.paperCount(id, req.webForm(PaperCountForm.self), on: req)
            }
            return back
        }
    }
}
