import Fluent
import Foundation
import ThiDuaCore
import SQLKit
import Testing
import VaporTesting
@testable import ThiDuaServer

@Suite("Secret ballots")
struct BallotTests {
    @Test("electronic round: turnout only while open, one vote per unit, receipts listed after close")
    func electronicRound() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app)
            let ballot = try await f.createBallot(#"{"kind":"flag","maxChoices":1,"quota":1}"#)
            #expect(try await f.vote(ballot, by: 1, for: [f.units[2]]).status == .conflict)  // not open yet
            #expect(try await f.action(ballot, "open").status == .ok)
            let selfVote = try await f.vote(ballot, by: 2, for: [f.units[2]])
            #expect(selfVote.status == .unprocessableEntity)
            let first = try await f.vote(ballot, by: 1, for: [f.units[2]])
            #expect(first.status == .created)
            let receipt = try first.content.get(String.self, at: "receipt")
            #expect(receipt.count == 19)
            #expect(try await f.vote(ballot, by: 1, for: [f.units[3]]).status == .conflict)
            _ = try await f.vote(ballot, by: 2, for: [f.units[3]])
            _ = try await f.vote(ballot, by: 3, for: [f.units[2]])
            let open = try await f.result(ballot)
            #expect(open.status == .open && open.ballotsCast == 3 && open.eligibleVoters == 4)
            #expect(open.counts.isEmpty && open.receipts.isEmpty && open.outcome.isEmpty)
            #expect(try await f.action(ballot, "close").status == .ok)
            #expect(try await f.vote(ballot, by: 0, for: [f.units[2]]).status == .conflict)
            let closed = try await f.result(ballot)
            #expect(closed.receipts.contains(receipt) && closed.receipts.count == 3)
            #expect(closed.counts.first?.unitID == f.units[2].uuidString && closed.counts.first?.votes == 2)
            #expect(closed.outcome == [f.units[2].uuidString])
            // The result names candidates and bare receipts, never which unit cast which ballot.
            let raw = try await send(app, .GET, "/api/v1/ballots/\(ballot)/result", token: f.tokens[2]).body.string
            let json = try #require(try JSONSerialization.jsonObject(with: Data(raw.utf8)) as? [String: Any])
            #expect(Set(json.keys) == ["status", "eligibleVoters", "ballotsCast", "valid", "invalid", "counts", "outcome", "tie", "receipts"])
            #expect((json["receipts"] as? [String])?.count == 3)
            let detail = try await send(app, .GET, "/api/v1/ballots/\(ballot)", token: f.tokens[2]).body.string
            #expect(!detail.contains("receipt") && !detail.contains("voter"))
        }
    }

    @Test("50 parallel votes from one unit give exactly one ballot; all units voting at once lose none")
    func concurrency() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app, size: 12)
            let ballot = try await f.createBallot(#"{"kind":"head"}"#)
            #expect(try await f.action(ballot, "open").status == .ok)
            let statuses = try await withThrowingTaskGroup(of: UInt.self) { group in
                for _ in 0..<50 { group.addTask { try await f.vote(ballot, by: 5, for: [f.units[0]]).status.code } }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 201 }.count == 1)
            #expect(statuses.filter { $0 == 409 }.count == 49)
            let all = try await withThrowingTaskGroup(of: UInt.self) { group in
                for voter in 0..<12 where voter != 5 {
                    group.addTask { try await f.vote(ballot, by: voter, for: [f.units[voter == 0 ? 1 : 0]]).status.code }
                }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(all.allSatisfy { $0 == 201 }, "\(all)")
            #expect(try await BallotPaper.query(on: app.db).filter(\.$ballotID == ballot).count() == 12)
            #expect(try await BallotParticipation.query(on: app.db).filter(\.$ballotID == ballot).count() == 12)
        }
    }

    @Test("who voted and what was voted share no key, no time and no storage order")
    func secrecySchema() async throws {
        try await withApp { app in
            let sql = try #require(app.db as? SQLDatabase)
            struct Column: Decodable { var name: String }
            func columns(_ table: String) async throws -> Set<String> {
                if sql.dialect.name == "sqlite" {
                    return Set(try await sql.raw("SELECT name FROM pragma_table_info(\(bind: table))").all(decoding: Column.self).map(\.name))
                }
                return Set(try await sql.raw("SELECT column_name AS name FROM information_schema.columns WHERE table_name = \(bind: table) AND table_schema = current_schema()")
                    .all(decoding: Column.self).map(\.name))
            }
            let who = try await columns("ballot_participation"), what = try await columns("ballot_papers")
            #expect(who == ["id", "ballot_id", "unit_id"])
            #expect(what == ["id", "ballot_id", "choices", "receipt", "sealed"])
            #expect(who.intersection(what) == ["id", "ballot_id"])
            let timeLike = (who.union(what)).filter { $0.contains("at") || $0.contains("time") || $0.contains("seq") || $0.contains("order") }
            #expect(timeLike.isEmpty)
            if sql.dialect.name == "sqlite" {
                struct Definition: Decodable { var sql: String }
                for table in ["ballot_participation", "ballot_papers"] {
                    let definition = try await sql.raw("SELECT sql FROM sqlite_master WHERE name = \(bind: table)").first(decoding: Definition.self)
                    #expect(definition?.sql.contains("WITHOUT ROWID") == true, "\(table) keeps a rowid")
                }
            }
        }
    }

    @Test("non-members, other units' officers, reviewers and absent units cannot vote")
    func voterRules() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app, size: 4, present: 3)
            let ballot = try await f.createBallot(#"{"kind":"flag","maxChoices":2,"quota":1}"#)
            _ = try await f.action(ballot, "open")
            #expect(try await send(app, .POST, "/api/v1/ballots/\(ballot)/votes", token: f.outsider, json: #"{"choices":[]}"#).status == .forbidden)
            #expect(try await send(app, .POST, "/api/v1/ballots/\(ballot)/votes", token: f.admin, json: #"{"choices":[]}"#).status == .forbidden)
            let absent = try await f.vote(ballot, by: 3, for: [f.units[0]])
            #expect(absent.status == .forbidden && absent.problem?.detail.contains("điểm danh") == true)
            #expect(try await f.vote(ballot, by: 1, for: [f.units[0], f.units[2], f.units[3]]).status == .unprocessableEntity)
            #expect(try await send(app, .POST, "/api/v1/ballots/\(ballot)/close", token: f.tokens[2]).status == .forbidden)
        }
    }
}
