import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting
@testable import ThiDuaServer

/// The trustees of sealed rounds in tests, as their devices would be: each seat's secret kept here, never on the
/// server; every step goes through the API as the seat's holder (the named board member, or the first officer of
/// the seat's unit, signed in with `Fixture.password`).
actor TrusteeDesk {
    static let shared = TrusteeDesk()
    private var devices: [UUID: [Int: TrusteeDevice]] = [:]

    func device(_ ballot: UUID, _ number: Int, threshold: Int) -> TrusteeDevice {
        if let d = devices[ballot]?[number] { return d }
        let d = TrusteeDevice(ballotID: ballot, index: number, threshold: threshold, random: randomBytes())
        devices[ballot, default: [:]][number] = d
        return d
    }

    static func state(_ app: Application, _ ballot: UUID, token: String) async throws -> TrusteeStateDTO {
        let res = try await send(app, .GET, "/api/v1/ballots/\(ballot)/trustees", token: token)
        #expect(res.status == .ok, "\(res.body.string)")
        return try res.content.decode(TrusteeStateDTO.self)
    }

    /// A token for the seat's holder.
    typealias Holder = @Sendable (TrusteeStateDTO.Seat) async throws -> String

    static func seatToken(for seat: TrusteeStateDTO.Seat, _ app: Application, _ holder: Holder?) async throws -> String {
        if let holder { return try await holder(seat) }
        return try await holderToken(app, seat)
    }

    static func holderToken(_ app: Application, _ seat: TrusteeStateDTO.Seat, password: String = Fixture.password) async throws -> String {
        let user: User?
        if let id = seat.userID {
            user = try await User.find(id, on: app.db)
        } else {
            user = try await User.query(on: app.db).filter(\.$unit.$id == seat.unitID).filter(\.$role == .officer).sort(\.$username).first()
        }
        return try await token(app, try #require(user).username, password: password)
    }

    static func post(_ app: Application, _ ballot: UUID, _ number: Int, _ step: String, token: String, _ body: some Encodable) async throws {
        let json = String(decoding: try JSONEncoder().encode(body), as: UTF8.self)
        let res = try await send(app, .POST, "/api/v1/ballots/\(ballot)/trustees/\(number)/\(step)", token: token, json: json)
        #expect(res.status == .ok, "\(step): \(res.body.string)")
    }

    /// Every seat makes its key, then sends its shares: the round may open.
    static func ceremony(_ app: Application, _ ballot: UUID, reader: String, holder: Holder? = nil) async throws {
        let state = try await state(app, ballot, token: reader)
        var tokens: [Int: String] = [:]
        for seat in state.seats { tokens[seat.number] = try await seatToken(for: seat, app, holder) }
        for seat in state.seats where !seat.hasKey {
            let key = await shared.device(ballot, seat.number, threshold: state.threshold).key(random: shared.randomBytes())
            try await post(app, ballot, seat.number, "key", token: tokens[seat.number]!,
                           TrusteeKeyInput(commitments: key.commitments.map(\.hex), transportKey: key.transportKey.hex,
                                           proof: .init(a: key.proof.a.hex, c: key.proof.c.hex, z: key.proof.z.hex)))
        }
        let keyed = try await Self.state(app, ballot, token: reader)
        let keys = try keyed.trustees.map { try $0.decoded() }
        for seat in keyed.seats where !seat.hasShares {
            let shares = await shared.device(ballot, seat.number, threshold: state.threshold).shares(for: keys, random: shared.randomBytes())
            try await post(app, ballot, seat.number, "shares", token: tokens[seat.number]!,
                           TrusteeSharesInput(shares: shares.map { .init(to: $0.to, K: $0.k.hex, data: $0.data) }))
        }
    }

    /// The given seats (by default the first `threshold`) decrypt the totals: the round is counted.
    static func count(_ app: Application, _ ballot: UUID, reader: String, seats numbers: [Int]? = nil,
                      holder: Holder? = nil) async throws {
        let state = try await state(app, ballot, token: reader)
        let board = TrusteeBoard(ballotID: ballot, threshold: state.threshold, keys: try state.trustees.map { try $0.decoded() })
        let totals = try (state.encryptedTotals ?? []).map { t in
            Ciphertext(alpha: try #require(Point(hex: t.alpha)), beta: try #require(Point(hex: t.beta)))
        }
        let chosen = numbers.map { n in state.seats.filter { n.contains($0.number) } } ?? Array(state.seats.prefix(state.threshold))
        for seat in chosen {
            let parts = try await shared.device(ballot, seat.number, threshold: state.threshold).decrypt(totals, board: board, random: shared.randomBytes()).get()
            try await post(app, ballot, seat.number, "decryption", token: try await seatToken(for: seat, app, holder),
                           TrusteeDecryptionInput(shares: parts.map(SealedRecord.DecryptionShare.init)))
        }
    }

    /// The secretariat opens a round, after its trustees' ceremony: the status of the open.
    static func open(_ app: Application, _ ballot: UUID, token: String, holder: Holder? = nil) async throws -> HTTPStatus {
        try await ceremony(app, ballot, reader: token, holder: holder)
        return try await send(app, .POST, "/api/v1/ballots/\(ballot)/open", token: token).status
    }

    /// The secretariat closes a round, and its trustees decrypt: the status of the close.
    static func close(_ app: Application, _ ballot: UUID, token: String, holder: Holder? = nil) async throws -> HTTPStatus {
        let status = try await send(app, .POST, "/api/v1/ballots/\(ballot)/close", token: token).status
        if status == .ok { try await count(app, ballot, reader: token, holder: holder) }
        return status
    }

    nonisolated func randomBytes() -> RandomBytes {
        { n in (0..<n).map { _ in UInt8.random(in: 0...255) } }
    }
}
