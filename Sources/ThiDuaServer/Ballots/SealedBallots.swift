import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Sealed electronic rounds (docs/sealed-ballot.md): the trustees' seats, the election key, sealing a vote and the
/// round's whole record. The server holds no secret of a sealed round: the trustees' secrets stay on their devices,
/// a voter's choices exist in plain form only inside `seal`, and what is stored or logged is encrypted or public.
enum SealedBallots {
    /// The seats for a new round, from the rule set: the board's observer (named, or the first of the board's staff),
    /// the head unit, and members drawn by lot among those neither head nor deputy. A seat that cannot be filled
    /// (no board staff) goes to one more member drawn by lot, so the secretariat never holds two.
    static func appoint(ballotID: UUID, cycle: Cycle, trustees: BallotTrustees, observerUserID: UUID?, on req: Request,
                        excluding: Set<UUID> = []) async throws -> [BallotTrustee] {
        let members = try await CycleService.members(of: cycle.requireID(), on: req.db)
        // Drawn among the units that have someone to hold the key: an officer account.
        let staffed = Set(try await User.query(on: req.db).filter(\.$role == .officer).filter(\.$unit.$id ~~ members.compactMap(\.id)).all()
            .compactMap(\.$unit.id))
        var drawable = members.filter { $0.id != cycle.$headUnit.id && $0.id != cycle.$deputyUnit.id && staffed.contains($0.id ?? UUID()) }
        // A new draw avoids the units drawn before, unless there is no one else.
        let others = drawable.filter { !excluding.contains($0.id ?? UUID()) }
        if others.count >= trustees.seats.filter({ $0 == .memberByLot }).count { drawable = others }
        let observer: User? = try await {
            if let observerUserID {
                guard let user = try await User.find(observerUserID, on: req.db), user.role == .reviewer else {
                    throw AppError.validation("observerUserID", req.t("trustee.bad_observer"))
                }
                return user
            }
            return try await User.query(on: req.db).filter(\.$role == .reviewer).sort(\.$username).first()
        }()
        var seats: [BallotTrustee] = []
        for (i, kind) in trustees.seats.enumerated() {
            let seat = BallotTrustee()
            seat.ballotID = ballotID
            seat.number = i + 1
            switch kind {
            case .boardObserver where observer != nil:
                seat.seat = .boardObserver
                seat.userID = try observer!.requireID()
                seat.name = observer!.displayName
            case .headUnit:
                seat.seat = .headUnit
                seat.unitID = cycle.$headUnit.id
                seat.name = members.first { $0.id == cycle.$headUnit.id }?.name ?? ""
            default:
                guard !drawable.isEmpty else { throw AppError.conflict(req.t("trustee.too_few_members")) }
                // The lot: a uniform draw from the injected randomness, recorded with the round's creation.
                let bytes = req.application.random.bytes(8)
                let pick = Int(bytes.reduce(UInt64(0)) { $0 << 8 | UInt64($1) } % UInt64(drawable.count))
                let unit = drawable.remove(at: pick)
                seat.seat = .memberByLot
                seat.unitID = try unit.requireID()
                seat.name = unit.name
            }
            seats.append(seat)
        }
        return seats
    }

    /// Tells each seat's holders that they hold a key of the round, with the link to their screen.
    static func announce(_ seats: [BallotTrustee], title: String, body: String, ballotID: UUID, kind: String, now: Date, on db: Database) async throws {
        for seat in seats {
            let key = "trustee-\(kind):\(ballotID):\(seat.number)"
            if let unit = seat.unitID {
                try await NoticeService.notifyUnit(unit, title: title, body: body, link: SiteURL.trustee(ballotID), dedupeKey: key, now: now, on: db)
            } else if let user = seat.userID {
                try await NoticeService.notifyUser(user, title: title, body: body, link: SiteURL.trustee(ballotID), dedupeKey: key, now: now, on: db)
            }
        }
    }

    static func seats(of ballotID: UUID, on db: Database) async throws -> [BallotTrustee] {
        try await BallotTrustee.query(on: db).filter(\.$ballotID == ballotID).sort(\.$number).all()
    }

    /// The trustees' posts so far, as the ceremony's public board.
    static func board(_ b: Ballot, seats: [BallotTrustee]) throws -> TrusteeBoard {
        var keys: [TrusteeKey] = []
        for seat in seats {
            guard let json = seat.key else { continue }
            var posted = try JSONDecoder().decode(SealedRecord.Trustee.self, from: Data(json.utf8))
            posted.shares = try seat.shares.map { try JSONDecoder().decode([SealedRecord.Share].self, from: Data($0.utf8)) } ?? []
            keys.append(try posted.decoded())
        }
        return TrusteeBoard(ballotID: try b.requireID(), threshold: b.trusteeThreshold ?? 2, keys: keys)
    }

    /// The election: the key, the candidates' number and the bounds of a valid paper.
    static func election(_ b: Ballot, candidates: Int) throws -> SealedElection {
        guard let hex = b.publicKey, let key = Point(hex: hex) else { throw Abort(.internalServerError, reason: "sealed round without a key") }
        return SealedElection(ballotID: try b.requireID(), publicKey: key, candidateCount: candidates,
                              minChoices: b.minChoices ?? 1, maxChoices: max(b.maxChoices, 1))
    }

    /// The least choices of a valid paper under the round's rule: a blank vote is allowed only when approving.
    static func minChoices(maxChoices: Int) -> Int { maxChoices == 0 ? 1 : 0 }

    /// Seals a checked vote: one mark per candidate in the round's order, encrypted and proved. Returns the paper
    /// as stored and the receipt shown to the voter.
    static func seal(_ choices: Set<String>, _ b: Ballot, candidates: [String], random: @escaping RandomBytes) throws -> (json: String, receipt: String) {
        let election = try election(b, candidates: candidates.count)
        // Every random byte the paper needs, drawn at once: four scalars per candidate and two per bound of the total.
        let pool = RandomPool(random(48 * (4 * candidates.count + 2 * (election.maxChoices - election.minChoices + 1) + 1)), refill: random)
        let paper = SealedPaper.seal(candidates.map(choices.contains), in: election, random: pool.take)
        let record = SealedRecord.Paper(paper, ballotID: election.ballotID)
        return (String(decoding: try JSONEncoder().encode(record), as: UTF8.self), record.receipt)
    }

    static func papers(of ballotID: UUID, on db: Database) async throws -> [SealedRecord.Paper] {
        try await BallotPaper.query(on: db).filter(\.$ballotID == ballotID).all()
            .compactMap(\.sealed).map { try JSONDecoder().decode(SealedRecord.Paper.self, from: Data($0.utf8)) }
            .sorted { $0.tracker < $1.tracker }
    }

    static func decryptions(_ seats: [BallotTrustee]) throws -> [SealedRecord.Decryption] {
        try seats.compactMap { seat in
            try seat.decryption.map {
                SealedRecord.Decryption(trustee: seat.number, shares: try JSONDecoder().decode([SealedRecord.DecryptionShare].self, from: Data($0.utf8)))
            }
        }
    }

    /// The round's whole record, as `ballot-verify` and the independent verifier read it. Papers are listed by
    /// tracker, an order that says nothing about who voted when.
    static func record(_ b: Ballot, counts: [Int]?, on db: Database, localizer: Localizer) async throws -> SealedRecord {
        let id = try b.requireID()
        let seats = try await seats(of: id, on: db)
        let board = try board(b, seats: seats)
        let candidates = try await BallotService.candidates(of: id, on: db).map(\.candidate)
        let names = try await BallotService.names(of: Set(candidates), localizer: localizer, on: db)
        let papers = try await papers(of: id, on: db)
        var sealed: [SealedPaper] = []
        for paper in papers { sealed.append(try paper.decoded()) }
        let totals = SealedCount.totals(sealed, candidates: candidates.count)
        let audit = try await AuditLog.latest(action: "close", entity: "ballot", entityID: id.uuidString, on: db)
        return SealedRecord(
            ballotID: id.uuidString, title: b.title, candidates: candidates.map { .init(key: $0, name: names[$0] ?? $0) },
            minChoices: b.minChoices ?? 1, maxChoices: max(b.maxChoices, 1), threshold: board.threshold,
            trustees: board.keys.map { key in SealedRecord.Trustee(key, name: seats.first { $0.number == key.index }?.name ?? "") },
            publicKey: b.publicKey ?? "00", papers: papers,
            encryptedTotals: totals.map { .init(alpha: $0.alpha.hex, beta: $0.beta.hex) },
            decryptions: try decryptions(seats), counts: counts ?? BallotService.storedResult(b).map { result in
                candidates.map { c in result.counts.first { $0.candidate == c }?.votes ?? 0 }
            } ?? [],
            audit: audit.map { .init(seq: $0.seq, hash: $0.hash) })
    }
}

/// Bytes drawn ahead in one call and handed out in order; asks for more if they run out.
final class RandomPool: @unchecked Sendable {
    private var bytes: [UInt8]
    private var next = 0
    private let refill: RandomBytes

    init(_ bytes: [UInt8], refill: @escaping RandomBytes) {
        self.bytes = bytes
        self.refill = refill
    }

    func take(_ count: Int) -> [UInt8] {
        if next + count > bytes.count {
            bytes = refill(max(count, 4096))
            next = 0
        }
        defer { next += count }
        return Array(bytes[next..<next + count])
    }
}
