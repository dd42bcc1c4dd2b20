import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// The vote page as a unit's officer uses it on a phone: no vote by accident, no identifier in a message, and the
/// page says when the unit has voted or why it cannot.
@Suite("The vote page")
struct VotePageTests {
    @Test("an empty paper is refused, a blank vote is ticked on purpose, oneself is never offered, and a revisit shows the vote")
    func noVoteByAccident() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app, size: 4, present: 3)
            let (u1, u2) = (f.units[1], f.units[2])
            let ballot = try await f.createBallot(#"{"kind":"flag","candidateUnitIDs":["\#(u1)","\#(u2)"],"maxChoices":1,"quota":1}"#)
            #expect(try await f.action(ballot, "open").status == .ok)
            let url = "/ballots/\(ballot)/vote"
            var one = Browser(app: app)
            _ = try await one.signIn("voter.1")
            let page = try await one.get(url).body.string
            #expect(page.contains(#"value="\#(u2)""#) && !page.contains(#"value="\#(u1)""#), "the unit is offered itself")
            #expect(page.contains("Bỏ phiếu trắng") && page.contains(#"data-confirm-choices="#))
            let csrf = try #require(Browser.csrf(in: page))

            // Nothing ticked: refused, nothing recorded, the form again.
            #expect(try await one.post(url, ["csrfToken": csrf]).status == .seeOther)
            let refused = try await one.get(url).body.string
            #expect(refused.contains("Phiếu chưa chọn đơn vị nào") && refused.contains(#"data-testid="vote-form""#))
            #expect(try await BallotParticipation.query(on: app.db).count() == 0)
            // Oneself, sent by hand: refused by name, never by identifier.
            _ = try await one.post(url, ["csrfToken": csrf, "choices[]": u1.uuidString])
            let own = try await one.get(url).body.string
            #expect(own.contains("Đơn vị không được tự bầu cho chính mình (Đơn vị 1)") && !own.contains(u1.uuidString.prefix(8)))
            // A blank vote, ticked on purpose, is a vote with a receipt; the page then says the unit has voted.
            let blank = try await one.post(url, ["csrfToken": csrf, "blank": "1"])
            #expect(blank.status == .created && blank.body.string.contains(#"data-testid="receipt""#))
            let again = try await one.get(url).body.string
            #expect(again.contains("Đơn vị đã bỏ phiếu ở vòng này") && !again.contains(#"data-testid="vote-form""#))

            // An absent unit is told why, not given a catch-all.
            var absent = Browser(app: app)
            _ = try await absent.signIn("voter.3")
            let told = try await absent.get(url).body.string
            #expect(told.contains("chưa được điểm danh có mặt") && !told.contains(#"data-testid="vote-form""#))

            // A real vote counts; the result names what was chosen.
            var two = Browser(app: app)
            _ = try await two.signIn("voter.2")
            let token = try #require(Browser.csrf(in: try await two.get(url).body.string))
            #expect(try await two.post(url, ["csrfToken": token, "choices[]": u1.uuidString]).status == .created)
            #expect(try await f.action(ballot, "close").status == .ok)
            let result = try await f.result(ballot)
            #expect(result.ballotsCast == 2 && result.counts.first { $0.unitID == u1.uuidString }?.votes == 1)
            #expect(try await absent.get(url).body.string.contains("Vòng bầu đã kết thúc"))
        }
    }

    @Test("the API refuses an empty paper unless it says blank, and names no identifier")
    func apiBlankIsExplicit() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app)
            let ballot = try await f.createBallot(#"{"kind":"flag","maxChoices":2,"quota":1}"#)
            #expect(try await f.action(ballot, "open").status == .ok)
            let empty = try await send(app, .POST, "/api/v1/ballots/\(ballot)/votes", token: f.tokens[1], json: #"{"choices":[]}"#)
            #expect(empty.status == .unprocessableEntity && empty.body.string.contains("Bỏ phiếu trắng"))
            let own = try await f.vote(ballot, by: 1, for: [f.units[1]])
            #expect(own.status == .unprocessableEntity && !own.body.string.contains(f.units[1].uuidString))
            #expect(try await send(app, .POST, "/api/v1/ballots/\(ballot)/votes", token: f.tokens[1],
                                   json: #"{"choices":[],"blank":true}"#).status == .created)
        }
    }
}
