import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// The provincial board's inbox (issue 17): a sent proposal is returned with a reason or accepted; the bloc sees
/// the reason, corrects and sends again; only the board reviews; each step is audited and notified.
@Suite("The board's review of proposals")
struct ProposalReviewTests {
    /// A sent proposal of unit C's individual nominee; returns its ID.
    static func sentProposal(_ app: Application, _ s: ScoringFixture) async throws -> UUID {
        let person = try await send(app, .POST, "/api/v1/cycles/\(s.f.cycleID)/nominees", token: s.member,
                                    json: #"{"kind":"individual","unitID":"\#(s.f.unitC)","award":"baseEmulationSoldier","personName":"Vũ Văn An"}"#)
        let personID = try person.content.get(UUID.self, at: "id")
        let proposal = try await send(app, .POST, "/api/v1/cycles/\(s.f.cycleID)/proposals", token: s.head,
                                      json: #"{"title":"Tờ trình đề nghị khen thưởng","nomineeIDs":["\#(personID)"]}"#).content.get(UUID.self, at: "id")
        #expect(try await send(app, .POST, "/api/v1/proposals/\(proposal)/send", token: s.head, json: "{}").status == .ok)
        return proposal
    }

    @Test("returned with a reason, corrected and sent again, then accepted and decided; only the board reviews")
    func returnAndAccept() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            let reviewer = try await token(app, "reviewer")
            let proposal = try await Self.sentProposal(app, s)
            // The inbox lists it, with what is missing from the dossier.
            let inbox = try await send(app, .GET, "/api/v1/board/proposals", token: reviewer)
            #expect(inbox.status == .ok)
            let rows = try inbox.content.decode([ProposalReview.InboxRow].self)
            let row = try #require(rows.first { $0.proposal.id == proposal })
            #expect(row.proposal.status == .sent)
            #expect(row.issues.contains { $0.contains("báo cáo thành tích của “Vũ Văn An”") }, "\(row.issues)")
            // Neither the bloc nor its units review their own proposal; the board's inbox is the board's.
            for who in [s.head, s.member] {
                #expect(try await send(app, .POST, "/api/v1/proposals/\(proposal)/accept", token: who).status == .forbidden)
                #expect(try await send(app, .GET, "/api/v1/board/proposals", token: who).status == .forbidden)
            }
            // A unit of another bloc sees none of this bloc's proposals or nominees.
            let hash = try Bcrypt.hash(Fixture.password, cost: 4)
            try await User(username: "officer.d", passwordHash: hash, displayName: "D", role: .officer, unitID: s.f.unitD).create(on: app.db)
            let outsider = try await token(app, "officer.d")
            #expect(try await send(app, .GET, "/api/v1/cycles/\(s.f.cycleID)/proposals", token: outsider).status == .forbidden)
            #expect(try await send(app, .GET, "/api/v1/cycles/\(s.f.cycleID)/nominees", token: outsider).status == .forbidden)
            // Returning needs a reason.
            #expect(try await send(app, .POST, "/api/v1/proposals/\(proposal)/return", token: reviewer, json: #"{"reason":"  "}"#).status
                    == .unprocessableEntity)
            let returned = try await send(app, .POST, "/api/v1/proposals/\(proposal)/return", token: reviewer,
                                          json: #"{"reason":"Thiếu báo cáo thành tích của cá nhân đề nghị."}"#)
            #expect(returned.status == .ok)
            let dto = try returned.content.decode(ProposalDTO.self)
            #expect(dto.status == .returned && dto.returnReason == "Thiếu báo cáo thành tích của cá nhân đề nghị.")
            // Returned, not waiting: a second review is refused until it is sent again.
            #expect(try await send(app, .POST, "/api/v1/proposals/\(proposal)/accept", token: reviewer).status == .conflict)
            // The bloc's secretariat is told, with the reason, and sees it on its awards page.
            let headUser = try #require(try await User.query(on: app.db).filter(\.$username == "officer.a").first())
            let notices = try await AppNotification.query(on: app.db).filter(\.$userID == headUser.requireID()).all()
            #expect(notices.contains { $0.title.contains("trả lại") && $0.body.contains("Thiếu báo cáo thành tích") })
            var head = Browser(app: app)
            _ = try await head.signIn("officer.a")
            let page = try await head.get("/cycles/\(s.f.cycleID)/awards").body.string
            #expect(page.contains("data-testid=\"proposal-returned\"") && page.contains("Thiếu báo cáo thành tích của cá nhân đề nghị."))
            // Corrected and sent again, it waits for the board once more; accepted, it can be decided.
            #expect(try await send(app, .POST, "/api/v1/proposals/\(proposal)/send", token: s.head, json: "{}").status == .ok)
            let accepted = try await send(app, .POST, "/api/v1/proposals/\(proposal)/accept", token: reviewer)
            #expect(try accepted.content.decode(ProposalDTO.self).status == .accepted)
            let actions = try await AuditEntry.query(on: app.db).filter(\.$entity == "proposal").filter(\.$entityID == proposal.uuidString)
                .sort(\.$seq).all().map(\.action)
            #expect(actions.suffix(4) == ["send", "return", "send", "accept"], "\(actions)")
            let nominee = try #require(try await Nominee.query(on: app.db).first())
            let decision = #"{"number":"125/QĐ-UBND","date":"2024-01-20","issuer":"UBND tỉnh","items":[{"nomineeID":"\#(nominee.id!)","awarded":true}]}"#
            #expect(try await send(app, .POST, "/api/v1/proposals/\(proposal)/decisions", token: reviewer, json: decision).status == .created)
        }
    }

    @Test("the inbox page shows each proposal’s dossier and checks, and returns one from a form")
    func inboxPage() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            let proposal = try await Self.sentProposal(app, s)
            var board = Browser(app: app)
            _ = try await board.signIn("reviewer")
            let home = try await board.get("/").body.string
            #expect(home.contains("data-testid=\"board-inbox-link\"") && home.contains("<strong>1</strong>"))
            let page = try await board.get("/board/proposals")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Tờ trình đề nghị khen thưởng") && html.contains("data-testid=\"inbox-issues\""))
            let csrf = try #require(Browser.csrf(in: html))
            let answer = try await board.request(.POST, "/board/proposals/\(proposal)",
                                                 form: ["csrfToken": csrf, "action": "sendBack", "reason": "Bổ sung bản chính hồ sơ."])
            #expect(answer.status == .seeOther)
            #expect(try await Proposal.find(proposal, on: app.db)?.status == .returned)
            // An officer of the bloc may not open the board's inbox.
            var officer = Browser(app: app)
            _ = try await officer.signIn("officer.a")
            #expect(try await officer.get("/board/proposals").status == .forbidden)
        }
    }

    @Test("the draft decision lists exactly the flag nominees of accepted proposals, with their bloc, in the State style")
    func decisionDraft() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            let reviewer = try await token(app, "reviewer")
            #expect(try await send(app, .GET, "/api/v1/board/decision-draft/2023", token: reviewer).status == .notFound)
            try await AwardService.syncFlagNominees(cycleID: s.f.cycleID, unitIDs: [s.f.unitC], on: app.db)
            let flag = try #require(try await Nominee.query(on: app.db).filter(\.$source == .ballot).first())
            let proposal = try await send(app, .POST, "/api/v1/cycles/\(s.f.cycleID)/proposals", token: s.head,
                                          json: #"{"title":"Tờ trình đề nghị tặng Cờ thi đua","nomineeIDs":["\#(flag.id!)"]}"#)
                .content.get(UUID.self, at: "id")
            let sent = try await send(app, .POST, "/api/v1/proposals/\(proposal)/send", token: s.head,
                                      json: #"{"overrideReason":"Đơn vị được Hội nghị suy tôn"}"#)
            #expect(sent.status == .ok, "\(sent.body.string)")
            // Sent but not accepted: no draft yet; accepted: the draft names it.
            #expect(try await send(app, .GET, "/api/v1/board/decision-draft/2023", token: reviewer).status == .notFound)
            #expect(try await send(app, .POST, "/api/v1/proposals/\(proposal)/accept", token: reviewer).status == .ok)
            let draft = try await send(app, .GET, "/api/v1/board/decision-draft/2023", token: reviewer)
            #expect(draft.status == .ok)
            // Filed under its Vietnamese name, with an ASCII fallback for old browsers.
            let disposition = draft.headers.first(name: .contentDisposition) ?? ""
            #expect(disposition.contains("filename=\"Du-thao-Quyet-dinh") || disposition.contains("filename=\"Du thao"), "\(disposition)")
            #expect(disposition.contains("filename*=UTF-8''D%E1%BB%B1%20th%E1%BA%A3o"), "\(disposition)")
            let text = try DocumentTests.text(ofDocx: Data(draft.body.readableBytesView))
            let unitC = try #require(try await Unit.find(s.f.unitC, on: app.db)).name
            let bloc = try #require(try await Bloc.query(on: app.db).first()).name
            #expect(text.contains("QUYẾT ĐỊNH") && text.contains("Về việc tặng Cờ thi đua của Chủ tịch Ủy ban nhân dân tỉnh năm 2023"))
            #expect(text.contains("Điều 1.") && text.contains("Điều 3.") && text.contains("Tặng Cờ thi đua của Chủ tịch Ủy ban nhân dân tỉnh cho 01 tập thể"))
            #expect(text.contains(unitC) && text.contains(bloc), "\(text)")
            let others = try await Unit.query(on: app.db).filter(\.$id != s.f.unitC).all().map(\.name)
            #expect(others.allSatisfy { !text.contains($0) }, "a unit not awarded is in the draft")
            // Numbered from the province's register; downloaded again, the same draft keeps its number.
            #expect(text.contains("Số: 01/QĐ-UBND") && text.contains("Kèm theo Quyết định số 01/QĐ-UBND"), "\(text)")
            let again = try await send(app, .GET, "/api/v1/board/decision-draft/2023", token: reviewer)
            #expect(try DocumentTests.text(ofDocx: Data(again.body.readableBytesView)).contains("Số: 01/QĐ-UBND"))
            #expect(try await ProvinceNumber.query(on: app.db).count() == 1)
            // Only the board drafts it.
            #expect(try await send(app, .GET, "/api/v1/board/decision-draft/2023", token: s.head).status == .forbidden)
        }
    }
}
