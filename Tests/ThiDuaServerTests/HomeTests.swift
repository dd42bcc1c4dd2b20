import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// "Việc cần làm": each person lands on what they have to do, not on a list of blocs.
@Suite("The home page")
struct HomeTests {
    @Test("a unit's officer sees what the unit owes with deadline and countdown, a returned file first with its reason")
    func officerToDo() async throws {
        try await withApp { app in
            let s = try await SubmissionFixture.make(app)
            var officer = Browser(app: app)
            let login = try await officer.get("/login").body.string
            let csrf = try #require(Browser.csrf(in: login))
            // Signing in without a target lands on the home page.
            let landed = try await officer.post("/login", ["username": "officer.c", "password": Fixture.password, "csrfToken": csrf])
            #expect(landed.headers.first(name: .location) == "/")
            let home = try await officer.get("/").body.string
            #expect(home.contains("Việc cần làm") && home.contains("Bảng chấm điểm") && home.contains("Tóm tắt"))
            #expect(home.contains("còn 4 ngày"), "no countdown to the end of 05/12/2023")
            #expect(home.contains("/checklist#req-BCD") || home.contains("#req-BCD"), "an item does not open its upload")

            // The secretariat returns one file; it leads the list with the reason.
            let sent = try await upload(app, requirement: s.summary, token: s.officerC, fileName: "tom-tat.pdf", data: Sample.pdf(pages: 1))
            #expect(sent.status == .created)
            var head = Browser(app: app)
            _ = try await head.signIn("officer.a")
            let work = try await head.get("/").body.string
            #expect(work.contains(#"data-testid="secretariat-work""#) && work.contains("Tóm tắt: 1 hồ sơ chờ duyệt"))
            let submission = try sent.content.get(UUID.self, at: "id")
            #expect(try await send(app, .POST, "/api/v1/submissions/\(submission)/review", token: s.officerA,
                                   json: #"{"decision":"return","reason":"Thiếu chữ ký của Thủ trưởng"}"#).status == .ok)
            let again = try await officer.get("/").body.string
            let returned = try #require(again.range(of: "Tóm tắt")), other = try #require(again.range(of: "Bảng chấm điểm</strong>"))
            #expect(returned.lowerBound < other.lowerBound && again.contains("Thiếu chữ ký của Thủ trưởng"))
            // Past the deadline the countdown says so, and the secretariat sees who has not sent.
            app.clock = .fixed(utc("2023-12-07T02:00:00Z"))
            // Days later: a new sign-in, as the session has expired.
            _ = try await officer.signIn("officer.c")
            _ = try await head.signIn("officer.a")
            #expect(try await officer.get("/").body.string.contains("quá hạn 1 ngày"))
            #expect(try await head.get("/").body.string.contains("đơn vị chưa gửi (đã quá hạn)"))
        }
    }

    @Test("an open ballot is a banner with one tap to the vote page, gone once the unit has voted; the board sees every bloc")
    func ballotBannerAndOverview() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app)
            let ballot = try await f.createBallot(#"{"kind":"flag","maxChoices":1,"quota":1}"#)
            var voter = Browser(app: app)
            _ = try await voter.signIn("voter.1")
            #expect(!(try await voter.get("/").body.string.contains(#"data-testid="ballot-banner""#)), "a draft round is announced")
            #expect(try await f.action(ballot, "open").status == .ok)
            let home = try await voter.get("/").body.string
            #expect(home.contains(#"data-testid="ballot-banner""#) && home.contains(#"href="/ballots/\#(ballot)/vote""#))
            #expect(try await f.vote(ballot, by: 1, for: [f.units[2]]).status == .created)
            #expect(!(try await voter.get("/").body.string.contains(#"data-testid="ballot-banner""#)))
            var admin = Browser(app: app)
            _ = try await admin.signIn("admin")
            let board = try await admin.get("/").body.string
            #expect(board.contains(#"data-testid="overview-card""#) && board.contains("Khối thử"))
        }
    }
}
