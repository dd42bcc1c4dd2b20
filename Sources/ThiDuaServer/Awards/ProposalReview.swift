import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The provincial board's inbox (issue 17): every proposal sent to the province, with its dossier and what is
/// missing from it; the board accepts it for the council or returns it to the bloc's secretariat with a reason,
/// which the bloc corrects and sends again. Every step is audited and the bloc is notified.
enum ProposalReview {
    struct InboxRow: Content {
        var proposal: ProposalDTO
        var cycleID: UUID
        var blocName: String
        var year: Int
        /// What the board would send back for, in Vietnamese; empty when the dossier is complete.
        var issues: [String]
        var flagQuota: Int
        var dueAt: String?
    }

    struct ReturnInput: Content { var reason: String }

    /// Proposals waiting for the board first, then those returned, then accepted; by year and bloc within each. The
    /// same number of queries for a bloc's proposals as for a province's: each table is read once for every cycle.
    static func inbox(on req: Request) async throws -> [InboxRow] {
        try req.authorize(.reviewProposals)
        let db = req.db
        let scope = try await BoardScope.blocIDs(on: req)
        let all = try await Proposal.query(on: db).filter(\.$status ~~ [.sent, .returned, .accepted]).all()
        let cycleList = try await Cycle.query(on: db).filter(\.$id ~~ Set(all.map(\.cycleID))).all()
            .filter { scope?.contains($0.$bloc.id) ?? true }
        let cycles = Dictionary(cycleList.compactMap { c in c.id.map { ($0, c) } }, uniquingKeysWith: { a, _ in a })
        let proposals = all.filter { cycles[$0.cycleID] != nil }
        guard !proposals.isEmpty else { return [] }
        let cycleIDs = Set(cycles.keys)
        let ruleSets = try await BallotService.ruleSets(of: cycleList, on: db)
        let dtos = try await ProposalService.dtos(proposals, cycles: cycles, ruleSets: ruleSets, localizer: req.application.localizer,
                                                  language: req.language, on: db)
        let blocs = try await BoardScope.blocNames(Set(cycleList.map(\.$bloc.id)), on: db)
        // Counted by the database: a province's inbox has 600 memberships, a nation's tens of thousands.
        let members = try await RequirementTally.memberCounts(of: Array(cycleIDs), on: db)
        var due: [UUID: Date] = [:]
        for m in try await Milestone.query(on: db).filter(\.$cycle.$id ~~ cycleIDs).filter(\.$role == .proposal).all() where due[m.$cycle.id] == nil {
            due[m.$cycle.id] = m.dueAt
        }
        let owing = try await Requirement.query(on: db).filter(\.$cycle.$id ~~ cycleIDs).filter(\.$audience == .nominated)
            .filter(\.$originalsRequired > 0).all()
        let received = Dictionary(grouping: try await PaperOriginals.query(on: db).filter(\.$requirementID ~~ owing.compactMap(\.id)).all(),
                                  by: \.requirementID)
        let owingOf = Dictionary(grouping: owing, by: \.$cycle.id)
        let rows = zip(proposals, dtos).map { p, dto in
            let cycle = cycles[p.cycleID]!
            let quota = ruleSets[p.cycleID]?.flagQuota.flagCount(memberCount: members[p.cycleID] ?? 0) ?? 1
            let owed = owingOf[p.cycleID] ?? []
            let receivedHere = owed.compactMap(\.id).flatMap { received[$0] ?? [] }
            return row(p, dto, cycle: cycle, blocName: blocs[cycle.$bloc.id] ?? "", quota: quota, due: due[p.cycleID], owing: owed,
                       received: receivedHere)
        }
        let order: [ProposalStatus: Int] = [.sent: 0, .returned: 1, .accepted: 2]
        return rows.map { (key: (order[$0.proposal.status] ?? 3, -$0.year, VietnameseText.fold($0.blocName)), row: $0) }
            .sorted { $0.key < $1.key }.map(\.row)
    }

    /// One proposal with its checks against its cycle's rules (`ThiDuaCore.ProposalCompleteness`).
    static func row(_ p: Proposal, _ dto: ProposalDTO, cycle: Cycle, blocName: String, quota: Int, due: Date?,
                    owing: [Requirement], received: [PaperOriginals]) -> InboxRow {
        let nominees = dto.nominees.map { n in
            let isFlag = n.award == AwardService.flagKey
            return ProposalCompleteness.Nominee(
                label: n.label, isFlag: isFlag,
                hasReport: dto.documents.contains { $0.role == .report && $0.unitID == n.unitID },
                originalsOwed: isFlag ? owing.reduce(0) { $0 + $1.originalsRequired } : 0,
                originalsReceived: isFlag ? received.filter { $0.unitID == n.unitID }.reduce(0) { $0 + $1.count } : 0)
        }
        let issues = ProposalCompleteness.issues(hasLetter: dto.documents.contains { $0.role == .letter }, nominees: nominees,
                                                 sentAt: p.sentAt, due: due, flagQuota: quota, warnings: dto.warnings)
        return InboxRow(proposal: dto, cycleID: p.cycleID, blocName: blocName, year: cycle.year, issues: issues.map(\.text),
                        flagQuota: quota, dueAt: due.map(LocalTime.rfc3339))
    }

    static func accept(_ id: UUID, on req: Request) async throws -> Proposal {
        try await review(id, to: .accepted, reason: nil, on: req)
    }

    static func sendBack(_ id: UUID, _ input: ReturnInput, on req: Request) async throws -> Proposal {
        let reason = try Validate.text(input.reason, "reason", max: 2000, on: req)
        return try await review(id, to: .returned, reason: reason, on: req)
    }

    private static func review(_ id: UUID, to status: ProposalStatus, reason: String?, on req: Request) async throws -> Proposal {
        try req.authorize(.reviewProposals)
        let (p, cycle) = try await ProposalService.find(id, on: req)
        try await BoardScope.require(cycle, on: req)
        guard p.status.awaitsReview else { throw AppError.conflict(req.t("award.not_awaiting_review")) }
        let actor = req.actorName
        let now = req.now
        let reviewed: Proposal = try await req.audited { db in
            p.status = status
            p.returnReason = reason
            p.reviewedAt = now
            p.reviewedBy = actor
            try await p.save(on: db)
            return (p, AuditRecord(actor: actor, action: status == .accepted ? "accept" : "return", entity: "proposal",
                                   entityID: id.uuidString, before: ["status": "sent"], after: ["status": status.rawValue, "reason": reason ?? ""]))
        }
        // The bloc's secretariat hears of it in Vietnamese, whatever the reviewer's language.
        let localizer = req.application.localizer
        let key = status == .accepted ? "notice.proposal_accepted" : "notice.proposal_returned"
        let title = localizer.text("\(key).title", Localizer.defaultLanguage, ["title": p.title])
        let body = localizer.text("\(key).body", Localizer.defaultLanguage, ["reason": reason ?? ""])
        for unit in Set([cycle.$headUnit.id, cycle.$deputyUnit.id]) {
            try await NoticeService.notifyUnit(unit, title: title, body: body, link: SiteURL.awards(try cycle.requireID()),
                                               dedupeKey: "proposal-\(status.rawValue):\(id):\(now.timeIntervalSince1970)", now: now, on: req.db)
        }
        return reviewed
    }
}

/// `/api/v1/board/proposals` and the board's decisions on a proposal.
enum ProposalReviewAPI {
    static func inbox(_ req: Request) async throws -> [ProposalReview.InboxRow] { try await ProposalReview.inbox(on: req) }

    static func accept(_ req: Request) async throws -> ProposalDTO {
        let p = try await ProposalReview.accept(req.idParameter("proposalID"), on: req)
        return try await dto(p, on: req)
    }

    static func sendBack(_ req: Request) async throws -> ProposalDTO {
        let p = try await ProposalReview.sendBack(req.idParameter("proposalID"), req.content.decode(ProposalReview.ReturnInput.self), on: req)
        return try await dto(p, on: req)
    }

    static func dto(_ p: Proposal, on req: Request) async throws -> ProposalDTO {
        try await ProposalService.dto(p, cycle: CycleService.find(p.cycleID, on: req), localizer: req.application.localizer, on: req.db)
    }
}
