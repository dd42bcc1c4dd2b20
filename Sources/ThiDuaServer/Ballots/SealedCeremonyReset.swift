import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Starting the key ceremony again, before the round opens: when a holder lost the device that made their key, or
/// the member drawn by lot has nobody at the conference to hold it. Every seat's posts are cleared, since each
/// trustee's shares were made for the others' keys; with `redraw`, the seats drawn by lot are drawn again.
struct CeremonyResetInput: Content {
    var redraw: Bool?
    var reason: String
}

extension SealedBallots {
    static func resetCeremony(_ id: UUID, _ input: CeremonyResetInput, on req: Request) async throws -> Ballot {
        let (b, cycle) = try await BallotService.find(id, on: req)
        try req.authorize(.runCycle(cycle))
        guard b.sealed, b.status == .draft else { throw AppError.conflict(req.t("trustee.ceremony_over")) }
        let reason = try Validate.text(input.reason, "reason", max: 1000, on: req)
        let seats = try await seats(of: id, on: req.db)
        var replacements: [Int: BallotTrustee] = [:]
        if input.redraw == true {
            // A new draw among the members not holding a seat now, from the rule set's seats as at creation.
            let trustees = BallotTrustees(seats: seats.map(\.seat), threshold: b.trusteeThreshold ?? 2)
            let fresh = try await appoint(ballotID: id, cycle: cycle, trustees: trustees, observerUserID: seats.first { $0.seat == .boardObserver }?.userID,
                                          on: req, excluding: Set(seats.filter { $0.seat == .memberByLot }.compactMap(\.unitID)))
            for seat in fresh where seat.seat == .memberByLot { replacements[seat.number] = seat }
        }
        let actor = req.actorName
        let drawn = replacements
        let changed = drawn.values.map(\.name)
        let reset: Ballot = try await req.audited { db in
            for seat in seats {
                (seat.holderUserID, seat.holderName, seat.key, seat.shares, seat.decryption) = (nil, nil, nil, nil, nil)
                if let fresh = drawn[seat.number] { (seat.unitID, seat.name) = (fresh.unitID, fresh.name) }
                try await seat.save(on: db)
            }
            b.publicKey = nil
            try await b.save(on: db)
            return (b, AuditRecord(actor: actor, action: "trustees-reset", entity: "ballot", entityID: id.uuidString,
                                   before: String?.none, after: ["reason": reason, "redrawn": changed.joined(separator: ", ")]))
        }
        try await BallotService.announceKeys(try await self.seats(of: id, on: req.db), reset, on: req)
        return reset
    }
}
