import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer
@testable import ThiDuaCore

@Suite("Awards, proposals and decisions")
struct AwardTests {
    @Test("nominees → proposal with eligibility warnings → sent with a reason → decision → history and public page")
    func flow() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            let nominees = "/api/v1/cycles/\(s.f.cycleID)/nominees"
            let collective = try await send(app, .POST, nominees, token: s.member,
                                            json: #"{"kind":"collective","unitID":"\#(s.f.unitC)","award":"excellentCollective","label":"Phòng Tổng hợp"}"#)
            #expect(collective.status == .created)
            let person = try await send(app, .POST, nominees, token: s.member,
                                        json: #"{"kind":"individual","unitID":"\#(s.f.unitC)","award":"baseEmulationSoldier","personName":"Nguyễn Thị Hòa","position":"Chuyên viên"}"#)
            #expect(person.status == .created)
            #expect(try await send(app, .POST, nominees, token: s.member, json: #"{"kind":"individual","unitID":"\#(s.f.unitA)","award":"baseEmulationSoldier","personName":"X"}"#).status == .forbidden)
            #expect(try await send(app, .POST, nominees, token: s.member, json: #"{"kind":"individual","unitID":"\#(s.f.unitC)","award":"provincialFlag","personName":"X"}"#).status == .unprocessableEntity)
            // The flag nominee comes from the ballot's outcome.
            try await AwardService.syncFlagNominees(cycleID: s.f.cycleID, unitIDs: [s.f.unitC], on: app.db)
            let flagID = try #require(try await Nominee.query(on: app.db).filter(\.$source == .ballot).first()?.requireID())
            // Last year the unit already received the flag: the rule set forbids consecutive flags.
            let earlier = try await seedEarlierFlag(app, unitID: s.f.unitC)
            let ids = [try collective.content.get(UUID.self, at: "id"), try person.content.get(UUID.self, at: "id"), flagID]
            let created = try await send(app, .POST, "/api/v1/cycles/\(s.f.cycleID)/proposals", token: s.head,
                                         json: #"{"title":"Đề nghị khen thưởng năm 2023","nomineeIDs":[\#(ids.map { "\"\($0)\"" }.joined(separator: ","))]}"#)
            #expect(created.status == .created)
            let proposal = try created.content.decode(ProposalDTO.self)
            #expect(proposal.warnings.count == 1 && proposal.warnings[0].contains("2022"), "\(proposal.warnings)")
            let refused = try await send(app, .POST, "/api/v1/proposals/\(proposal.id)/send", token: s.head, json: "{}")
            #expect(refused.status == .unprocessableEntity && refused.problem?.field == "overrideReason")
            #expect(try await send(app, .POST, "/api/v1/proposals/\(proposal.id)/send", token: s.head,
                                   json: #"{"overrideReason":"Thành tích đột xuất năm 2023"}"#).status == .ok)
            let items = ids.enumerated().map { #"{"nomineeID":"\#($1)","awarded":\#($0 != 2)}"# }.joined(separator: ",")
            let decision = #"{"number":"2345/QĐ-UBND","date":"2024-01-20","issuer":"UBND tỉnh Lào Cai","items":[\#(items)]}"#
            #expect(try await send(app, .POST, "/api/v1/proposals/\(proposal.id)/decisions", token: s.member, json: decision).status == .forbidden)
            #expect(try await send(app, .POST, "/api/v1/proposals/\(proposal.id)/decisions", token: try await token(app, "reviewer"), json: decision).status == .created)
            let history = try await send(app, .GET, "/api/v1/units/\(s.f.unitC)/awards", token: s.member).content.decode([AwardHistoryDTO].self)
            #expect(history.map(\.year) == [2023, 2023, 2022])
            #expect(history.first { $0.award == "provincialFlag" && $0.year == 2023 }?.awarded == false)
            let people = try await send(app, .GET, "/api/v1/people?q=nguyen%20thi%20hoa", token: s.member).body.string
            #expect(people.contains("Nguyễn Thị Hòa"))
            _ = earlier
            // Public page: nothing before publication, the decision after it.
            var visitor = Browser(app: app)
            #expect(try await visitor.get("/public/cycles/\(s.f.cycleID)").status == .notFound)
            #expect(try await send(app, .POST, "/api/v1/cycles/\(s.f.cycleID)/scores/publish", token: s.head,
                                   json: #"{"reason":"Công bố trước khi mọi đơn vị chấm điểm"}"#).status == .ok)
            let page = try await visitor.get("/public/cycles/\(s.f.cycleID)")
            #expect(page.status == .ok && page.body.string.contains("2345/QĐ-UBND") && page.body.string.contains("Phòng Tổng hợp"))
            // The decision's date as a Vietnamese reader writes it, not the stored ISO form.
            #expect(page.body.string.contains("Quyết định số 2345/QĐ-UBND ngày 20/01/2024 (UBND tỉnh Lào Cai)"))
            #expect(!page.body.string.contains("2024-01-20"))
        }
    }

    @Test("the dossier holds 01 collective and 01 individual per unit; a nominee is withdrawn while no sent proposal holds it")
    func dossierQuota() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            let nominees = "/api/v1/cycles/\(s.f.cycleID)/nominees"
            func nominate(_ json: String) async throws -> TestingHTTPResponse { try await send(app, .POST, nominees, token: s.member, json: json) }
            let first = try await nominate(#"{"kind":"collective","unitID":"\#(s.f.unitC)","award":"excellentCollective","label":"Phòng Tổng hợp"}"#)
            #expect(first.status == .created)
            let second = try await nominate(#"{"kind":"collective","unitID":"\#(s.f.unitC)","award":"excellentCollective","label":"Phòng Hành chính"}"#)
            #expect(second.status == .conflict && second.body.string.contains("đã có đủ 01 tập thể tiêu biểu"), "\(second.body.string)")
            let person = try await nominate(#"{"kind":"individual","unitID":"\#(s.f.unitC)","award":"baseEmulationSoldier","personName":"Vũ Văn An"}"#)
            #expect(person.status == .created)
            // Withdrawn by the unit, the place is free again; the reviewer may not withdraw it.
            let firstID = try first.content.get(UUID.self, at: "id")
            #expect(try await send(app, .DELETE, "/api/v1/nominees/\(firstID)", token: try await token(app, "reviewer")).status == .forbidden)
            #expect(try await send(app, .DELETE, "/api/v1/nominees/\(firstID)", token: s.member).status == .noContent)
            #expect(try await nominate(#"{"kind":"collective","unitID":"\#(s.f.unitC)","award":"excellentCollective","label":"Phòng Hành chính"}"#).status == .created)
            // Once in a sent proposal it stays; a ballot nominee is never withdrawn by hand.
            let personID = try person.content.get(UUID.self, at: "id")
            let proposal = try await send(app, .POST, "/api/v1/cycles/\(s.f.cycleID)/proposals", token: s.head,
                                          json: #"{"title":"Tờ trình","nomineeIDs":["\#(personID)"]}"#).content.get(UUID.self, at: "id")
            #expect(try await send(app, .POST, "/api/v1/proposals/\(proposal)/send", token: s.head, json: "{}").status == .ok)
            #expect(try await send(app, .DELETE, "/api/v1/nominees/\(personID)", token: s.member).status == .conflict)
            try await AwardService.syncFlagNominees(cycleID: s.f.cycleID, unitIDs: [s.f.unitC], on: app.db)
            let flag = try #require(try await Nominee.query(on: app.db).filter(\.$source == .ballot).first())
            #expect(try await send(app, .DELETE, "/api/v1/nominees/\(flag.id!)", token: s.head).status == .conflict)
            // The page offers "Rút" for the unit's own dossier nominees that no sent proposal holds.
            var officer = Browser(app: app)
            _ = try await officer.signIn("officer.c")
            let page = try await officer.get("/cycles/\(s.f.cycleID)/awards").body.string
            #expect(page.components(separatedBy: "value=\"removeNominee\"").count - 1 == 1)
        }
    }

    /// A decided flag in 2022 for the unit, as if recorded last year.
    func seedEarlierFlag(_ app: Application, unitID: UUID) async throws -> AwardEntry {
        let old = Cycle(blocID: try await Bloc.query(on: app.db).first()!.requireID(), year: 2022, headUnitID: unitID,
                        deputyUnitID: try await Unit.query(on: app.db).filter(\.$id != unitID).first()!.requireID(), ruleSetID: nil)
        try await old.create(on: app.db)
        let nominee = Nominee()
        nominee.cycleID = try old.requireID(); nominee.kind = .collective; nominee.unitID = unitID; nominee.label = "x"
        nominee.award = "provincialFlag"; nominee.source = .ballot
        try await nominee.create(on: app.db)
        let proposal = Proposal()
        proposal.cycleID = try old.requireID(); proposal.title = "2022"; proposal.status = .decided
        try await proposal.create(on: app.db)
        let decision = Decision()
        decision.proposalID = try proposal.requireID(); decision.number = "1/QĐ"; decision.date = "2023-01-10"; decision.issuer = "UBND tỉnh"
        decision.recordedAt = Date()
        try await decision.create(on: app.db)
        let entry = AwardEntry()
        entry.decisionID = try decision.requireID(); entry.nomineeID = try nominee.requireID(); entry.unitID = unitID
        entry.award = "provincialFlag"; entry.year = 2022; entry.awarded = true
        try await entry.create(on: app.db)
        return entry
    }
}

@Suite("Awards and public pages")
struct AwardPageTests {
    @Test("the awards page takes a nominee from the web; the public index lists only published cycles")
    func pages() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            var officer = Browser(app: app)
            _ = try await officer.signIn("officer.c")
            let url = "/cycles/\(s.f.cycleID)/awards"
            let page = try await officer.get(url)
            #expect(page.status == .ok && page.body.string.contains("Tập thể lao động xuất sắc"))
            let csrf = try #require(Browser.csrf(in: page.body.string))
            let saved = try await officer.post(url, ["csrfToken": csrf, "action": "nominee", "unitID": s.f.unitC.uuidString,
                                                     "kind": "individual", "award": "advancedWorker", "personName": "Trần Thị Lan"])
            #expect(saved.status == .seeOther)
            #expect(try await officer.get(url).body.string.contains("Trần Thị Lan"))
            var visitor = Browser(app: app)
            #expect(try await visitor.get("/public").body.string.contains("Chưa có kết quả nào được công bố"))
            #expect(try await send(app, .POST, "/api/v1/cycles/\(s.f.cycleID)/scores/publish", token: s.head,
                                   json: #"{"reason":"Công bố trước khi mọi đơn vị chấm điểm"}"#).status == .ok)
            #expect(try await visitor.get("/public").body.string.contains("Khối Thi đua các cơ quan Tỉnh ủy — 2023"))
        }
    }
}
