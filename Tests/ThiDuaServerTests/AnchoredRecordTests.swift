import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
import ThiDuaCore
@testable import ThiDuaServer

/// Tamper evidence that reaches past the database: a head hash published outside the chain, and a ballot result
/// checked against its audited close rather than against a table that can be rewritten with the papers.
@Suite("Anchored records")
struct AnchoredRecordTests {
    /// Units 1–3 of four voted for unit 0, and the round is closed.
    static func closedRound(_ app: Application) async throws -> (BallotFixture, UUID) {
        let f = try await BallotFixture.make(app, size: 4)
        let ballot = try await f.createBallot(#"{"kind":"head"}"#)
        #expect(try await f.action(ballot, "open").status == .ok)
        for voter in 1..<4 { #expect(try await f.vote(ballot, by: voter, for: [f.units[0]]).status == .created) }
        #expect(try await f.action(ballot, "close").status == .ok)
        return (f, ballot)
    }

    @Test("deleting the newest audit entries passes a plain audit-verify but not --expect-head with the head published before")
    func expectHead() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            try await AuditTests().writeSome(app, f)
            let published = try #require(try await AuditLog.head(on: app.db))
            app.asyncCommands.use(AuditVerifyCommand(), as: "audit-verify")
            app.environment.arguments = ["thidua", "audit-verify", "--expect-head", published.hash]
            try await app.execute()
            // The two newest entries go: what remains is still a well-formed chain.
            let sql = try #require(app.db as? SQLDatabase)
            try await sql.raw("DELETE FROM audit_entries WHERE seq > \(bind: published.seq - 2)").run()
            app.environment.arguments = ["thidua", "audit-verify"]
            try await app.execute()
            app.environment.arguments = ["thidua", "audit-verify", "--expect-head", published.hash]
            await #expect(throws: AuditVerifyCommand.HeadMissing.self) { try await app.execute() }
        }
    }

    @Test("a paper round's stored result is checked against the committee's figures as audited, and a rewrite named")
    func paperRoundAudited() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app)
            let ballot = try await f.createBallot(#"{"kind":"flag","maxChoices":1,"quota":1,"mode":"paper"}"#)
            let u = f.units.map(\.uuidString)
            let count = #"{"issued":4,"cast":4,"invalid":0,"counts":[{"unitID":"\#(u[2])","votes":3},{"unitID":"\#(u[1])","votes":1}]}"#
            #expect(try await send(app, .POST, "/api/v1/ballots/\(ballot)/paper-count", token: f.secretariat, json: count).status == .ok)
            app.asyncCommands.use(BallotVerifyCommand(), as: "ballot-verify")
            app.environment.arguments = ["thidua", "ballot-verify", ballot.uuidString]
            try await app.execute()
            // The operator moves two of unit 2's votes to unit 1 in the stored result.
            let round = try #require(try await Ballot.find(ballot, on: app.db))
            var result = try #require(BallotService.storedResult(round))
            result.counts = result.counts.map { var c = $0; c.votes = c.candidate == u[2] ? 1 : c.candidate == u[1] ? 3 : c.votes; return c }
            round.result = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
            try await round.save(on: app.db)
            do {
                try await app.execute()
                Issue.record("ballot-verify passed a rewritten paper count")
            } catch let error as BallotVerifyCommand.Mismatch {
                #expect(error.description.contains("Đơn vị 2: Ban kiểm phiếu ghi 3 phiếu (nhật ký), kết quả lưu 1 phiếu"), "\(error.description)")
            }
        }
    }

    @Test("a paper swapped for a valid one, together with the stored result, is still found and named by its receipt")
    func paperAndResultRewritten() async throws {
        try await withApp { app in
            let (f, ballot) = try await Self.closedRound(app)
            app.asyncCommands.use(BallotVerifyCommand(), as: "ballot-verify")
            app.environment.arguments = ["thidua", "ballot-verify", ballot.uuidString]
            try await app.execute()
            // The operator, who knows the election key, encrypts a vote for unit 2 with every proof right, puts it in
            // place of a stored paper, and rewrites the stored result to match.
            let round = try #require(try await Ballot.find(ballot, on: app.db))
            let order = try await BallotService.candidates(of: ballot, on: app.db).map(\.candidate)
            let forged = try SealedBallots.seal([f.units[2].uuidString], round, candidates: order, random: seededBytes(9))
            let paper = try #require(try await BallotPaper.query(on: app.db).filter(\.$ballotID == ballot).first())
            let replaced = try JSONDecoder().decode(SealedRecord.Paper.self, from: Data(try #require(paper.sealed).utf8)).receipt
            paper.sealed = forged.json
            paper.receipt = forged.receipt
            try await paper.save(on: app.db)
            var result = try #require(BallotService.storedResult(round))
            result.counts = result.counts.map { var c = $0; if c.candidate == f.units[2].uuidString { c.votes += 1 }; return c }
            round.result = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
            try await round.save(on: app.db)
            do {
                try await app.execute()
                Issue.record("ballot-verify passed a swapped paper and result")
            } catch let error as BallotVerifyCommand.Mismatch {
                #expect(error.description.contains("biên nhận \(forged.receipt)) không có trong danh sách phiếu"), "\(error.description)")
                #expect(error.description.contains("biên nhận \(replaced) đã ghi nhật ký"))
                #expect(error.description.contains("phần giải mã không đúng"))
                #expect(error.description.contains("bảng ballots"))
            }
        }
    }


    @Test("the count minutes print the close's audit entry, and that printed hash, copied with its spaces, anchors audit-verify")
    func countMinutesAnchor() async throws {
        try await withApp { app in
            let (f, ballot) = try await Self.closedRound(app)
            let close = try #require(try await AuditLog.latest(action: "close", entity: "ballot", entityID: ballot.uuidString, on: app.db))
            let res = try await send(app, .GET, "/api/v1/ballots/\(ballot)/minutes.docx", token: f.secretariat)
            #expect(res.status == .ok)
            let text = try DocumentTests.text(ofDocx: Data(buffer: res.body))
            let printed = AuditLog.grouped(close.hash)
            #expect(text.contains("mục số \(close.seq), mã băm \(printed)"), "\(text.suffix(400))")
            app.asyncCommands.use(AuditVerifyCommand(), as: "audit-verify")
            app.environment.arguments = ["thidua", "audit-verify", "--expect-head", printed]
            try await app.execute()
        }
    }

    @Test("the public page shows the chain's current head to anyone, and it moves with the next write")
    func publicHead() async throws {
        try await withApp { app in
            let (f, _) = try await Self.closedRound(app)
            var visitor = Browser(app: app)
            let head = try #require(try await AuditLog.head(on: app.db))
            let page = try await visitor.get("/public").body.string
            #expect(page.contains("mục số \(head.seq), mã băm \(AuditLog.grouped(head.hash))"))
            _ = try await f.createBallot(#"{"kind":"deputy"}"#)  // an audited write
            let next = try #require(try await AuditLog.head(on: app.db))
            #expect(next.seq > head.seq)
            #expect(try await visitor.get("/public").body.string.contains("mục số \(next.seq), mã băm \(AuditLog.grouped(next.hash))"))
        }
    }
}
