import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// `thidua simulate`: the scale data set the benchmarks run on must be the same for a seed, whole, and readable by the
/// pages as data entered by hand would be.
@Suite("Simulated province")
struct SimulateTests {
    static let size = Simulator.Size(provinces: 2, blocs: 2, units: 5, seed: 11)

    /// What a user would see differ between two data sets: names, files, scores, votes and outcomes.
    static func snapshot(_ app: Application) async throws -> [String] {
        var lines = try await Unit.query(on: app.db).all().map { "unit \($0.id!) \($0.name)" }
        lines += try await Submission.query(on: app.db).all().map { "file \($0.id!) \($0.sha256) \($0.receivedAt) \($0.review)" }
        lines += try await AgreedScore.query(on: app.db).all().map { "agreed \($0.unitID) \($0.code) \($0.points)" }
        lines += try await Ballot.query(on: app.db).all().map { "ballot \($0.id!) \($0.result ?? "")" }
        lines += try await BallotPaper.query(on: app.db).all().map { "paper \($0.choices) \($0.receipt)" }
        lines += try await Nominee.query(on: app.db).all().map { "nominee \($0.unitID)" }
        return lines.sorted()
    }

    static func simulate(_ size: Simulator.Size) async throws -> [String] {
        var snapshot: [String] = []
        try await withApp(on: try await TestDatabase.make(.sqliteMemory), now: testNow) { app in
            let summary = try await Simulator.run(app, size: size, password: Fixture.password) { _ in }
            #expect(summary.blocs == 4 && summary.units == 20)
            snapshot = try await Self.snapshot(app)
        }
        return snapshot
    }

    @Test("the same seed gives the same province, another seed another one")
    func seeded() async throws {
        let first = try await Self.simulate(Self.size)
        #expect(first.count > 100)
        #expect(try await Self.simulate(Self.size) == first)
        var other = Self.size
        other.seed = 12
        #expect(try await Self.simulate(other) != first)
    }

    @Test("each bloc has its whole year, readable by the board and the units, and its ballot recounts to its result")
    func wholeYear() async throws {
        try await withApp { app in
            let summary = try await Simulator.run(app, size: Self.size, password: Fixture.password) { _ in }
            #expect(summary.submissions > 0 && summary.papers > 0)
            let cycles = try await Cycle.query(on: app.db).all()
            #expect(cycles.count == 4)
            let board = try await token(app, "bantdkt-01")
            for cycle in cycles {
                let id = try cycle.requireID()
                #expect(try await Membership.query(on: app.db).filter(\.$cycle.$id == id).count() == 5)
                let ranking = try await send(app, .GET, "/api/v1/cycles/\(id)/ranking", token: board)
                #expect(ranking.status == .ok)
                let rows = try ranking.content.decode([RankingRowDTO].self)
                #expect(rows.count == 5 && rows.allSatisfy(\.scored), "every member scored and ranked")
                let ballots = try await Ballot.query(on: app.db).filter(\.$cycleID == id).all()
                #expect(ballots.count == 1)
                for ballot in ballots {
                    #expect(try await BallotService.recount(ballot, on: app.db) == BallotService.storedResult(ballot))
                    let winners = Set(BallotService.storedResult(ballot)?.outcome ?? [])
                    let nominees = Set(try await Nominee.query(on: app.db).filter(\.$cycleID == id).all().map(\.unitID.uuidString))
                    #expect(winners == nominees, "the proposal names the units the ballot chose")
                }
                let status = try await send(app, .GET, "/api/v1/cycles/\(id)/submission-status", token: board)
                #expect(status.status == .ok)
            }
            // A unit's officer signs in with the given password and sees its own bloc.
            let officer = try await token(app, "t02k01d03")
            #expect(try await send(app, .GET, "/api/v1/blocs", token: officer).status == .ok)
            // A second run would mix simulated blocs into existing data: refused, nothing added.
            await #expect(throws: SimulationError.self) {
                _ = try await Simulator.run(app, size: Self.size, password: Fixture.password) { _ in }
            }
            #expect(try await Bloc.query(on: app.db).count() == 4)
        }
    }
}
