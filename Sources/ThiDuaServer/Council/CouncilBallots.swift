import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The council's ballots: one per award kind and session, over every bloc's accepted nominees for it in the year,
/// voted once by each member present, counted by `ThiDuaCore.Tally` with the rule set's threshold.
enum CouncilBallots {
    /// The accepted nominees of `year`, by award key, with their bloc: a fixed number of queries.
    static func candidates(year: Int, blocs scope: Set<UUID>? = nil, on db: Database) async throws -> [String: [CouncilCandidate]] {
        let proposals = try await Proposal.query(on: db).filter(\.$status == .accepted).all()
        let cycles = try await Cycle.query(on: db).filter(\.$id ~~ Set(proposals.map(\.cycleID))).filter(\.$year == year).all()
            .filter { scope?.contains($0.$bloc.id) ?? true }
        let cycleIDs = Set(cycles.compactMap(\.id))
        let links = try await ProposalNominee.query(on: db)
            .filter(\.$proposalID ~~ Set(proposals.filter { cycleIDs.contains($0.cycleID) }.compactMap(\.id))).all()
        let nominees = try await Nominee.query(on: db).filter(\.$id ~~ Set(links.map(\.nomineeID))).all()
        let blocs = try await Bloc.query(on: db).filter(\.$id ~~ Set(cycles.map(\.$bloc.id))).all()
        let blocOfCycle = Dictionary(cycles.compactMap { c in c.id.map { id in (id, blocs.first { $0.id == c.$bloc.id }?.name ?? "") } },
                                     uniquingKeysWith: { a, _ in a })
        var out: [String: [CouncilCandidate]] = [:]
        for n in VietnameseText.sorted(nominees, by: { "\(blocOfCycle[$0.cycleID] ?? "") \($0.label)" }) {
            guard let id = n.id else { continue }
            out[n.award, default: []].append(CouncilCandidate(nomineeID: id, name: n.label, bloc: blocOfCycle[n.cycleID] ?? ""))
        }
        return out
    }

    /// The cycle of a ballot's first candidate: where the province's rules and place are read from.
    static func firstCycle(_ candidates: [CouncilCandidate], on db: Database) async throws -> Cycle? {
        guard let first = candidates.first, let nominee = try await Nominee.find(first.nomineeID, on: db) else { return nil }
        return try await Cycle.find(nominee.cycleID, on: db)
    }

    static func decodeCandidates(_ b: CouncilBallot) -> [CouncilCandidate] {
        (try? JSONDecoder().decode([CouncilCandidate].self, from: Data(b.candidates.utf8))) ?? []
    }

    static func result(_ b: CouncilBallot) -> TallyResult? {
        b.result.flatMap { try? JSONDecoder().decode(TallyResult.self, from: Data($0.utf8)) }
    }

    /// A ballot of the user's province's council; another province's is refused.
    static func find(_ id: UUID, on req: Request) async throws -> CouncilBallot {
        guard let b = try await CouncilBallot.find(id, on: req.db) else { throw AppError.notFound(req.t("council.ballot_not_found")) }
        _ = try await CouncilService.session(b.sessionID, on: req)
        return b
    }

    static func open(_ sessionID: UUID, _ input: CouncilBallotInput, on req: Request) async throws -> CouncilBallot {
        try req.authorize(.manageCouncil)
        let session = try await CouncilService.session(sessionID, on: req)
        let scope = try await BoardScope.blocIDs(on: req)
        guard let candidates = try await candidates(year: session.year, blocs: scope, on: req.db)[input.award], !candidates.isEmpty else {
            throw AppError.validation("award", req.t("council.no_candidates", ["year": String(session.year)]))
        }
        let quota = input.quota ?? candidates.count
        let maxChoices = input.maxChoices ?? quota
        guard (1...candidates.count).contains(quota), (1...candidates.count).contains(maxChoices) else {
            throw AppError.validation("quota", req.t("council.bad_quota", ["n": String(candidates.count)]))
        }
        let members = try await CouncilMember.query(on: req.db).filter(\.$province == session.province).count()
        let present = try await CouncilService.presentIDs(sessionID, on: req.db).count
        guard present > 0 else { throw AppError.conflict(req.t("council.nobody_present")) }
        // The rules of the first candidate's cycle: the blocs of one province share the province's rule set.
        let cycle = try await firstCycle(candidates, on: req.db)
        // The rule set's threshold, as for the blocs' own rounds; more than half of the whole council without one.
        var threshold = VoteThreshold(base: .allMembers, comparison: .moreThan, fraction: 0.5)
        if let cycle, let rules = try await BallotService.ruleSet(of: cycle, on: req.db) { threshold = rules.voteThreshold }
        let names = try await StatisticsReport.awardNames(cycles: cycle.map { [$0] } ?? [], on: req.db)
        let title = req.t("council.ballot_title", ["award": names[input.award] ?? input.award, "year": String(session.year)])
        let (candidatesJSON, thresholdJSON) = (AuditLog.json(candidates), AuditLog.json(threshold))
        let now = req.now
        do {
            return try await req.auditedCreate(entity: "council_ballot", dto: { b in ["title": b.title, "present": String(b.present)] }) {
                let b = CouncilBallot()
                (b.sessionID, b.award, b.title, b.candidates, b.maxChoices, b.quota) = (sessionID, input.award, title, candidatesJSON, maxChoices, quota)
                (b.threshold, b.status, b.members, b.present, b.openedAt) = (thresholdJSON, .open, members, present, now)
                return b
            }
        } catch let error as DatabaseError where error.isConstraintFailure {
            throw AppError.conflict(req.t("council.ballot_exists"))
        }
    }

    /// One member's paper. The participation row and the paper are written together; the pair (ballot, member) is
    /// unique, so a second vote, even sent twice at once, is refused and nothing of the first is changed.
    static func vote(_ id: UUID, _ input: CouncilVoteInput, on req: Request) async throws {
        let user = try req.user()
        try await req.refuseNonMember()
        let member = try await CouncilService.member(of: user, on: req.db)
        let ballot = try await find(id, on: req)
        let present = try await member.asyncMap { m in
            try await CouncilService.presentIDs(ballot.sessionID, on: req.db).contains(try m.requireID())
        } ?? false
        try req.authorize(.councilVote(isMember: member != nil, present: present))
        guard ballot.isOpen else { throw AppError.conflict(req.t("council.ballot_closed")) }
        let candidates = decodeCandidates(ballot)
        let names = Dictionary(candidates.map { ($0.nomineeID.uuidString, $0.name) }, uniquingKeysWith: { a, _ in a })
        let paper = CastBallot(choices: input.choices.map(\.uuidString))
        if case let .invalid(reason) = BallotRules.validity(paper, candidates: Set(names.keys), rule: .approveUpTo(ballot.maxChoices),
                                                             voterUnit: nil, selfVoteAllowed: true, blankConfirmed: input.blank ?? false,
                                                             name: { names[$0] ?? $0 }) {
            throw AppError.validation("choices", reason)
        }
        let (memberID, choices) = (try member!.requireID(), AuditLog.json(paper.choices))
        // A repeat is refused before any write; two papers racing meet the unique pair below.
        if try await CouncilParticipation.query(on: req.db).filter(\.$ballotID == id).filter(\.$memberID == memberID).first() != nil {
            throw AppError.conflict(req.t("council.already_voted"))
        }
        let actor = req.actorName
        do {
            // Audited as "voted" (who, never what), in the transaction that writes the paper.
            try await req.audited { db in
                guard let fresh = try await CouncilBallot.find(id, on: db), fresh.isOpen else { throw AppError.conflict(req.t("council.ballot_closed")) }
                let p = CouncilParticipation()
                (p.ballotID, p.memberID) = (id, memberID)
                try await p.create(on: db)
                let paper = CouncilPaper()
                (paper.id, paper.ballotID, paper.choices) = (UUID(), id, choices)
                try await paper.create(on: db)
                return ((), AuditRecord(actor: actor, action: "vote", entity: "council_ballot", entityID: id.uuidString,
                                        before: String?.none, after: ["member": memberID.uuidString]))
            }
        } catch let error as DatabaseError where error.isConstraintFailure {
            throw AppError.conflict(req.t("council.already_voted"))
        }
    }

    /// Closes and counts, once; a second close answers with the stored count.
    static func close(_ id: UUID, on req: Request) async throws -> CouncilBallot {
        try req.authorize(.manageCouncil)
        _ = try await find(id, on: req)
        let actor = req.actorName
        let now = req.now
        return try await req.audited { db in
            guard let b = try await CouncilBallot.find(id, on: db) else { throw AppError.notFound(req.t("council.ballot_not_found")) }
            guard b.isOpen else { throw AppError.conflict(req.t("council.ballot_closed")) }
            let papers = try await CouncilPaper.query(on: db).filter(\.$ballotID == id).all()
                .map { CastBallot(choices: (try? JSONDecoder().decode([String].self, from: Data($0.choices.utf8))) ?? []) }
            let threshold = (try? JSONDecoder().decode(VoteThreshold.self, from: Data(b.threshold.utf8)))
                ?? VoteThreshold(base: .allMembers, comparison: .moreThan, fraction: 0.5)
            let result = Tally.electronic(TallyInput(
                candidates: decodeCandidates(b).map(\.nomineeID.uuidString), rule: .approveUpTo(b.maxChoices), threshold: threshold,
                quota: b.quota, allMembers: b.members, membersPresent: b.present, validBallots: papers))
            (b.status, b.result, b.closedAt) = (.closed, AuditLog.json(result), now)
            try await b.save(on: db)
            return (b, AuditRecord(actor: actor, action: "close", entity: "council_ballot", entityID: id.uuidString,
                                   before: ["status": CouncilBallotStatus.open.rawValue], after: ["papers": String(papers.count), "outcome": result.outcome.joined(separator: ",")]))
        }
    }

    /// Every accepted nominee `province`'s council voted for in `year`'s closed ballots of `award`; nil when no such
    /// ballot closed (the draft decision then lists the accepted nominees, as before the council voted).
    static func voted(year: Int, award: String, province: String, on db: Database) async throws -> Set<UUID>? {
        let sessions = try await CouncilSession.query(on: db).filter(\.$year == year).filter(\.$province == province).all().compactMap(\.id)
        let closed = try await CouncilBallot.query(on: db).filter(\.$sessionID ~~ sessions).filter(\.$award == award)
            .filter(\.$status == .closed).all()
        guard !closed.isEmpty else { return nil }
        return Set(closed.compactMap(result).flatMap(\.outcome).compactMap(UUID.init(uuidString:)))
    }
}
