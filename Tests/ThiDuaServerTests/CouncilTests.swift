import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting
@testable import ThiDuaServer

/// The provincial council (issue 17): people vote, once each, on the flag nominees the board accepted; the count
/// follows the blocs' rules, its minutes name the outcome, and the draft decision lists whom the council chose.
@Suite("The provincial council's vote")
struct CouncilTests {
    struct Setup {
        var s: ScoringFixture
        var reviewer: String
        var voters: [String]       // tokens of the three members with accounts, present
        var absent: String         // a member with an account, not present
        var flag: [Nominee]        // accepted flag nominees, in unit order A, C
        var returned: Nominee      // a flag nominee whose proposal was returned
        var session: UUID
    }

    /// A proposal in `status` with one flag nominee for `unitID`.
    static func proposal(_ app: Application, _ s: ScoringFixture, unit: UUID, status: ProposalStatus) async throws -> Nominee {
        let name = try #require(try await Unit.find(unit, on: app.db)).name
        let n = Nominee()
        (n.cycleID, n.kind, n.unitID, n.label, n.award, n.source) = (s.f.cycleID, .collective, unit, name, AwardService.flagKey, .ballot)
        try await n.create(on: app.db)
        let p = Proposal()
        (p.cycleID, p.title, p.status) = (s.f.cycleID, "Tờ trình \(name)", status)
        try await p.create(on: app.db)
        let link = ProposalNominee()
        (link.proposalID, link.nomineeID) = (try p.requireID(), try n.requireID())
        try await link.create(on: app.db)
        return n
    }

    static func setUp(_ app: Application) async throws -> Setup {
        let s = try await ScoringFixture.make(app)
        // The candidates' bloc is in Yên Bái, the other bloc elsewhere: the minutes are dated where the candidates are.
        for b in try await Bloc.query(on: app.db).all() { b.place = b.id == s.f.blocID ? "Yên Bái" : "Hà Giang"; try await b.save(on: app.db) }
        let hash = try Bcrypt.hash(Fixture.password, cost: 4)
        for name in ["hd.chutich", "hd.uyvien", "hd.thuky", "hd.vang"] {
            try await User(username: name, passwordHash: hash, displayName: name, role: .council, unitID: nil).create(on: app.db)
        }
        let reviewer = try await token(app, "reviewer")
        let flag = [try await proposal(app, s, unit: s.f.unitA, status: .accepted), try await proposal(app, s, unit: s.f.unitC, status: .accepted)]
        let returned = try await proposal(app, s, unit: s.f.unitB, status: .returned)
        var members: [UUID] = []
        for (name, position, chair, user) in [("Hoàng Văn Chủ", "Chủ tịch UBND tỉnh", true, "hd.chutich"), ("Đỗ Thị Ủy", "Giám đốc Sở Nội vụ", false, "hd.uyvien"),
                                              ("Lý Thị Thư", "Trưởng ban Thi đua – Khen thưởng", false, "hd.thuky"),
                                              ("Vũ Văn Vắng", "Chủ tịch Liên đoàn Lao động", false, "hd.vang"), ("Mai Thị Giấy", "Phó Chủ tịch Hội đồng", false, "")] {
            let res = try await send(app, .POST, "/api/v1/council/members", token: reviewer,
                                     json: #"{"fullName":"\#(name)","position":"\#(position)","isChair":\#(chair),"username":"\#(user)"}"#)
            #expect(res.status == .created, "\(res.body.string)")
            members.append(try res.content.get(UUID.self, at: "id"))
        }
        let created = try await send(app, .POST, "/api/v1/council/sessions", token: reviewer, json: """
            {"year":2023,"title":"Phiên họp xét khen thưởng năm 2023","startsAt":"2024-01-10T08:00:00+07:00","venue":"Phòng họp số 1",
             "agenda":["Xét tặng Cờ thi đua","Xét tặng Bằng khen"]}
            """)
        #expect(created.status == .created, "\(created.body.string)")
        let session = try created.content.get(UUID.self, at: "id")
        // Nobody marked present yet: no ballot can open.
        #expect(try await send(app, .POST, "/api/v1/council/sessions/\(session)/ballots", token: reviewer,
                               json: #"{"award":"provincialFlag"}"#).status == .conflict)
        for (i, member) in members.enumerated() where i != 3 {
            let res = try await send(app, .POST, "/api/v1/council/sessions/\(session)/attendance", token: reviewer,
                                     json: #"{"memberID":"\#(member)","present":true}"#)
            #expect(res.status == .ok)
        }
        return Setup(s: s, reviewer: reviewer, voters: [try await token(app, "hd.chutich"), try await token(app, "hd.uyvien"), try await token(app, "hd.thuky")],
                     absent: try await token(app, "hd.vang"), flag: flag, returned: returned, session: session)
    }

    @Test("members present vote once each; the count, the minutes and the draft decision follow the papers")
    func votesOnceAndCounts() async throws {
        try await withApp { app in
            let t = try await Self.setUp(app)
            let opened = try await send(app, .POST, "/api/v1/council/sessions/\(t.session)/ballots", token: t.reviewer,
                                        json: #"{"award":"provincialFlag","quota":1}"#)
            #expect(opened.status == .created, "\(opened.body.string)")
            let ballot = try opened.content.decode(CouncilBallotDTO.self)
            // The candidates are the accepted flag nominees; a returned proposal's nominee is not among them.
            #expect(Set(ballot.candidates.map(\.nomineeID)) == Set(t.flag.compactMap(\.id)))
            #expect(ballot.present == 4 && ballot.members == 5)
            let votes = "/api/v1/council/ballots/\(ballot.id)/votes"
            let (a, c) = (t.flag[0].id!, t.flag[1].id!)
            // Two choices where one is allowed, a nominee not on the paper, an empty paper not confirmed blank: refused.
            #expect(try await send(app, .POST, votes, token: t.voters[0], json: #"{"choices":["\#(a)","\#(c)"]}"#).status == .unprocessableEntity)
            #expect(try await send(app, .POST, votes, token: t.voters[0], json: #"{"choices":["\#(t.returned.id!)"]}"#).status == .unprocessableEntity)
            #expect(try await send(app, .POST, votes, token: t.voters[0], json: #"{"choices":[]}"#).status == .unprocessableEntity)
            #expect(try await send(app, .POST, votes, token: t.voters[0], json: #"{"choices":["\#(c)"]}"#).status == .created)
            // Once only: a second paper is refused and the first stands.
            let again = try await send(app, .POST, votes, token: t.voters[0], json: #"{"choices":["\#(a)"]}"#)
            #expect(again.status == .conflict && (again.problem?.detail ?? "").contains("một lần"))
            // The second member's paper sent twice at once: one is taken.
            async let first = send(app, .POST, votes, token: t.voters[1], json: #"{"choices":["\#(c)"]}"#)
            async let second = send(app, .POST, votes, token: t.voters[1], json: #"{"choices":["\#(c)"]}"#)
            let statuses = [try await first.status, try await second.status]
            #expect(statuses.filter { $0 == .created }.count == 1 && statuses.filter { $0 == .conflict }.count == 1, "\(statuses.map(\.code))")
            #expect(try await send(app, .POST, votes, token: t.voters[2], json: #"{"choices":["\#(c)"]}"#).status == .created)
            // Not present, not a member, not the board: refused with the reason.
            let absent = try await send(app, .POST, votes, token: t.absent, json: #"{"choices":["\#(a)"]}"#)
            #expect(absent.status == .forbidden && (absent.problem?.detail ?? "").contains("điểm danh"))
            #expect(try await send(app, .POST, votes, token: t.s.head, json: #"{"choices":["\#(a)"]}"#).status == .forbidden)
            #expect(try await send(app, .POST, votes, token: t.reviewer, json: #"{"choices":["\#(a)"]}"#).status == .forbidden)
            #expect(try await send(app, .POST, "/api/v1/council/ballots/\(ballot.id)/close", token: t.voters[0]).status == .forbidden)
            // The papers name nobody, and there are as many as members who voted.
            let papers = try await CouncilPaper.query(on: app.db).all()
            let members = try await CouncilMember.query(on: app.db).all().compactMap(\.id)
            #expect(papers.count == 3 && papers.allSatisfy { p in members.allSatisfy { !p.choices.contains($0.uuidString) } })

            let closed = try await send(app, .POST, "/api/v1/council/ballots/\(ballot.id)/close", token: t.reviewer)
            #expect(closed.status == .ok)
            let result = try closed.content.decode(CouncilBallotDTO.self)
            #expect(result.voted == 3 && result.candidates.first { $0.nomineeID == c }?.votes == 3)
            #expect(result.candidates.first { $0.nomineeID == a }?.votes == 0)
            #expect(result.outcome.count == 1 && result.outcome[0].hasPrefix(t.flag[1].label))
            #expect(try await send(app, .POST, votes, token: t.voters[0], json: #"{"choices":["\#(c)"]}"#).status == .conflict)

            // The minutes: the council's heading, attendance, each candidate's votes, the outcome.
            let minutes = try await send(app, .GET, "/api/v1/council/ballots/\(ballot.id)/minutes.docx", token: t.voters[1])
            #expect(minutes.status == .ok)
            let text = try DocumentTests.text(ofDocx: Data(minutes.body.readableBytesView))
            #expect(text.contains("HỘI ĐỒNG THI ĐUA – KHEN THƯỞNG") && text.contains("BIÊN BẢN KIỂM PHIẾU"), "\(text)")
            #expect(text.contains("Có mặt 04/05 thành viên Hội đồng") && text.contains("Phòng họp số 1"))
            #expect(text.contains("UBND TỈNH YÊN BÁI") && text.contains("Yên Bái, ngày"), "\(text)")
            #expect(text.contains(t.flag[0].label) && text.contains(t.flag[1].label) && text.contains("Hoàng Văn Chủ"))
            #expect(try await send(app, .GET, "/api/v1/council/ballots/\(ballot.id)/minutes.docx", token: t.s.head).status == .forbidden)

            // The draft decision names the council's choice only.
            let draft = try await send(app, .GET, "/api/v1/board/decision-draft/2023", token: t.reviewer)
            let decision = try DocumentTests.text(ofDocx: Data(draft.body.readableBytesView))
            #expect(decision.contains(t.flag[1].label) && !decision.contains(t.flag[0].label), "\(decision)")
        }
    }

    @Test("only the board keeps the council; a second ballot for the same award in a session is refused")
    func boardOnly() async throws {
        try await withApp { app in
            let t = try await Self.setUp(app)
            #expect(try await send(app, .POST, "/api/v1/council/members", token: t.s.head,
                                   json: #"{"fullName":"A","position":"B"}"#).status == .forbidden)
            #expect(try await send(app, .POST, "/api/v1/council/members", token: t.voters[0],
                                   json: #"{"fullName":"A","position":"B"}"#).status == .forbidden)
            // An account that is not a council member's cannot be linked.
            let wrong = try await send(app, .POST, "/api/v1/council/members", token: t.reviewer,
                                       json: #"{"fullName":"Người Lạ","position":"Cán bộ","username":"officer.a"}"#)
            #expect(wrong.status == .unprocessableEntity)
            #expect(try await send(app, .GET, "/api/v1/council/sessions/\(t.session)", token: t.voters[0]).status == .ok)
            #expect(try await send(app, .GET, "/api/v1/council/sessions/\(t.session)", token: t.s.head).status == .forbidden)
            let path = "/api/v1/council/sessions/\(t.session)/ballots"
            #expect(try await send(app, .POST, path, token: t.reviewer, json: #"{"award":"provincialFlag"}"#).status == .created)
            #expect(try await send(app, .POST, path, token: t.reviewer, json: #"{"award":"provincialFlag"}"#).status == .conflict)
            #expect(try await send(app, .POST, path, token: t.reviewer, json: #"{"award":"chairmanMerit"}"#).status == .unprocessableEntity)
        }
    }
}
