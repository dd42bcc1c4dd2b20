import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

@Suite("Ballot outcomes")
struct BallotOutcomeTests {
    @Test("a tie at the cut-off leads to a run-off among the tied; its winner owes the signed originals")
    func runoff() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app)
            let milestone = #"{"code":"HN","title":"Hội nghị","dueAt":"2023-12-19T08:00:00+07:00"}"#
            _ = try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/milestones", token: f.admin, json: milestone)
            let requirement = #"{"code":"BANCHINH","title":"Bản chính","milestone":"HN","audience":"nominated","originalsRequired":2}"#
            #expect(try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/requirements", token: f.admin, json: requirement).status == .created)
            let ballot = try await f.createBallot(#"{"kind":"flag","candidateUnitIDs":["\#(f.units[0])","\#(f.units[1])"],"maxChoices":1,"quota":1}"#)
            _ = try await f.action(ballot, "open")
            for (voter, choice) in [(0, 1), (1, 0), (2, 0), (3, 1)] {
                #expect(try await f.vote(ballot, by: voter, for: [f.units[choice]]).status == .created)
            }
            _ = try await f.action(ballot, "close")
            let tied = try await f.result(ballot)
            #expect(tied.outcome.isEmpty && Set(tied.tie) == [f.units[0].uuidString, f.units[1].uuidString])
            let created = try await f.action(ballot, "runoff")
            #expect(created.status == .created)
            let runoff = try created.content.get(UUID.self, at: "id")
            #expect(try await f.action(ballot, "runoff").status == .conflict)
            _ = try await f.action(runoff, "open")
            for (voter, choice) in [(0, 1), (1, 0), (2, 0), (3, 0)] { _ = try await f.vote(runoff, by: voter, for: [f.units[choice]]) }
            _ = try await f.action(runoff, "close")
            #expect(try await f.result(runoff).outcome == [f.units[0].uuidString])
            #expect(try await f.result(ballot).runoffBallotID == runoff)
            let targets = try await RequirementTarget.query(on: app.db).all().map(\.unitID)
            #expect(targets == [f.units[0]])
            let conference = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/conference", token: f.tokens[2]).content.decode(ConferenceDTO.self)
            #expect(conference.agenda.first?.outcome == "Đơn vị 0")
        }
    }

    @Test("paper counts are checked: cast over issued, a count over valid, a total over valid × N")
    func paperCount() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app)
            let ballot = try await f.createBallot(#"{"kind":"flag","maxChoices":2,"quota":1,"mode":"paper"}"#)
            #expect(try await f.action(ballot, "open").status == .conflict)
            let path = "/api/v1/ballots/\(ballot)/paper-count"
            let u = f.units.map(\.uuidString)
            let bad = [
                #"{"issued":4,"cast":5,"invalid":0,"counts":[]}"#,
                #"{"issued":4,"cast":4,"invalid":1,"counts":[{"unitID":"\#(u[0])","votes":4}]}"#,
                #"{"issued":4,"cast":4,"invalid":0,"counts":[{"unitID":"\#(u[0])","votes":4},{"unitID":"\#(u[1])","votes":3},{"unitID":"\#(u[2])","votes":2}]}"#,
                // more ballots than units present (4), and figures that would overflow a sum
                #"{"issued":5,"cast":5,"invalid":0,"counts":[]}"#,
                // one unit written twice: adding the lines overflowed and stopped the process
                #"{"issued":4,"cast":4,"invalid":0,"counts":[{"unitID":"\#(u[0])","votes":9223372036854775807},{"unitID":"\#(u[0])","votes":9223372036854775807}]}"#,
                #"{"issued":9223372036854775807,"cast":9223372036854775807,"invalid":0,"counts":[{"unitID":"\#(u[0])","votes":9223372036854775807}]}"#,
            ]
            for body in bad {
                let res = try await send(app, .POST, path, token: f.secretariat, json: body)
                #expect(res.status == .unprocessableEntity, "\(body): \(res.body.string)")
                #expect(res.problem?.detail.isEmpty == false)
            }
            let ok = try await send(app, .POST, path, token: f.secretariat,
                                    json: #"{"issued":4,"cast":4,"invalid":0,"counts":[{"unitID":"\#(u[2])","votes":3},{"unitID":"\#(u[1])","votes":1}]}"#)
            #expect(ok.status == .ok, "\(ok.body.string)")
            #expect(try ok.content.decode(BallotResultDTO.self).outcome == [u[2]])
        }
    }

    @Test("the elected head and deputy run next year's cycle, created with the same members")
    func nextYear() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app)
            for (kind, winner) in [("head", 2), ("deputy", 3)] {
                let ballot = try await f.createBallot(#"{"kind":"\#(kind)"}"#)
                _ = try await f.action(ballot, "open")
                for voter in 0..<4 where voter != winner { _ = try await f.vote(ballot, by: voter, for: [f.units[winner]]) }
                _ = try await f.action(ballot, "close")
            }
            let next = try #require(try await Cycle.query(on: app.db).filter(\.$year == 2024).first())
            #expect(next.$headUnit.id == f.units[2] && next.$deputyUnit.id == f.units[3])
            #expect(try await Membership.query(on: app.db).filter(\.$cycle.$id == next.requireID()).count() == 4)
        }
    }
}

@Suite("Conference and ballot pages")
struct ConferencePageTests {
    @Test("the pages render for each state of a round, and the minutes draft carries the result")
    func pages() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app)
            var browser = Browser(app: app)
            _ = try await browser.signIn("voter.0")
            let conference = try await browser.get("/cycles/\(f.cycleID)/conference")
            #expect(conference.status == .ok && conference.body.string.contains("Phòng họp Ban Thường vụ Tỉnh ủy"))
            #expect(conference.body.string.contains("4/4"))
            let ballot = try await f.createBallot(#"{"kind":"flag","maxChoices":1,"quota":1}"#)
            #expect(try await browser.get("/ballots/\(ballot)").body.string.contains("Mở bỏ phiếu"))
            _ = try await f.action(ballot, "open")
            var voter = Browser(app: app)
            _ = try await voter.signIn("voter.2")
            let votePage = try await voter.get("/ballots/\(ballot)/vote")
            #expect(votePage.body.string.contains("type=\"radio\"") == false && votePage.body.string.contains("label class=\"choice\""))
            let csrf = try #require(Browser.csrf(in: votePage.body.string))
            let receipt = try await voter.post("/ballots/\(ballot)/vote", ["csrfToken": csrf, "choices[]": f.units[1].uuidString])
            #expect(receipt.status == .created && receipt.body.string.contains("data-testid=\"receipt\""))
            #expect(try await browser.get("/ballots/\(ballot)/projector").body.string.contains("1 / 4"))
            _ = try await f.action(ballot, "close")
            let closed = try await browser.get("/ballots/\(ballot)").body.string
            #expect(closed.contains("Số phiếu") && closed.contains("Đơn vị 1"))
            #expect(try await browser.get("/ballots/\(ballot)/count-minutes").body.string.contains("BIÊN BẢN KIỂM PHIẾU"))
            let minutes = try await browser.get("/cycles/\(f.cycleID)/minutes").body.string
            #expect(minutes.contains("Đơn vị thành viên có mặt: 4/4") && minutes.contains("Kết quả: Đơn vị 1"))
        }
    }
}
