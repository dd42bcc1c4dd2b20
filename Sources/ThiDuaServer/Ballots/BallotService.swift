import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Ballot rounds: creation from the rule set, candidates, opening and closing.
enum BallotService {
    static func find(_ id: UUID, on req: Request) async throws -> (Ballot, Cycle) {
        guard let ballot = try await Ballot.find(id, on: req.db) else { throw AppError.notFound(req.t("ballot.not_found")) }
        return (ballot, try await CycleService.find(ballot.cycleID, on: req))
    }

    /// Every round of the cycle, by kind then round.
    static func ballots(of cycleID: UUID, on db: Database) async throws -> [Ballot] {
        try await Ballot.query(on: db).filter(\.$cycleID == cycleID).sort(\.$kind).sort(\.$round).all()
    }

    static func candidates(of ballotID: UUID, on db: Database) async throws -> [BallotCandidate] {
        try await BallotCandidate.query(on: db).filter(\.$ballotID == ballotID).sort(\.$position).all()
    }

    /// Candidate keys to names: a motion's yes/no, and the units named by `keys` (every unit when nil).
    /// The motion's words are Vietnamese (`Localizer.defaultLanguage`): they go into the count minutes and results.
    static func names(of keys: Set<String>? = nil, localizer: Localizer, on db: Database) async throws -> [String: String] {
        var names = ["yes": localizer.text("ballot.motion_yes"), "no": localizer.text("ballot.motion_no")]
        var query = Unit.query(on: db)
        if let keys { query = query.filter(\.$id ~~ keys.compactMap(UUID.init(uuidString:))) }
        for unit in try await query.all() { names[unit.id!.uuidString] = unit.name }
        return names
    }

    static func dto(_ b: Ballot, localizer: Localizer, on db: Database) async throws -> BallotDTO {
        try await dtos([b], localizer: localizer, on: db)[0]
    }

    /// The DTOs of several rounds in three queries whatever their number: candidates and their names in bulk.
    static func dtos(_ ballots: [Ballot], localizer: Localizer, on db: Database) async throws -> [BallotDTO] {
        let ids = try ballots.map { try $0.requireID() }
        let candidates = Dictionary(grouping: try await BallotCandidate.query(on: db).filter(\.$ballotID ~~ ids).sort(\.$position).all(),
                                    by: \.ballotID)
        let names = try await names(of: Set(candidates.values.joined().map(\.candidate)), localizer: localizer, on: db)
        return try ballots.map { b in
            BallotDTO(
                id: try b.requireID(), cycleID: b.cycleID, parentID: b.parentID, round: b.round, kind: b.kind, title: b.title,
                maxChoices: b.maxChoices, mode: b.mode, status: b.status, quota: b.quota, selfVoteAllowed: b.selfVoteAllowed,
                candidates: (candidates[try b.requireID()] ?? []).map { .init(key: $0.candidate, name: names[$0.candidate] ?? $0.candidate) },
                openedAt: b.openedAt.map(LocalTime.rfc3339), closedAt: b.closedAt.map(LocalTime.rfc3339))
        }
    }

    static func rule(of b: Ballot) -> ChoiceRule { b.maxChoices == 0 ? .exactlyOne : .approveUpTo(b.maxChoices) }

    static func threshold(of b: Ballot) -> VoteThreshold {
        (try? JSONDecoder().decode(VoteThreshold.self, from: Data(b.threshold.utf8)))
            ?? VoteThreshold(base: .validBallots, comparison: .atLeast, fraction: 0.5)
    }

    static func ruleSet(of cycle: Cycle, on db: Database) async throws -> RuleSet? {
        guard let id = cycle.$ruleSet.id, let record = try await RuleSetRecord.find(id, on: db) else { return nil }
        return try? RuleSet.decode(Data(record.document.utf8))
    }

    /// The rule sets of many cycles, by cycle id: one query, each document decoded once.
    static func ruleSets(of cycles: [Cycle], on db: Database) async throws -> [UUID: RuleSet] {
        let ids = Set(cycles.compactMap { $0.$ruleSet.id })
        guard !ids.isEmpty else { return [:] }
        var decoded: [UUID: RuleSet] = [:]
        for record in try await RuleSetRecord.query(on: db).filter(\.$id ~~ ids).all() {
            if let id = record.id, let rules = try? RuleSet.decode(Data(record.document.utf8)) { decoded[id] = rules }
        }
        var out: [UUID: RuleSet] = [:]
        for cycle in cycles { if let id = cycle.id, let rules = cycle.$ruleSet.id.flatMap({ decoded[$0] }) { out[id] = rules } }
        return out
    }

    static func create(cycleID: UUID, _ input: CreateBallotInput, on req: Request) async throws -> Ballot {
        let cycle = try await CycleService.find(cycleID, on: req)
        try req.authorize(.runCycle(cycle))
        let kind = input.kind
        let members = try await CycleService.members(of: cycleID, on: req.db).compactMap(\.id)
        let ruleSet = try await ruleSet(of: cycle, on: req.db)
        var keys: [String]
        if kind == .motion {
            keys = ["yes", "no"]
        } else {
            // The flag's candidates come from the ranking's eligible units once scores exist.
            let ranked = kind == .flag && input.candidateUnitIDs == nil ? try await RankingService.flagCandidates(cycle, on: req.db) : nil
            let chosen = input.candidateUnitIDs ?? ranked ?? members
            guard !chosen.isEmpty, chosen.allSatisfy(members.contains) else {
                throw AppError.validation("candidateUnitIDs", req.t("ballot.bad_candidates"))
            }
            keys = chosen.map(\.uuidString)
            keys = keys.enumerated().filter { keys.firstIndex(of: $0.element) == $0.offset }.map(\.element)
        }
        let defaultQuota = kind == .flag ? (ruleSet?.flagQuota.flagCount(memberCount: members.count) ?? 1) : 1
        let quota = input.quota ?? defaultQuota
        guard (1...max(keys.count, 1)).contains(quota) else { throw AppError.validation("quota", req.t("ballot.bad_quota")) }
        let maxChoices = input.maxChoices ?? (kind == .flag ? quota : 0)
        guard maxChoices >= 0, maxChoices <= keys.count, kind != .motion || maxChoices == 0 else {
            throw AppError.validation("maxChoices", req.t("ballot.bad_max_choices"))
        }
        let mode = input.mode ?? .electronic
        let threshold = ruleSet?.voteThreshold ?? VoteThreshold(base: .validBallots, comparison: .atLeast, fraction: 0.5)
        let title = try Validate.optionalText(input.title, "title", max: 500, on: req) ?? req.t(kind.labelKey)
        let b = Ballot()
        b.cycleID = cycleID
        b.round = 1
        b.kind = kind
        b.title = title
        b.maxChoices = maxChoices
        b.mode = mode
        b.status = .draft
        b.quota = quota
        b.threshold = String(decoding: try JSONEncoder().encode(threshold), as: UTF8.self)
        b.selfVoteAllowed = ruleSet?.selfVoteAllowed ?? false
        let seats = try await seal(b, cycle: cycle, ruleSet: ruleSet, observerUserID: input.observerUserID, on: req)
        let stored = try await store(b, candidates: keys, reason: nil, seats: seats, on: req)
        try await announceKeys(seats, stored, on: req)
        return stored
    }

    /// The trustees of a new sealed round are asked to make their key before it can open.
    static func announceKeys(_ seats: [BallotTrustee], _ b: Ballot, on req: Request) async throws {
        let localizer = req.application.localizer
        try await SealedBallots.announce(seats, title: localizer.text("notice.trustee_key.title", Localizer.defaultLanguage, ["title": b.title]),
                                         body: localizer.text("notice.trustee_key.body"), ballotID: try b.requireID(), kind: "key",
                                         now: req.now, on: req.db)
    }

    /// Every electronic round is sealed: its trustees are appointed with it, from the rule set.
    static func seal(_ b: Ballot, cycle: Cycle, ruleSet: RuleSet?, observerUserID: UUID?, on req: Request) async throws -> [BallotTrustee] {
        guard b.mode == .electronic else { return [] }
        let trustees = ruleSet?.ballotTrustees ?? .standard
        b.id = UUID()
        b.sealed = true
        b.trusteeThreshold = trustees.threshold
        b.minChoices = SealedBallots.minChoices(maxChoices: b.maxChoices)
        return try await SealedBallots.appoint(ballotID: b.requireID(), cycle: cycle, trustees: trustees,
                                               observerUserID: observerUserID, on: req)
    }

    /// Saves a new round with its candidates, audited.
    static func store(_ b: Ballot, candidates keys: [String], reason: String?, seats: [BallotTrustee], on req: Request) async throws -> Ballot {
        let actor = req.actorName
        let localizer = req.application.localizer
        return try await req.audited { db in
            try await b.create(on: db)
            for seat in seats { try await seat.create(on: db) }
            for (i, key) in keys.enumerated() {
                let c = BallotCandidate()
                c.ballotID = try b.requireID()
                c.candidate = key
                c.position = i
                c.reason = reason
                try await c.create(on: db)
            }
            let dto = try await dto(b, localizer: localizer, on: db)
            return (b, AuditRecord(actor: actor, action: "create", entity: "ballot", entityID: dto.id.uuidString,
                                   before: BallotDTO?.none, after: dto))
        }
    }

    static func changeCandidates(_ id: UUID, _ input: CandidateChangeInput, on req: Request) async throws -> Ballot {
        let (b, cycle) = try await find(id, on: req)
        try req.authorize(.runCycle(cycle))
        guard b.status.acceptsCandidateChanges, b.kind.hasUnitCandidates else { throw AppError.conflict(req.t("ballot.not_draft")) }
        let reason = try Validate.text(input.reason, "reason", max: 1000, on: req)
        let members = try await CycleService.members(of: b.cycleID, on: req.db).compactMap(\.id)
        guard (input.add ?? []).allSatisfy(members.contains) else { throw AppError.validation("add", req.t("ballot.bad_candidates")) }
        let before = try await dto(b, localizer: req.application.localizer, on: req.db)
        let actor = req.actorName
        return try await req.audited { db in
            var current = try await candidates(of: id, on: db)
            for unit in input.remove ?? [] {
                try await BallotCandidate.query(on: db).filter(\.$ballotID == id).filter(\.$candidate == unit.uuidString).delete()
                current.removeAll { $0.candidate == unit.uuidString }
            }
            for unit in input.add ?? [] where !current.contains(where: { $0.candidate == unit.uuidString }) {
                let c = BallotCandidate()
                c.ballotID = id
                c.candidate = unit.uuidString
                c.position = (current.map(\.position).max() ?? -1) + 1
                c.reason = reason
                try await c.create(on: db)
                current.append(c)
            }
            guard !current.isEmpty, b.quota <= current.count else { throw AppError.validation("remove", req.t("ballot.bad_candidates")) }
            return (b, AuditRecord(actor: actor, action: "candidates", entity: "ballot", entityID: id.uuidString,
                                   before: before, after: ["reason": reason, "candidates": current.map(\.candidate).joined(separator: ",")]))
        }
    }
}
