import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// What a trustee posts from their device: the key, then the shares for the others, then at the count the partial
/// decryptions. Each post is checked before it is stored, and audited; none of them carries a secret.
struct TrusteeKeyInput: Content {
    var commitments: [String]
    var transportKey: String
    var proof: SealedRecord.KeyProof
}

struct TrusteeSharesInput: Content { var shares: [SealedRecord.Share] }

struct TrusteeDecryptionInput: Content { var shares: [SealedRecord.DecryptionShare] }

extension SealedBallots {
    /// The seat and its round, if the signed-in user may act for it: the named board member, or an officer of the
    /// seat's unit; once a key is posted, only its holder, whose device keeps the secret. Administrators are not
    /// trustees: no role may act for a seat it does not hold.
    static func seat(_ req: Request) async throws -> (Ballot, BallotTrustee) {
        let (b, _) = try await BallotService.find(req.idParameter("ballotID"), on: req)
        guard let number = req.parameters.get("number", as: Int.self),
              let seat = try await BallotTrustee.query(on: req.db).filter(\.$ballotID == b.requireID()).filter(\.$number == number).first()
        else { throw AppError.notFound(req.t("trustee.not_found")) }
        let user = try req.user()
        guard holds(seat, user) else {
            req.logger.notice("trustee refused", metadata: ["user": .string(user.username), "path": .string(req.url.path)])
            throw AppError.forbidden(req.t(seat.holderUserID == nil ? "trustee.not_yours" : "trustee.held_by_other",
                                            ["name": seat.holderName ?? ""]))
        }
        return (b, seat)
    }

    static func holds(_ seat: BallotTrustee, _ user: User) -> Bool {
        if let holder = seat.holderUserID { return holder == user.id }
        if let userID = seat.userID { return userID == user.id }
        return user.role == .officer && user.$unit.id != nil && user.$unit.id == seat.unitID
    }

    static func postKey(_ req: Request) async throws -> BallotTrustee {
        let (b, seat) = try await seat(req)
        let input = try req.content.decode(TrusteeKeyInput.self)
        guard b.status == .draft else { throw AppError.conflict(req.t("trustee.ceremony_over")) }
        guard seat.key == nil else { throw AppError.conflict(req.t("trustee.key_posted")) }
        let posted = SealedRecord.Trustee(index: seat.number, name: seat.name, commitments: input.commitments,
                                          transportKey: input.transportKey, proof: input.proof, shares: [])
        guard let key = try? posted.decoded(), key.proofHolds(ballotID: try b.requireID().uuidString, threshold: b.trusteeThreshold ?? 2),
              !key.transportKey.isInfinity else {
            throw AppError.validation("proof", req.t("trustee.bad_key"))
        }
        let user = try req.user()
        seat.holderUserID = try user.requireID()
        seat.holderName = user.displayName
        seat.key = String(decoding: try JSONEncoder().encode(posted), as: UTF8.self)
        return try await save(seat, action: "trustee-key", after: ["number": String(seat.number), "holder": user.displayName], on: req)
    }

    static func postShares(_ req: Request) async throws -> BallotTrustee {
        let (b, seat) = try await seat(req)
        let input = try req.content.decode(TrusteeSharesInput.self)
        guard b.status == .draft else { throw AppError.conflict(req.t("trustee.ceremony_over")) }
        guard seat.key != nil, seat.shares == nil else { throw AppError.conflict(req.t("trustee.shares_posted")) }
        let seats = try await seats(of: b.requireID(), on: req.db)
        guard seats.allSatisfy({ $0.key != nil }) else { throw AppError.conflict(req.t("trustee.keys_missing")) }
        let others = Set(seats.map(\.number)).subtracting([seat.number])
        guard Set(input.shares.map(\.to)) == others, input.shares.count == others.count,
              input.shares.allSatisfy(\.isWellFormed) else {
            throw AppError.validation("shares", req.t("trustee.bad_shares"))
        }
        seat.shares = String(decoding: try JSONEncoder().encode(input.shares), as: UTF8.self)
        // The election key is fixed when the round opens (`SealedCounting.fixKey`), from every trustee's posts.
        return try await save(seat, action: "trustee-shares", after: ["number": String(seat.number)], on: req)
    }

    static func postDecryption(_ req: Request) async throws -> BallotTrustee {
        let (b, seat) = try await seat(req)
        let input = try req.content.decode(TrusteeDecryptionInput.self)
        guard b.status.awaitsTrustees else { throw AppError.conflict(req.t("trustee.not_counting")) }
        guard seat.decryption == nil else { throw AppError.conflict(req.t("trustee.decryption_posted")) }
        let record = try await record(b, counts: [], on: req.db, localizer: req.application.localizer)
        let board = try board(b, seats: try await seats(of: b.requireID(), on: req.db))
        let totals = try record.totals()
        let parts = input.shares.compactMap { try? $0.decoded() }
        guard parts.count == input.shares.count,
              SealedCount.validTrustees([seat.number: parts], board: board, totals: totals) == [seat.number] else {
            throw AppError.validation("shares", req.t("trustee.bad_decryption"))
        }
        seat.decryption = String(decoding: try JSONEncoder().encode(input.shares), as: UTF8.self)
        let saved = try await save(seat, action: "trustee-decryption", after: ["number": String(seat.number)], on: req)
        // The papers read for this check serve the count too: they no longer change once voting has ended.
        try await SealedCounting.finishIfReady(b, papers: record, on: req)
        return saved
    }

    private static func save(_ seat: BallotTrustee, action: String, after: [String: String], on req: Request) async throws -> BallotTrustee {
        let actor = req.actorName
        return try await req.audited { db in
            try await seat.save(on: db)
            return (seat, AuditRecord(actor: actor, action: action, entity: "ballot", entityID: seat.ballotID.uuidString,
                                      before: String?.none, after: after))
        }
    }
}
