import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

@Suite("A bloc's list of cycles")
struct CycleListTests {
    /// The list is built in bulk and must say what each cycle's own page says.
    @Test func listMatchesEachCycle() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let admin = try await token(app, "admin")
            let next = try await send(app, .POST, "/api/v1/blocs/\(f.blocID)/cycles", token: admin, json: """
                {"year":2024,"headUnitID":"\(f.unitB)","deputyUnitID":"\(f.unitC)","memberUnitIDs":["\(f.unitA)","\(f.unitB)","\(f.unitC)"]}
                """)
            #expect(next.status == .created, "\(next.body.string)")
            let list = try await send(app, .GET, "/api/v1/blocs/\(f.blocID)/cycles", token: admin).content.decode([CycleDTO].self)
            #expect(list.map(\.year) == [2024, 2023])
            for listed in list {
                let one = try await send(app, .GET, "/api/v1/cycles/\(listed.id)", token: admin).content.decode(CycleDTO.self)
                #expect(listed.headUnit.id == one.headUnit.id && listed.deputyUnit.id == one.deputyUnit.id)
                #expect(listed.members.map(\.id) == one.members.map(\.id))
                #expect(listed.ruleSet?.id == one.ruleSet?.id)
            }
            #expect(list.first?.headUnit.id == f.unitB && list.first?.members.count == 3)
        }
    }
}
