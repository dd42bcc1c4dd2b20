import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// `/api/v1/overview` and `/api/v1/proposals`: the provincial board's views across every bloc, read in bulk
/// (a fixed number of queries whatever the number of blocs, units or proposals).
enum OverviewAPI {
    struct StateCounts: Content {
        var missing = 0, sent = 0, late = 0, returned = 0, accepted = 0
    }

    struct NextMilestone: Content {
        var code: String
        var title: String
        var dueAt: String
    }

    struct BlocOverviewDTO: Content {
        var blocID: UUID
        var blocName: String
        var cycleID: UUID
        var year: Int
        var units: Int
        /// Over every (unit, requirement) a unit is asked for.
        var submissions: StateCounts
        var assessmentsSent: Int
        var assessmentsToAgree: Int
        var scoresLocked: Bool
        var scoresPublished: Bool
        var ballotsOpen: Int
        /// Sealed rounds closed to votes, waiting for their key holders to decrypt.
        var ballotsCounting: Int
        var ballotsClosed: Int
        var proposalsDraft: Int
        var proposalsSent: Int
        /// Returned by the board to be corrected, and accepted for the council.
        var proposalsReturned: Int
        var proposalsAccepted: Int
        var proposalsDecided: Int
        var nextMilestone: NextMilestone?
    }

    struct ProposalSummaryDTO: Content {
        var id: UUID
        var cycleID: UUID
        var blocName: String
        var year: Int
        var title: String
        var status: ProposalStatus
        var sentAt: String?
        /// The nominees' labels, in Vietnamese order.
        var nominees: [String]
        var decisions: [String]
    }

    static func overview(_ req: Request) async throws -> [BlocOverviewDTO] {
        try req.authorize(.readProvinceHistory)
        let now = req.now
        let rows = try await ProvinceOverview.load(on: req.db, blocs: try await BoardScope.blocIDs(on: req)).entries.map { e in
            var counts = StateCounts()
            for t in e.tallies {
                counts.missing += t.missing
                counts.sent += t.counts[.sent] ?? 0
                counts.late += t.counts[.late] ?? 0
                counts.returned += t.counts[.returned] ?? 0
                counts.accepted += t.counts[.accepted] ?? 0
            }
            let proposals = Dictionary(grouping: e.proposals, by: \.status).mapValues(\.count)
            let next = e.nextMilestone(now: now)
            return BlocOverviewDTO(
                blocID: e.cycle.$bloc.id, blocName: e.bloc?.name ?? "", cycleID: e.cycle.id!, year: e.cycle.year,
                units: e.units, submissions: counts, assessmentsSent: e.assessmentsSent,
                assessmentsToAgree: e.assessmentsToAgree, scoresLocked: e.scoring?.lockedAt != nil,
                scoresPublished: e.scoring?.publishedAt != nil, ballotsOpen: e.ballots.filter { $0.status == .open }.count,
                ballotsCounting: e.ballots.filter { $0.status == .counting }.count,
                ballotsClosed: e.ballots.filter { $0.status == .closed }.count, proposalsDraft: proposals[.draft] ?? 0,
                proposalsSent: proposals[.sent] ?? 0, proposalsReturned: proposals[.returned] ?? 0,
                proposalsAccepted: proposals[.accepted] ?? 0, proposalsDecided: proposals[.decided] ?? 0,
                nextMilestone: next.map { NextMilestone(code: $0.code, title: $0.title, dueAt: LocalTime.rfc3339($0.dueAt)) })
        }
        return VietnameseText.sorted(rows, by: \.blocName)
    }

    /// The same table as a workbook the board files or forwards: one row per bloc, in Vietnamese order.
    static func overviewXLSX(_ req: Request) async throws -> Response {
        let rows = try await overview(req)
        let header = ["overview.bloc", "overview.year", "overview.units", "overview.files_sent", "overview.files_late",
                      "overview.files_missing", "overview.files_returned", "overview.files_accepted", "overview.assessments_sent",
                      "overview.assessments_to_agree", "overview.scores_locked", "overview.scores_published", "overview.ballots_open",
                      "overview.ballots_counting", "overview.ballots_closed", "overview.proposals_draft", "overview.proposals_sent",
                      "overview.proposals_returned", "overview.proposals_accepted", "overview.proposals_decided", "overview.next_milestone"]
            .map { XLSXCell.text(req.t($0)) }
        func n(_ value: Int) -> XLSXCell { .number(Double(value)) }
        func yes(_ flag: Bool) -> XLSXCell { .text(req.t(flag ? "yes" : "no")) }
        let body = rows.map { r -> [XLSXCell] in
            let next = r.nextMilestone.map { m in
                "\(m.title) (\(LocalTime.parseRFC3339(m.dueAt).map(VietnameseDate.long) ?? m.dueAt))"
            }
            return [.text(r.blocName), n(r.year), n(r.units), n(r.submissions.sent), n(r.submissions.late), n(r.submissions.missing),
                    n(r.submissions.returned), n(r.submissions.accepted), n(r.assessmentsSent), n(r.assessmentsToAgree),
                    yes(r.scoresLocked), yes(r.scoresPublished), n(r.ballotsOpen), n(r.ballotsCounting), n(r.ballotsClosed),
                    n(r.proposalsDraft), n(r.proposalsSent), n(r.proposalsReturned), n(r.proposalsAccepted), n(r.proposalsDecided),
                    .text(next ?? "")]
        }
        let data = try XLSXWriter.data([XLSXSheet(name: req.t("overview.sheet"), rows: [header] + body)])
        return SubmissionsAPI.file(data, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: req.t("overview.file"))
    }

    /// Every proposal of every bloc and year, newest year first, then by bloc in Vietnamese order.
    static func proposals(_ req: Request) async throws -> [ProposalSummaryDTO] {
        try req.authorize(.readProvinceHistory)
        let db = req.db
        let scope = try await BoardScope.blocIDs(on: req)
        let cycles = Dictionary(uniqueKeysWithValues: try await Cycle.query(on: db).all().filter { scope?.contains($0.$bloc.id) ?? true }
            .map { ($0.id!, $0) })
        let proposals = try await Proposal.query(on: db).filter(\.$cycleID ~~ Set(cycles.keys)).all()
        let ids = proposals.compactMap(\.id)
        let blocs = Dictionary(uniqueKeysWithValues: try await Bloc.query(on: db).filter(\.$id ~~ Set(cycles.values.map(\.$bloc.id))).all()
            .map { ($0.id!, $0.name) })
        let links = try await ProposalNominee.query(on: db).filter(\.$proposalID ~~ ids).all()
        let labels = Dictionary(uniqueKeysWithValues: try await Nominee.query(on: db).filter(\.$id ~~ Set(links.map(\.nomineeID))).all()
            .map { ($0.id!, $0.label) })
        let nominees = Dictionary(grouping: links, by: \.proposalID)
        let decisions = Dictionary(grouping: try await Decision.query(on: db).filter(\.$proposalID ~~ ids).all(), by: \.proposalID)
        let rows = proposals.map { p in
            let cycle = cycles[p.cycleID]
            let dto = ProposalSummaryDTO(id: p.id!, cycleID: p.cycleID, blocName: cycle.flatMap { blocs[$0.$bloc.id] } ?? "",
                                         year: cycle?.year ?? 0, title: p.title, status: p.status, sentAt: p.sentAt.map(LocalTime.rfc3339),
                                         nominees: VietnameseText.sorted((nominees[p.id!] ?? []).compactMap { labels[$0.nomineeID] }, by: { $0 }),
                                         decisions: (decisions[p.id!] ?? []).map(\.number))
            // Keys made once, not collation inside the comparison.
            return (key: (-dto.year, VietnameseText.fold(dto.blocName), VietnameseText.fold(dto.title)), dto: dto)
        }
        return rows.sorted { $0.key < $1.key }.map(\.dto)
    }
}
