import Fluent
import Foundation
import ThiDuaCore
import Vapor

extension BallotService {
    /// Units present at the conference: each has one vote per round.
    static func presentUnits(cycleID: UUID, on db: Database) async throws -> Set<UUID> {
        guard let c = try await ConferenceService.find(cycleID: cycleID, on: db) else { return [] }
        return Set(try await Attendance.query(on: db).filter(\.$conferenceID == c.requireID()).filter(\.$present == true).all().map(\.unitID))
    }

    static func open(_ id: UUID, on req: Request) async throws -> Ballot {
        let (b, cycle) = try await find(id, on: req)
        try req.authorize(.runCycle(cycle))
        guard b.mode == .electronic else { throw AppError.conflict(req.t("ballot.paper_not_opened")) }
        guard b.status.canOpen(b.mode) else { throw AppError.conflict(req.t("ballot.not_draft")) }
        let present = try await presentUnits(cycleID: b.cycleID, on: req.db)
        guard !present.isEmpty else { throw AppError.conflict(req.t("ballot.no_attendance")) }
        if b.sealed { try await SealedCounting.fixKey(b, on: req) }
        let opened = try await setStatus(b, .open, on: req)
        // Notices are stored and mailed in Vietnamese, whatever the language of the request that caused them.
        let localizer = req.application.localizer
        let title = localizer.text("notice.ballot_opened.title", Localizer.defaultLanguage, ["title": b.title])
        let body = localizer.text("notice.ballot_opened.body")
        for unit in present {
            try await NoticeService.notifyUnit(unit, title: title, body: body,
                                               link: SiteURL.vote(id), dedupeKey: "ballot-open:\(id):\(unit)", now: req.now, on: req.db)
        }
        return opened
    }

    private static func setStatus(_ b: Ballot, _ status: BallotStatus, on req: Request) async throws -> Ballot {
        let actor = req.actorName
        let now = req.now
        let before = b.status
        return try await req.audited { db in
            b.status = status
            if status == .open { b.openedAt = now } else { b.closedAt = now }
            try await b.save(on: db)
            return (b, AuditRecord(actor: actor, action: status.rawValue, entity: "ballot", entityID: try b.requireID().uuidString,
                                   before: ["status": before], after: ["status": status]))
        }
    }

    /// The tally input for a round, from its candidates, the rule set's threshold and the attendance.
    static func tallyInput(_ b: Ballot, valid: [CastBallot], invalid: Int, issued: Int?, on db: Database) async throws -> TallyInput {
        TallyInput(
            candidates: try await candidates(of: b.requireID(), on: db).map(\.candidate), rule: rule(of: b),
            threshold: threshold(of: b), quota: b.quota,
            allMembers: try await CycleService.members(of: b.cycleID, on: db).count,
            membersPresent: try await presentUnits(cycleID: b.cycleID, on: db).count,
            ballotsIssued: issued, validBallots: valid, invalidCount: invalid)
    }

    /// Recomputes an electronic round's tally from the stored papers alone; a sealed round's from its encrypted
    /// totals and the trustees' partial decryptions (no secret needed), once they have decrypted.
    static func recount(_ b: Ballot, on db: Database) async throws -> TallyResult {
        if b.sealed {
            let record = try await SealedBallots.record(b, counts: [], on: db, localizer: Localizer(tables: [:]))
            let board = try SealedBallots.board(b, seats: try await SealedBallots.seats(of: b.requireID(), on: db))
            let counts = SealedCount.counts(try record.partialDecryptions(), board: board, totals: try record.totals(),
                                            papers: record.papers.count) ?? []
            let byKey = Dictionary(uniqueKeysWithValues: zip(record.candidates.map(\.key), counts))
            return Tally.sealed(byKey, papers: record.papers.count, input: try await tallyInput(b, valid: [], invalid: 0, issued: nil, on: db))
        }
        let papers = try await BallotPaper.query(on: db).filter(\.$ballotID == b.requireID()).all()
        let ballots = papers.map { CastBallot(choices: $0.choices.split(separator: ",").map(String.init)) }
        return Tally.electronic(try await tallyInput(b, valid: ballots, invalid: 0, issued: nil, on: db))
    }

    /// Closes the round, counts it, and re-writes the papers in random order so storage order says nothing.
    static func close(_ id: UUID, on req: Request) async throws -> Ballot {
        let (b, cycle) = try await find(id, on: req)
        try req.authorize(.runCycle(cycle))
        guard b.status.canClose else { throw AppError.conflict(req.t("ballot.not_open")) }
        if b.sealed { return try await SealedCounting.endVoting(b, on: req) }
        let actor = req.actorName
        let now = req.now
        let closed: Ballot = try await req.audited { db in
            // Read again under the round's lock: votes written meanwhile are counted, none after.
            try await VoteBatcher.lockRounds([id], exclusive: true, on: db)
            guard let current = try await Ballot.find(id, on: db), current.status.canClose else {
                throw AppError.conflict(req.t("ballot.not_open"))
            }
            let result = try await recount(b, on: db)
            let papers = try await BallotPaper.query(on: db).filter(\.$ballotID == id).all()
            try await BallotPaper.query(on: db).filter(\.$ballotID == id).delete()
            for paper in papers.shuffled() {
                let copy = BallotPaper()
                copy.id = UUID()
                copy.ballotID = id
                copy.choices = paper.choices
                copy.receipt = paper.receipt
                copy.sealed = paper.sealed
                try await copy.create(on: db)
            }
            b.status = .closed
            b.closedAt = now
            b.result = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
            try await b.save(on: db)
            return (b, AuditRecord(actor: actor, action: "close", entity: "ballot", entityID: id.uuidString,
                                   before: ["status": "open"], after: result))
        }
        try await ConferenceOutcomes.apply(after: closed, on: req)
        return closed
    }

    /// Paper mode: the counting committee's figures, checked by ThiDuaCore before anything is stored.
    static func paperCount(_ id: UUID, _ input: PaperCountInput, on req: Request) async throws -> Ballot {
        let (b, cycle) = try await find(id, on: req)
        try req.authorize(.runCycle(cycle))
        guard b.status.acceptsPaperCount(b.mode) else { throw AppError.conflict(req.t("ballot.not_paper")) }
        let correction = try await correctionReason(for: b, input, on: req)
        // One line per unit: a unit written twice is a typing error, and adding its lines could overflow.
        var counts: [String: Int] = [:]
        let names = try await names(of: Set(input.counts.map(\.unitID)), localizer: req.application.localizer, on: req.db)
        for (i, row) in input.counts.enumerated() {
            guard counts.updateValue(row.votes, forKey: row.unitID) == nil else {
                throw AppError.validation("counts[\(i)].unitID", req.t("ballot.count_twice", ["unit": names[row.unitID] ?? String(i + 1)]))
            }
        }
        let count = PaperCount(issued: input.issued, cast: input.cast, invalid: input.invalid, counts: counts)
        let result: TallyResult
        do {
            result = try Tally.paper(count, input: try await tallyInput(b, valid: [], invalid: input.invalid, issued: input.issued, on: req.db))
        } catch {
            throw AppError.validation("counts", (error as? PaperCountError)?.message(name: { names[$0] ?? $0 }) ?? req.t("problem.validation.detail"))
        }
        let actor = req.actorName
        let now = req.now
        let before = correction == nil ? nil : ["paperCount": b.paperCount ?? "", "result": b.result ?? ""]
        let closed: Ballot = try await req.audited { db in
            b.status = .closed
            b.closedAt = correction == nil ? now : b.closedAt
            b.result = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
            b.paperCount = String(decoding: try JSONEncoder().encode(input), as: UTF8.self)
            try await b.save(on: db)
            return (b, AuditRecord(actor: actor, action: correction == nil ? "paper-count" : "paper-count-correction", entity: "ballot",
                                   entityID: id.uuidString, before: before, after: input))
        }
        try await ConferenceOutcomes.apply(after: closed, on: req)
        return closed
    }

    /// A tie at the cut-off: a new round among the tied candidates alone, for the seats left.
    static func runoff(_ id: UUID, on req: Request) async throws -> Ballot {
        let (b, cycle) = try await find(id, on: req)
        try req.authorize(.runCycle(cycle))
        guard let result = storedResult(b), !result.tie.isEmpty else { throw AppError.conflict(req.t("ballot.no_tie")) }
        if try await Ballot.query(on: req.db).filter(\.$parentID == id).first() != nil {
            throw AppError.conflict(req.t("ballot.runoff_exists"))
        }
        let r = Ballot()
        r.cycleID = b.cycleID
        r.parentID = id
        r.round = b.round + 1
        r.kind = b.kind
        r.title = req.t("ballot_runoff_title", ["title": b.title, "round": String(b.round + 1)])
        r.maxChoices = b.maxChoices == 0 ? 0 : min(b.maxChoices, result.seatsLeftForRunoff)
        r.mode = b.mode
        r.status = .draft
        r.quota = result.seatsLeftForRunoff
        r.threshold = b.threshold
        r.selfVoteAllowed = b.selfVoteAllowed
        // A run-off is a new election: new keys, from a new ceremony among the same seats' holders.
        let seats = try await seal(r, cycle: cycle, ruleSet: try await ruleSet(of: cycle, on: req.db), observerUserID: nil, on: req)
        let stored = try await store(r, candidates: result.tie, reason: req.t("ballot_runoff_reason"), seats: seats, on: req)
        try await announceKeys(seats, stored, on: req)
        return stored
    }

    static func storedResult(_ b: Ballot) -> TallyResult? {
        b.result.flatMap { try? JSONDecoder().decode(TallyResult.self, from: Data($0.utf8)) }
    }
}
