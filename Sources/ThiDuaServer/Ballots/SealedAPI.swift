import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// A sealed round's trustees as their screen and the API show them: every seat's public posts, which seat the
/// signed-in user may act for, and the encrypted totals once voting has ended.
struct TrusteeStateDTO: Content {
    struct Seat: Content {
        var number: Int
        var seat: TrusteeSeat
        var name: String
        var unitID: UUID?
        var userID: UUID?
        var holderName: String?
        var hasKey: Bool
        var hasShares: Bool
        var hasDecryption: Bool
    }
    var ballotID: UUID
    var title: String
    var status: BallotStatus
    var threshold: Int
    var candidates: [String]
    /// The seat the signed-in user may act for, if any.
    var mine: Int?
    var seats: [Seat]
    /// Every posted key with its shares, as `Public/js/trustee-crypto.js` takes them.
    var trustees: [SealedRecord.Trustee]
    var encryptedTotals: [SealedRecord.Total]?
}

extension TrusteeStateDTO.Seat {
    init(_ seat: BallotTrustee) {
        self.init(number: seat.number, seat: seat.seat, name: seat.name, unitID: seat.unitID, userID: seat.userID,
                  holderName: seat.holderName, hasKey: seat.key != nil, hasShares: seat.shares != nil, hasDecryption: seat.decryption != nil)
    }
}

/// The trustee routes, the same handlers for the web page (session and CSRF) and the API (bearer token).
enum SealedAPI {
    static func state(_ req: Request) async throws -> TrusteeStateDTO {
        let (b, _) = try await BallotService.find(req.idParameter("ballotID"), on: req)
        guard b.sealed else { throw AppError.notFound(req.t("trustee.not_found")) }
        let user = try req.user()
        let seats = try await SealedBallots.seats(of: b.requireID(), on: req.db)
        let board = try SealedBallots.board(b, seats: seats)
        let candidates = try await BallotService.candidates(of: b.requireID(), on: req.db).map(\.candidate)
        let names = try await BallotService.names(of: Set(candidates), localizer: req.application.localizer, on: req.db)
        let mine = seats.first { SealedBallots.holds($0, user) }
        var totals: [SealedRecord.Total]?
        // Summing every paper is the costly part of this answer: only a holder who still has to decrypt gets it,
        // not each poll of the screens that follow the count.
        if b.status.awaitsTrustees, let mine, mine.decryption == nil {
            var papers: [SealedPaper] = []
            for paper in try await SealedBallots.papers(of: b.requireID(), on: req.db) { papers.append(try paper.decoded()) }
            totals = SealedCount.totals(papers, candidates: candidates.count).map { .init(alpha: $0.alpha.hex, beta: $0.beta.hex) }
        }
        return TrusteeStateDTO(
            ballotID: try b.requireID(), title: b.title, status: b.status, threshold: board.threshold,
            candidates: candidates.map { names[$0] ?? $0 },
            mine: mine?.number,
            seats: seats.map(TrusteeStateDTO.Seat.init),
            trustees: board.keys.map { key in SealedRecord.Trustee(key, name: seats.first { $0.number == key.index }?.name ?? "") },
            encryptedTotals: totals)
    }

    static func reset(_ req: Request) async throws -> TrusteeStateDTO {
        _ = try await SealedBallots.resetCeremony(req.idParameter("ballotID"), req.content.decode(CeremonyResetInput.self), on: req)
        return try await state(req)
    }

    static func key(_ req: Request) async throws -> TrusteeStateDTO {
        _ = try await SealedBallots.postKey(req)
        return try await state(req)
    }

    static func shares(_ req: Request) async throws -> TrusteeStateDTO {
        _ = try await SealedBallots.postShares(req)
        return try await state(req)
    }

    static func decryption(_ req: Request) async throws -> TrusteeStateDTO {
        _ = try await SealedBallots.postDecryption(req)
        return try await state(req)
    }

    /// The whole record of a counted sealed round, for anyone: the public ballot board's data.
    static func record(_ req: Request) async throws -> Response {
        let b = try await countedRound(req)
        let record = try await SealedBallots.record(b, counts: nil, on: req.db, localizer: req.application.localizer)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return SubmissionsAPI.file(try encoder.encode(record), type: "application/json",
                                   name: "phieu-kin-\(try b.requireID().uuidString.prefix(8)).json")
    }

    /// A sealed round whose count is published; any other is not found, so nothing leaks before the count.
    static func countedRound(_ req: Request) async throws -> Ballot {
        guard let b = try await Ballot.find(req.idParameter("ballotID"), on: req.db), b.sealed, b.status.hasResult else {
            throw AppError.notFound(req.t("ballot_board.not_counted"))
        }
        return b
    }
}
