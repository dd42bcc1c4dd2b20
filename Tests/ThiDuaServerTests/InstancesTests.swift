import Fluent
import Foundation
import Testing
import VaporTesting
import ThiDuaCore
@testable import ThiDuaServer

@Suite("Several instances on one database")
struct InstancesTests {
    /// Two apps on one database file (or one PostgreSQL schema), as two server instances would be.
    func withTwoInstances(_ body: (Application, Application) async throws -> Void) async throws {
        for kind in TestDatabase.sharedKinds { try await withTwoInstances(on: try await TestDatabase.make(kind), body) }
    }

    func withTwoInstances(on database: TestDatabase, _ body: (Application, Application) async throws -> Void) async throws {
        let first = try await makeApp(database)
        let second = try await makeApp(database)
        do {
            try await first.autoMigrate()
            try await body(first, second)
        } catch {
            try? await database.drop(using: first)
            try? await second.asyncShutdown()
            try? await first.asyncShutdown()
            throw error
        }
        try await second.asyncShutdown()
        try await database.drop(using: first)
        try await first.asyncShutdown()
    }

    @Test("a token and a web session issued by one instance work on the other")
    func sharedAuthentication() async throws {
        try await withTwoInstances { first, second in
            let f = try await Fixture.seed(first)
            let bearer = try await token(first, "officer.a")
            #expect(try await send(second, .GET, "/api/v1/cycles/\(f.cycleID)", token: bearer).status == .ok)
            var browser = Browser(app: first)
            _ = try await browser.signIn("officer.a")
            var other = Browser(app: second, cookie: browser.cookie)
            let page = try await other.get("/cycles/\(f.cycleID)")
            #expect(page.status == .ok)
            #expect(page.body.string.contains("năm thi đua 2023"))
        }
    }

    @Test("the sign-in rate limit counts failures made on either instance")
    func sharedRateLimit() async throws {
        try await withTwoInstances { first, second in
            _ = try await Fixture.seed(first)
            for i in 0..<AuthService.maxFailuresPerAccountAndIP {
                let app = i.isMultiple(of: 2) ? first : second
                _ = try await send(app, .POST, "/api/v1/auth/token", token: nil, json: #"{"username":"admin","password":"sai"}"#)
            }
            let res = try await send(first, .POST, "/api/v1/auth/token", token: nil,
                                     json: #"{"username":"admin","password":"\#(Fixture.password)"}"#)
            #expect(res.status == .tooManyRequests)
        }
    }

    @Test("concurrent writes on both instances keep one unbroken audit chain")
    func concurrentAudit() async throws {
        try await withTwoInstances { first, second in
            _ = try await Fixture.seed(first)
            let tokens = [try await token(first, "admin"), try await token(second, "admin")]
            let apps = [first, second]
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for i in 0..<12 {
                    group.addTask {
                        let body = #"{"name":"Đơn vị \#(i)","shortName":"DV\#(i)"}"#
                        return try await send(apps[i % 2], .POST, "/api/v1/units", token: tokens[i % 2], json: body).status.code
                    }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == 201 }, "\(statuses)")
            #expect(try await AuditLog.verify(on: first.db) == .intact(count: 12))
            #expect(try await Unit.query(on: second.db).count() == 16)
        }
    }
}

@Suite("Ballots across instances")
struct BallotInstancesTests {
    @Test("one ballot per unit per round holds across two instances; ballot-verify recounts from the stored papers")
    func exactlyOnce() async throws {
        try await InstancesTests().withTwoInstances { first, second in
                let f = try await BallotFixture.make(first)
                let ballot = try await f.createBallot(#"{"kind":"head"}"#)
                _ = try await f.action(ballot, "open")
                let apps = [first, second]
                let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                    for i in 0..<20 {
                        group.addTask {
                            try await send(apps[i % 2], .POST, "/api/v1/ballots/\(ballot)/votes", token: f.tokens[3],
                                           json: #"{"choices":["\#(f.units[0])"]}"#).status.code
                        }
                    }
                    return try await group.reduce(into: [UInt]()) { $0.append($1) }
                }
                #expect(statuses.filter { $0 == 201 }.count == 1, "\(statuses)")
                #expect(try await BallotPaper.query(on: second.db).filter(\.$ballotID == ballot).count() == 1)
                _ = try await f.vote(ballot, by: 1, for: [f.units[0]])
                _ = try await f.action(ballot, "close")
                first.asyncCommands.use(BallotVerifyCommand(), as: "ballot-verify")
                first.environment.arguments = ["thidua", "ballot-verify", ballot.uuidString]
                try await first.execute()
                // Tampering with a stored paper makes the recount disagree: a valid paper for unit 2 in its place.
                let paper = try #require(try await BallotPaper.query(on: first.db).filter(\.$ballotID == ballot).first())
                let round = try #require(try await Ballot.find(ballot, on: first.db))
                let order = try await BallotService.candidates(of: ballot, on: first.db).map(\.candidate)
                paper.sealed = try SealedBallots.seal([f.units[2].uuidString], round, candidates: order, random: seededBytes(3)).json
                try await paper.save(on: first.db)
                await #expect(throws: BallotVerifyCommand.Mismatch.self) { try await first.execute() }
        }
    }
}
