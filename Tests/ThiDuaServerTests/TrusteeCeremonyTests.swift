import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// The key ceremony from the secretariat's side: the round opens only once every holder is done, no administrator
/// can take a seat, and the ceremony can start again (with a new draw) when a holder cannot finish.
@Suite("The key ceremony")
struct TrusteeCeremonyTests {
    @Test("the round waits for every key holder; the administrator holds no seat; a reset with a new draw starts again")
    func ceremony() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app, size: 6)
            let ballot = try await f.createBallot(#"{"kind":"flag","maxChoices":1,"quota":1}"#)
            let state = try await TrusteeDesk.state(app, ballot, token: f.secretariat)
            #expect(state.seats.map(\.seat) == [.boardObserver, .headUnit, .memberByLot] && state.threshold == 2)
            let drawn = try #require(state.seats.last?.unitID)
            #expect(![f.units[0], f.units[1]].contains(drawn), "the lot never draws the head or the deputy")
            // The administrator may not act for any seat, even one nobody holds yet.
            for seat in state.seats {
                let res = try await send(app, .POST, "/api/v1/ballots/\(ballot)/trustees/\(seat.number)/key", token: f.admin, json: "{}")
                #expect(res.status == .forbidden, "seat \(seat.number): \(res.status)")
            }
            // One holder makes the key; the round cannot open and says who is missing.
            let device = await TrusteeDesk.shared.device(ballot, 1, threshold: 2)
            let key = device.key(random: TrusteeDesk.shared.randomBytes())
            try await TrusteeDesk.post(app, ballot, 1, "key", token: try await token(app, "observer"),
                                       TrusteeKeyInput(commitments: key.commitments.map(\.hex), transportKey: key.transportKey.hex,
                                                       proof: .init(a: key.proof.a.hex, c: key.proof.c.hex, z: key.proof.z.hex)))
            let refused = try await send(app, .POST, "/api/v1/ballots/\(ballot)/open", token: f.secretariat)
            #expect(refused.status == .conflict && refused.body.string.contains(state.seats[2].name), "\(refused.body.string)")
            // Starting again: the secretariat only, with a reason; the lot draws another unit; every post is cleared.
            let reset = "/api/v1/ballots/\(ballot)/trustees/reset"
            #expect(try await send(app, .POST, reset, token: f.tokens[3], json: #"{"reason":"x"}"#).status == .forbidden)
            #expect(try await send(app, .POST, reset, token: f.secretariat, json: #"{"reason":" "}"#).status == .unprocessableEntity)
            let again = try await send(app, .POST, reset, token: f.secretariat,
                                       json: #"{"reason":"Đơn vị bốc thăm không có người dự hội nghị","redraw":true}"#)
            #expect(again.status == .ok)
            let after = try again.content.decode(TrusteeStateDTO.self)
            #expect(after.seats.allSatisfy { !$0.hasKey && $0.holderName == nil })
            let redrawn = try #require(after.seats.last?.unitID)
            #expect(redrawn != drawn && ![f.units[0], f.units[1]].contains(redrawn))
            #expect(try await AuditLog.latest(action: "trustees-reset", entity: "ballot", entityID: ballot.uuidString, on: app.db) != nil)
            // The ceremony then completes and the round opens.
            #expect(try await f.action(ballot, "open").status == .ok)
            #expect(try await send(app, .POST, reset, token: f.secretariat, json: #"{"reason":"muộn"}"#).status == .conflict)
        }
    }
}
