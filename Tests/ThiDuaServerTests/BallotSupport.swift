import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// A conference of `size` member units, each with one officer ("voter.0" …), all checked in present.
/// Unit 0 is head (its officer is the secretariat), unit 1 deputy.
struct BallotFixture {
    var app: Application
    var cycleID: UUID
    var units: [UUID]
    var tokens: [String]
    var admin: String
    var outsider: String

    static func make(_ app: Application, size: Int = 4, present: Int? = nil) async throws -> BallotFixture {
        let db = app.db
        app.settings.tokenLifetime = 60 * 24 * 3600
        var units: [UUID] = []
        for i in 0..<size {
            let unit = Unit(name: "Đơn vị \(i)", shortName: "DV\(i)")
            try await unit.create(on: db)
            units.append(try unit.requireID())
        }
        let outsiderUnit = Unit(name: "Đơn vị ngoài khối", shortName: "NGOAI")
        try await outsiderUnit.create(on: db)
        let bloc = Bloc(name: "Khối thử", issuer: "Tỉnh ủy", houseStyle: .party)
        try await bloc.create(on: db)
        let cycle = Cycle(blocID: try bloc.requireID(), year: 2023, headUnitID: units[0], deputyUnitID: units[1], ruleSetID: nil)
        try await cycle.create(on: db)
        for unit in units { try await Membership(cycleID: cycle.requireID(), unitID: unit).create(on: db) }
        let hash = try Bcrypt.hash(Fixture.password, cost: 4)
        for (i, unit) in units.enumerated() {
            try await User(username: "voter.\(i)", passwordHash: hash, displayName: "Cán bộ \(i)", role: .officer, unitID: unit).create(on: db)
        }
        try await User(username: "admin", passwordHash: hash, displayName: "Quản trị", role: .admin, unitID: nil).create(on: db)
        // The provincial board's staff member who holds a key of each sealed round.
        try await User(username: "observer", passwordHash: hash, displayName: "Cán bộ Ban TĐKT", role: .reviewer, unitID: nil).create(on: db)
        try await User(username: "outsider", passwordHash: hash, displayName: "Ngoài", role: .officer, unitID: outsiderUnit.requireID()).create(on: db)
        var tokens: [String] = []
        for i in 0..<size { tokens.append(try await token(app, "voter.\(i)")) }
        let f = BallotFixture(app: app, cycleID: try cycle.requireID(), units: units, tokens: tokens,
                              admin: try await token(app, "admin"), outsider: try await token(app, "outsider"))
        let conference = #"{"startsAt":"2023-12-19T08:00:00+07:00","venue":"Phòng họp Ban Thường vụ Tỉnh ủy","form":"inPerson","agenda":[{"part":"Phần II","number":3,"text":"Bình xét, suy tôn","link":"ballot","ballotKind":"flag"}]}"#
        #expect(try await send(app, .PUT, "/api/v1/cycles/\(f.cycleID)/conference", token: f.tokens[0], json: conference).status == .ok)
        for unit in units.prefix(present ?? size) {
            let body = #"{"unitID":"\#(unit)","present":true,"representative":"Đại diện"}"#
            #expect(try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/conference/attendance", token: f.tokens[0], json: body).status == .ok)
        }
        return f
    }

    var secretariat: String { tokens[0] }

    func createBallot(_ json: String) async throws -> UUID {
        let res = try await send(app, .POST, "/api/v1/cycles/\(cycleID)/ballots", token: secretariat, json: json)
        #expect(res.status == .created, "\(res.body.string)")
        return try res.content.get(UUID.self, at: "id")
    }

    func vote(_ ballot: UUID, by voter: Int, for choices: [UUID]) async throws -> TestingHTTPResponse {
        let list = choices.map { "\"\($0)\"" }.joined(separator: ",")
        return try await send(app, .POST, "/api/v1/ballots/\(ballot)/votes", token: tokens[voter], json: #"{"choices":[\#(list)]}"#)
    }

    /// The secretariat's action on a round. A sealed round's trustees take their part as a real conference's
    /// would: the key ceremony before "open", the decryption after "close" (so the result is there, as before).
    func action(_ ballot: UUID, _ name: String) async throws -> TestingHTTPResponse {
        if name == "open", try await isSealedDraft(ballot) { try await TrusteeDesk.ceremony(app, ballot, reader: secretariat) }
        let res = try await send(app, .POST, "/api/v1/ballots/\(ballot)/\(name)", token: secretariat)
        if name == "close", res.status == .ok, try await isCounting(ballot) { try await TrusteeDesk.count(app, ballot, reader: secretariat) }
        return res
    }

    func isSealedDraft(_ ballot: UUID) async throws -> Bool {
        guard let b = try await Ballot.find(ballot, on: app.db) else { return false }
        return b.sealed && b.status == .draft
    }

    func isCounting(_ ballot: UUID) async throws -> Bool { try await Ballot.find(ballot, on: app.db)?.status == .counting }

    func result(_ ballot: UUID) async throws -> BallotResultDTO {
        try await send(app, .GET, "/api/v1/ballots/\(ballot)/result", token: tokens[2]).content.decode(BallotResultDTO.self)
    }
}
