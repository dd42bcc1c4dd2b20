import Fluent
import SQLKit
import FluentSQLiteDriver
import Foundation
import ThiDuaCore
import Vapor

extension BallotService {
    /// Whether the unit is checked in present at the cycle's conference: one point query, for the voting path.
    static func isPresent(_ unitID: UUID?, cycleID: UUID, on db: Database) async throws -> Bool {
        guard let unitID, let conference = try await ConferenceService.find(cycleID: cycleID, on: db) else { return false }
        return try await Attendance.query(on: db).filter(\.$conferenceID == conference.requireID()).filter(\.$unitID == unitID)
            .filter(\.$present == true).first() != nil
    }

    /// Casts the unit's one vote: "who voted" and "what was voted" go to two tables in one transaction, shared with
    /// the votes that arrive meanwhile (`VoteBatcher`); the unique index on (ballot, unit) refuses a second ballot
    /// even under concurrency and across instances.
    static func vote(_ id: UUID, _ input: VoteInput, on req: Request) async throws -> String {
        guard let b = try await Ballot.find(id, on: req.db) else { throw AppError.notFound(req.t("ballot.not_found")) }
        let user = try req.user()
        // The hot path of conference day: one query says whether the unit is a member, present, and has voted.
        let standing = try await VoterStanding.of(user.$unit.id, ballot: b, on: req.db)
        try req.authorize(.vote(unitIsMember: standing.member, unitIsPresent: standing.present))
        guard let unitID = user.$unit.id else { throw AppError.forbidden(req.t("ballot.not_voter")) }
        guard b.status.acceptsVotes(b.mode) else { throw AppError.conflict(req.t("ballot.not_open")) }
        // A second vote is refused here, before any other work (the write checks again).
        if standing.voted { throw AppError.conflict(req.t("ballot.already_voted")) }
        // Unit keys are upper-case UUIDs; accept any spelling of the same ID.
        let normalized = input.choices.map { UUID(uuidString: $0)?.uuidString ?? $0.lowercased() }
        // A sealed paper holds a mark for every candidate, in the round's order.
        let order = b.sealed ? try await candidates(of: id, on: req.db).map(\.candidate) : []
        let known = b.sealed ? Set(order) : normalized.isEmpty ? [] : Set(try await BallotCandidate.query(on: req.db).filter(\.$ballotID == id)
            .filter(\.$candidate ~~ normalized).all().map(\.candidate))
        let ballot = CastBallot(choices: normalized)
        let check = { (name: (String) -> String) in
            BallotRules.validity(ballot, candidates: known, rule: rule(of: b), voterUnit: unitID.uuidString,
                                 selfVoteAllowed: b.selfVoteAllowed, blankConfirmed: input.blank == true, name: name)
        }
        if !check({ $0 }).isValid {
            // Names are looked up only for a refusal, off the hot path: the reason names units, never their IDs.
            let names = try await names(of: Set(normalized + [unitID.uuidString]), localizer: req.application.localizer, on: req.db)
            if case let .invalid(reason) = check({ names[$0] ?? $0 }) { throw AppError.validation("choices", reason) }
        }
        let vote: VoteBatcher.Vote
        if b.sealed {
            // Encrypted here, before anything is written: storage, the WAL and the logs only ever see the sealed paper.
            let random = req.application.random
            let paper = try SealedBallots.seal(Set(normalized), b, candidates: order, random: { random.bytes($0) })
            vote = .init(ballotID: id, unitID: unitID, choices: "", receipt: paper.receipt, sealed: paper.json)
        } else {
            vote = .init(ballotID: id, unitID: unitID, choices: Set(normalized).sorted().joined(separator: ","),
                         receipt: receiptCode(req.application.random.bytes(12)), sealed: nil)
        }
        let receipt = vote.receipt
        switch try await req.application.votes.cast(vote) {
        case .cast:
            // Logged without the choices or the receipt: the log must not undo the secrecy.
            req.logger.info("ballot cast", metadata: ["ballot": .string(id.uuidString)])
            return receipt
        case .alreadyVoted: throw AppError.conflict(req.t("ballot.already_voted"))
        case .notOpen: throw AppError.conflict(req.t("ballot.not_open"))
        }
    }

    /// "K7Q3-9XPA-2MRT": no 0/O or 1/I to misread, from the injected randomness.
    static func receiptCode(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let chars = bytes.prefix(12).map { alphabet[Int($0) % alphabet.count] }
        return stride(from: 0, to: 12, by: 4).map { String(chars[$0..<$0 + 4]) }.joined(separator: "-")
    }

    static func result(_ id: UUID, on req: Request) async throws -> BallotResultDTO {
        let (b, _) = try await find(id, on: req)
        _ = try req.user()
        let eligible = try await presentUnits(cycleID: b.cycleID, on: req.db).count
        let cast = try await BallotParticipation.query(on: req.db).filter(\.$ballotID == id).count()
        let runoff = try await Ballot.query(on: req.db).filter(\.$parentID == id).first()?.id
        guard b.status.hasResult, let result = storedResult(b) else {
            // While open: turnout only, never partial counts.
            return BallotResultDTO(status: b.status, eligibleVoters: eligible, ballotsCast: cast, valid: 0, invalid: 0,
                                   counts: [], outcome: [], tie: [], runoffBallotID: nil, receipts: [])
        }
        let names = try await names(localizer: req.application.localizer, on: req.db)
        let receipts = try await BallotPaper.query(on: req.db).filter(\.$ballotID == id).all().map(\.receipt).sorted()
        return BallotResultDTO(
            status: b.status, eligibleVoters: result.eligibleVoters, ballotsCast: result.ballotsCast, valid: result.valid,
            invalid: result.invalid,
            counts: result.counts.map { .init(unitID: $0.candidate, name: names[$0.candidate] ?? $0.candidate, votes: $0.votes,
                                               share: $0.share, passes: $0.passes) },
            outcome: result.outcome, tie: result.tie, runoffBallotID: runoff, receipts: receipts)
    }
}

/// Whether a unit may vote in a round, in one query: a member of its cycle, checked in present, not voted yet.
/// Three point queries on the hot path of conference day, folded into one (issue 16).
struct VoterStanding: Decodable {
    var member: Bool
    var present: Bool
    var voted: Bool

    static func of(_ unitID: UUID?, ballot: Ballot, on db: Database) async throws -> VoterStanding {
        guard let unitID, let sql = db as? SQLDatabase else { return VoterStanding(member: false, present: false, voted: false) }
        let cycleID = ballot.cycleID
        return try await sql.raw("""
            SELECT EXISTS (SELECT 1 FROM memberships WHERE cycle_id = \(bind: cycleID) AND unit_id = \(bind: unitID)) AS member,
            EXISTS (SELECT 1 FROM attendance a JOIN conferences c ON c.id = a.conference_id
                    WHERE c.cycle_id = \(bind: cycleID) AND a.unit_id = \(bind: unitID) AND a.present = \(bind: true)) AS present,
            EXISTS (SELECT 1 FROM ballot_participation WHERE ballot_id = \(bind: ballot.id) AND unit_id = \(bind: unitID)) AS voted
            """).first(decoding: VoterStanding.self) ?? VoterStanding(member: false, present: false, voted: false)
    }
}
