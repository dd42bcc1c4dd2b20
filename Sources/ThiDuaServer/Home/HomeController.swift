import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The home page after sign-in ("Việc cần làm"): an open ballot as a banner with one tap to vote; for an officer,
/// what their unit still owes, returned items first, each with its deadline and countdown and one tap to its upload;
/// for the secretariat, what waits for review and who has not sent; for the board, every bloc's state.
enum HomeController {
    struct Banner: Encodable {
        var title: String
        var url: String
        /// What the banner asks for, and its button; a vote by default.
        var lead: String? = nil
        var action: String? = nil
    }
    struct ItemRow: Encodable { var title: String; var dueText: String; var countdown: String; var overdue: Bool; var reason: String?; var url: String }
    struct Line: Encodable { var text: String; var url: String }
    struct CycleCard: Encodable {
        var heading: String
        var url: String
        var items: [ItemRow]
        /// The secretariat's lines: requirements with files to review or units not sent, assessments to agree.
        var work: [Line]
        var nextText: String?
    }

    struct HomePage: Encodable {
        var ballots: [Banner]
        var unitName: String?
        var cards: [CycleCard]
        /// The board's overview (reviewers and administrators): every bloc's latest cycle.
        var overview: [CycleCard]
        /// The board's inbox: proposals sent and not yet accepted or returned.
        var isBoard = false
        var proposalsWaiting = 0
    }

    static func page(_ req: Request) async throws -> View {
        let user = try req.user()
        var page = HomePage(ballots: [], unitName: nil, cards: [], overview: [])
        // A key holder's step comes first: a sealed round cannot open, or be counted, without it.
        for (ballot, counting) in try await HomeService.trusteeSteps(of: user, on: req.db) {
            page.ballots.append(Banner(title: ballot.title, url: SiteURL.trustee(try ballot.requireID()),
                                       lead: req.t(counting ? "home_trustee_decrypt" : "home_trustee_key"), action: req.t("trustee_page_link")))
        }
        if let member = try await CouncilService.member(of: user, on: req.db) {
            for ballot in try await CouncilService.ballotsToVote(member, on: req.db) {
                page.ballots.append(Banner(title: ballot.title, url: SiteURL.Path.councilVote.link(try ballot.requireID()),
                                           lead: req.t("council_banner"), action: req.t("council_vote_now")))
            }
        }
        if let unitID = user.$unit.id {
            page.unitName = try await DirectoryService.unit(unitID, on: req.db)?.name
            for cycle in try await HomeService.currentCycles(ofUnit: unitID, on: req.db) {
                let cycleID = try cycle.requireID()
                for ballot in try await HomeService.openBallots(cycleID: cycleID, unitID: unitID, on: req.db) {
                    page.ballots.append(Banner(title: ballot.title, url: SiteURL.vote(try ballot.requireID())))
                }
                page.cards.append(try await card(cycle, unitID: unitID, secretariat: Policy.allows(user, .runCycle(cycle)), on: req))
            }
        } else if user.role == .admin || user.role == .reviewer {
            page.isBoard = Policy.allows(user, .reviewProposals)
            page.proposalsWaiting = try await Proposal.query(on: req.db).filter(\.$status == .sent).count()
            // In bulk: the board's page costs the same for one bloc as for a province of them.
            page.overview = VietnameseText.sorted(try await ProvinceOverview.load(on: req.db, blocs: try await BoardScope.blocIDs(on: req)).entries.map { boardCard($0, on: req) },
                                                  by: \.heading)
        }
        return try await req.render("home", title: req.t("home_title"), page)
    }

    static func card(_ cycle: Cycle, unitID: UUID?, secretariat: Bool, on req: Request) async throws -> CycleCard {
        let cycleID = try cycle.requireID()
        let bloc = try await CycleService.bloc(of: cycle, on: req.db)
        let matrix = try await StatusMatrix.build(for: cycle, on: req.db)
        var items: [ItemRow] = []
        if let unitID {
            let codes = Dictionary(uniqueKeysWithValues: matrix.requirements.map { ($0.id.uuidString, $0.code) })
            for item in Todo.open(try await HomeService.items(cycle: cycle, matrix: matrix, unitID: unitID, on: req.db)) {
                let isAssessment = item.kind == .selfAssessment
                items.append(ItemRow(
                    title: isAssessment ? req.t("home_item_assessment") : item.title, dueText: VietnameseDate.long(item.dueAt),
                    countdown: Todo.countdown(now: req.now, due: item.dueAt), overdue: item.dueAt < req.now, reason: item.reason,
                    url: isAssessment ? SiteURL.assessment(cycleID, unit: unitID) : SiteURL.checklist(cycleID) + "#req-\(codes[item.key] ?? "")"))
            }
        }
        var work: [Line] = []
        if secretariat {
            work = workLines(matrix, cycleID: cycleID, on: req)
            let toAgree = try await HomeService.assessmentsToReview(cycleID: cycleID, on: req.db)
            if toAgree > 0 { work.append(Line(text: req.t("home_assessments", ["n": String(toAgree)]), url: SiteURL.scoring(cycleID))) }
        }
        let milestones = try await MilestoneService.milestones(of: cycleID, on: req.db)
        let next = MilestoneService.next(milestones, now: req.now)
        return CycleCard(heading: req.t("cycle_heading", ["bloc": bloc?.name ?? "", "year": String(cycle.year)]), url: SiteURL.cycle(cycleID),
                         items: items, work: work,
                         nextText: next.map { req.t("next_milestone", ["title": $0.title, "due": VietnameseDate.long($0.dueAt)]) })
    }

    /// The secretariat's lines of one cycle: per requirement, files to review, and units not sent once it is due.
    static func workLines(_ matrix: StatusMatrix, cycleID: UUID, on req: Request) -> [Line] {
        workLines(matrix.requirements.enumerated().map { index, column in
            (column, Todo.tally(matrix.rows.compactMap { $0.cells.indices.contains(index) ? $0.cells[index].state : nil }))
        }, cycleID: cycleID, on: req)
    }

    static func workLines(_ tallies: [(StatusMatrix.Column, Todo.Tally)], cycleID: UUID, on req: Request) -> [Line] {
        tallies.compactMap { column, tally in
            let due = LocalTime.parseRFC3339(column.dueAt)
            let parts = [tally.awaitingReview > 0 ? req.t("home_awaiting", ["n": String(tally.awaitingReview)]) : nil,
                         tally.notSent > 0 && (due.map { $0 < req.now } ?? false) ? req.t("home_not_sent", ["n": String(tally.notSent)]) : nil]
                .compactMap { $0 }
            return parts.isEmpty ? nil : Line(text: "\(column.title): \(parts.joined(separator: " · "))", url: SiteURL.dashboard(cycleID))
        }
    }

    /// One bloc on the board's page, from the data read in bulk.
    static func boardCard(_ entry: ProvinceOverview.Entry, on req: Request) -> CycleCard {
        let cycleID = entry.cycle.id!
        var work = workLines(entry.tallies.map { ($0.column, $0.todo) }, cycleID: cycleID, on: req)
        if entry.assessmentsToAgree > 0 {
            work.append(Line(text: req.t("home_assessments", ["n": String(entry.assessmentsToAgree)]), url: SiteURL.scoring(cycleID)))
        }
        let next = entry.nextMilestone(now: req.now)
        return CycleCard(heading: req.t("cycle_heading", ["bloc": entry.bloc?.name ?? "", "year": String(entry.cycle.year)]),
                         url: SiteURL.cycle(cycleID), items: [], work: work,
                         nextText: next.map { req.t("next_milestone", ["title": $0.title, "due": VietnameseDate.long($0.dueAt)]) })
    }
}
