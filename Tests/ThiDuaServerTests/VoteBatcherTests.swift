import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// Votes are written in groups: a group must still refuse, one by one, what one vote at a time refused.
@Suite("Votes written together")
struct VoteBatcherTests {
    @Test("one transaction casts each unit's first vote, refuses a repeat inside the group and a round already closed")
    func groupOutcomes() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app, size: 5)
            let open = try await f.createBallot(#"{"kind":"head"}"#)
            let closed = try await f.createBallot(#"{"kind":"deputy"}"#)
            #expect(try await f.action(open, "open").status == .ok)
            #expect(try await f.action(closed, "open").status == .ok)
            #expect(try await f.vote(closed, by: 4, for: [f.units[0]]).status == .created)
            #expect(try await f.action(closed, "close").status == .ok)
            // Unit 3 voted before the group: its vote in the group is a repeat too.
            #expect(try await f.vote(open, by: 3, for: [f.units[1]]).status == .created)
            func vote(_ ballot: UUID, _ unit: Int, _ receipt: String) -> VoteBatcher.Vote {
                .init(ballotID: ballot, unitID: f.units[unit], choices: f.units[0].uuidString, receipt: receipt)
            }
            let outcomes = try await VoteBatcher.write([vote(open, 1, "R1"), vote(open, 1, "R1B"), vote(open, 2, "R2"),
                                                        vote(closed, 2, "R3"), vote(open, 3, "R4")], on: app.db)
            #expect(outcomes == [.cast, .alreadyVoted, .cast, .notOpen, .alreadyVoted])
            let receipts = Set(try await BallotPaper.query(on: app.db).filter(\.$ballotID == open).all().map(\.receipt))
            #expect(receipts.count == 3 && receipts.isSuperset(of: ["R1", "R2"]) && !receipts.contains("R1B") && !receipts.contains("R4"))
            #expect(try await BallotPaper.query(on: app.db).filter(\.$ballotID == closed).count() == 1)
            #expect(try await BallotParticipation.query(on: app.db).filter(\.$ballotID == open).count() == 3)
        }
    }

    @Test("a vote after the round closed is refused with the reason, and the count stays whole")
    func afterClose() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app, size: 4)
            let ballot = try await f.createBallot(#"{"kind":"head"}"#)
            #expect(try await f.action(ballot, "open").status == .ok)
            let votes = try await withThrowingTaskGroup(of: UInt.self) { group in
                for voter in 1..<4 { group.addTask { try await f.vote(ballot, by: voter, for: [f.units[0]]).status.code } }
                group.addTask { try await f.action(ballot, "close").status.code }
                return try await group.reduce(into: [UInt]()) { $0.append($1) }
            }
            #expect(votes.allSatisfy { [200, 201, 409].contains($0) }, "\(votes)")
            let late = try await f.vote(ballot, by: 0, for: [f.units[1]])
            #expect(late.status == .conflict)
            let result = try await f.result(ballot)
            // Every paper stored is counted, and every vote answered 201 is among them.
            let papers = try await BallotPaper.query(on: app.db).filter(\.$ballotID == ballot).count()
            #expect(result.ballotsCast == papers && votes.filter { $0 == 201 }.count == papers)
        }
    }
}
