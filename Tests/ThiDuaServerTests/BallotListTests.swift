import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

@Suite("The cycle's list of ballots")
struct BallotListTests {
    /// The list is built in bulk (candidates and names in one query each), and must say the same as each round alone.
    @Test func listMatchesEachRound() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app)
            let flag = try await f.createBallot(#"{"kind":"flag","candidateUnitIDs":["\#(f.units[1])","\#(f.units[0])"],"maxChoices":1,"quota":1}"#)
            let motion = try await f.createBallot(#"{"kind":"motion"}"#)
            let list = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/ballots", token: f.secretariat).content.decode([BallotDTO].self)
            #expect(Set(list.map(\.id)) == [flag, motion])
            for id in [flag, motion] {
                let one = try await send(app, .GET, "/api/v1/ballots/\(id)", token: f.secretariat).content.decode(BallotDTO.self)
                let listed = try #require(list.first { $0.id == id })
                #expect(listed.candidates.map(\.key) == one.candidates.map(\.key))
                #expect(listed.candidates.map(\.name) == one.candidates.map(\.name))
            }
            let flagRow = try #require(list.first { $0.id == flag })
            // In the order the secretariat gave, with the units' names.
            #expect(flagRow.candidates.map(\.key) == [f.units[1].uuidString, f.units[0].uuidString])
            #expect(flagRow.candidates.allSatisfy { $0.name != $0.key })
            #expect(list.first { $0.id == motion }?.candidates.map(\.name) == ["Tán thành", "Không tán thành"])
        }
    }
}
