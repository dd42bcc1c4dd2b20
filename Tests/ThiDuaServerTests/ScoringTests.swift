import Fluent
import Foundation
import Testing
import VaporTesting
import ZIPFoundation
@testable import ThiDuaServer
@testable import ThiDuaCore
@testable import ThiDuaDocuments

/// A small table (two sections, three leaves) on the fixture's cycle, with the example rule set.
struct ScoringFixture {
    var f: Fixture
    var admin: String
    var head: String      // officer of unit A: head, secretariat
    var member: String    // officer of unit C
    var deputy: String    // officer of unit B: deputy, secretariat

    static let table = #"""
    {"sections":[{"code":"I","title":"Công tác tham mưu","evidenceRequired":false,"children":[
      {"code":"I.1","title":"Tham mưu văn bản","maxPoints":10,"step":0.5,"evidenceRequired":true,"children":[]},
      {"code":"I.2","title":"Tiến độ","maxPoints":20,"step":0.25,"evidenceRequired":false,"children":[]}]},
     {"code":"II","title":"Thi đua, khen thưởng","evidenceRequired":false,"children":[
      {"code":"II.1","title":"Phong trào","maxPoints":70,"step":1,"evidenceRequired":false,"children":[]}]}],
     "bonusCap":10,"penaltyItems":[{"code":"T1","title":"Vi phạm kỷ luật","points":5,"kind":"kyLuat"}],"isIllustrative":false}
    """#

    static func make(_ app: Application) async throws -> ScoringFixture {
        app.settings.tokenLifetime = 60 * 24 * 3600
        let f = try await Fixture.seed(app)
        let hash = try Bcrypt.hash(Fixture.password, cost: 4)
        try await User(username: "officer.b", passwordHash: hash, displayName: "B", role: .officer, unitID: f.unitB).create(on: app.db)
        let admin = try await token(app, "admin")
        let document = try String(contentsOfFile: app.settings.resourcesDirectory + "Resources/RuleSets/example-lao-cai-2023.json", encoding: .utf8)
        let ruleSet = try await send(app, .POST, "/api/v1/rule-sets", token: admin, json: document).content.get(UUID.self, at: "id")
        _ = try await send(app, .PATCH, "/api/v1/cycles/\(f.cycleID)", token: admin, json: #"{"ruleSetID":"\#(ruleSet)"}"#)
        let s = ScoringFixture(f: f, admin: admin, head: try await token(app, "officer.a"), member: try await token(app, "officer.c"),
                               deputy: try await token(app, "officer.b"))
        let put = try await send(app, .PUT, "/api/v1/cycles/\(f.cycleID)/scoring-table", token: s.head, json: table)
        #expect(put.status == .ok, "\(put.body.string)")
        return s
    }

    func path(_ unit: UUID, _ rest: String) -> String { "/api/v1/cycles/\(f.cycleID)/units/\(unit)/\(rest)" }
}

@Suite("Scoring")
struct ScoringTests {
    @Test("self-assessment: checked scores, complete before submit, evidence where required, frozen table")
    func selfAssessment() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            let path = s.path(s.f.unitC, "self-assessment")
            let over = try await send(app, .PUT, path, token: s.member, json: #"{"scores":[{"code":"I.2","points":21}]}"#)
            #expect(over.status == .unprocessableEntity && over.problem?.field == "scores[0].points")
            let step = try await send(app, .PUT, path, token: s.member, json: #"{"scores":[{"code":"I.1","points":7.3}]}"#)
            #expect(step.status == .unprocessableEntity)
            #expect(try await send(app, .PUT, path, token: s.member, json: #"{"scores":[{"code":"X.9","points":1}]}"#).status == .unprocessableEntity)
            #expect(try await send(app, .PUT, path, token: s.head, json: #"{"scores":[{"code":"I.2","points":5}]}"#).status == .ok) // the secretariat may
            #expect(try await send(app, .PUT, s.path(s.f.unitA, "self-assessment"), token: s.member, json: #"{"scores":[]}"#).status == .forbidden)
            let saved = try await send(app, .PUT, path, token: s.member, json: #"{"scores":[{"code":"I.1","points":9.5},{"code":"I.2","points":18.25}]}"#)
            #expect(try saved.content.decode(SelfAssessmentDTO.self).base == Decimal(string: "27.75"))
            let incomplete = try await send(app, .POST, path + "/submit", token: s.member)
            #expect(incomplete.status == .unprocessableEntity && incomplete.problem?.detail.contains("II.1") == true)
            _ = try await send(app, .PUT, path, token: s.member, json: #"{"scores":[{"code":"II.1","points":60}]}"#)
            let noEvidence = try await send(app, .POST, path + "/submit", token: s.member)
            #expect(noEvidence.problem?.detail.contains("minh chứng") == true)
            let evidence = try await uploadEvidence(app, s, code: "I.1")
            #expect(evidence.status == .created, "\(evidence.body.string)")
            // The table is frozen now: a change makes version 2, and this assessment stays on version 1.
            let changed = ScoringFixture.table.replacingOccurrences(of: "\"maxPoints\":70", with: "\"maxPoints\":60")
            #expect(try await send(app, .PUT, "/api/v1/cycles/\(s.f.cycleID)/scoring-table", token: s.head, json: changed).status == .ok)
            let submitted = try await send(app, .POST, path + "/submit", token: s.member)
            #expect(submitted.status == .ok, "\(submitted.body.string)")
            let dto = try submitted.content.decode(SelfAssessmentDTO.self)
            #expect(dto.tableVersion == 1 && dto.complete && dto.isLate == false && dto.base == Decimal(string: "87.75"))
            #expect(try await send(app, .PUT, path, token: s.member, json: #"{"scores":[]}"#).status == .conflict)
        }
    }

    @Test("a unit sees only its own assessment until results are published")
    func visibility() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            _ = try await send(app, .PUT, s.path(s.f.unitA, "self-assessment"), token: s.head, json: #"{"scores":[{"code":"I.2","points":5}]}"#)
            #expect(try await send(app, .GET, s.path(s.f.unitA, "self-assessment"), token: s.member).status == .forbidden)
            #expect(try await send(app, .GET, "/api/v1/cycles/\(s.f.cycleID)/ranking", token: s.member).status == .forbidden)
            #expect(try await send(app, .GET, s.path(s.f.unitA, "self-assessment"), token: try await token(app, "reviewer")).status == .ok)
            // Nobody has sent a self-assessment: publishing needs the secretariat's reason, and names who is not scored.
            let refused = try await send(app, .POST, "/api/v1/cycles/\(s.f.cycleID)/scores/publish", token: s.head)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("Ban Nội chính Tỉnh ủy"))
            #expect(try await send(app, .POST, "/api/v1/cycles/\(s.f.cycleID)/scores/publish", token: s.head,
                                   json: #"{"reason":"Hội nghị thống nhất công bố"}"#).status == .ok)
            #expect(try await send(app, .GET, s.path(s.f.unitA, "self-assessment"), token: s.member).status == .ok)
            #expect(try await send(app, .GET, "/api/v1/cycles/\(s.f.cycleID)/ranking", token: s.member).status == .ok)
        }
    }

    @Test("agreement: a reason where it differs, never one's own unit, locked read-only, unlock by an administrator with a reason")
    func agreement() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            _ = try await send(app, .PUT, s.path(s.f.unitC, "self-assessment"), token: s.member,
                               json: #"{"scores":[{"code":"I.1","points":10},{"code":"I.2","points":20},{"code":"II.1","points":70}]}"#)
            let agreed = s.path(s.f.unitC, "agreed-scores")
            let noReason = try await send(app, .PUT, agreed, token: s.head, json: #"{"scores":[{"code":"II.1","points":65}]}"#)
            #expect(noReason.status == .unprocessableEntity && noReason.problem?.field == "scores[0].reason")
            let ok = try await send(app, .PUT, agreed, token: s.head, json: #"""
                {"scores":[{"code":"II.1","points":65,"reason":"Thiếu minh chứng phong trào quý IV"}],
                 "bonus":[{"title":"Sáng kiến","points":12,"reason":"Sáng kiến cấp tỉnh"}],
                 "penalties":[{"title":"Chậm báo cáo","points":1.5,"reason":"Nộp muộn báo cáo quý","kind":"cham"}]}
                """#)
            #expect(ok.status == .ok, "\(ok.body.string)")
            // The head unit's own assessment is reviewed by the deputy, not by itself.
            let own = try await send(app, .PUT, s.path(s.f.unitA, "agreed-scores"), token: s.head, json: #"{"scores":[]}"#)
            #expect(own.status == .forbidden)
            #expect(try await send(app, .PUT, s.path(s.f.unitA, "agreed-scores"), token: s.deputy, json: #"{"scores":[]}"#).status == .ok)
            let ranking = try await send(app, .GET, "/api/v1/cycles/\(s.f.cycleID)/ranking", token: s.head).content.decode([RankingRowDTO].self)
            let c = try #require(ranking.first { $0.unitID == s.f.unitC })
            #expect(c.base == 95 && c.bonus == 10 && c.penalty == Decimal(string: "1.5") && c.total == Decimal(string: "103.5"))
            #expect(c.rank == 1 && c.sections.map(\.points) == [30, 65])
            #expect(try await send(app, .POST, "/api/v1/cycles/\(s.f.cycleID)/scores/lock", token: s.head).status == .ok)
            #expect(try await send(app, .PUT, agreed, token: s.head, json: #"{"scores":[]}"#).status == .conflict)
            #expect(try await send(app, .PUT, "/api/v1/cycles/\(s.f.cycleID)/scoring-table", token: s.head, json: ScoringFixture.table).status == .conflict)
            #expect(try await send(app, .PUT, s.path(s.f.unitC, "self-assessment"), token: s.member, json: #"{"scores":[]}"#).status == .conflict)
            #expect(try await send(app, .POST, s.path(s.f.unitC, "self-assessment/submit"), token: s.member).status == .conflict)
            #expect(try await send(app, .POST, "/api/v1/cycles/\(s.f.cycleID)/scores/unlock", token: s.head, json: #"{"reason":"x"}"#).status == .forbidden)
            #expect(try await send(app, .POST, "/api/v1/cycles/\(s.f.cycleID)/scores/unlock", token: s.admin, json: #"{"reason":" "}"#).status == .unprocessableEntity)
            #expect(try await send(app, .POST, "/api/v1/cycles/\(s.f.cycleID)/scores/unlock", token: s.admin, json: #"{"reason":"Sửa sai sót nhập liệu"}"#).status == .ok)
            let audit = try await AuditEntry.query(on: app.db).filter(\.$action == "scores-unlock").first()
            #expect(audit?.actor == "admin" && audit?.after?.contains("Sửa sai sót nhập liệu") == true)
            #expect(try await ScoreHistory.query(on: app.db).count() >= 3)
        }
    }

    @Test("XLSX: export, fill in, re-import; a bad cell is refused with sheet, row and column and nothing is saved")
    func xlsxRoundTrip() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            let exported = try await send(app, .GET, s.path(s.f.unitC, "self-assessment.xlsx"), token: s.member)
            #expect(exported.status == .ok)
            var rows = try ScoringSheet.read(Data(exported.body.readableBytesView), table: nil).rows
            #expect(rows.map(\.code) == ["I", "I.1", "I.2", "II", "II.1"])
            for i in rows.indices where rows[i].maxPoints != nil { rows[i].selfScore = rows[i].maxPoints.map { $0 - 1 } }
            let filled = try ScoringSheet.write(rows)
            let imported = try await sendXLSX(app, s.path(s.f.unitC, "self-assessment/import"), token: s.member, data: filled)
            #expect(imported.status == .ok, "\(imported.body.string)")
            #expect(try imported.content.decode(SelfAssessmentDTO.self).base == 97)
            rows[1].selfScore = 11
            let bad = try await sendXLSX(app, s.path(s.f.unitC, "self-assessment/import"), token: s.member, data: try ScoringSheet.write(rows))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.problem?.detail.contains("dòng 3") == true && bad.problem?.detail.contains("cột D") == true, "\(bad.problem?.detail ?? "")")
            let after = try await send(app, .GET, s.path(s.f.unitC, "self-assessment"), token: s.member).content.decode(SelfAssessmentDTO.self)
            #expect(after.base == 97)
            let corrupt = try await sendXLSX(app, s.path(s.f.unitC, "self-assessment/import"), token: s.member, data: Data("PK\u{3}\u{4}rác".utf8))
            #expect(corrupt.status == .unprocessableEntity)
        }
    }

    func uploadEvidence(_ app: Application, _ s: ScoringFixture, code: String) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders.bearer(s.member)
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(Sample.boundary)")
        var response: TestingHTTPResponse?
        try await app.testing().test(.POST, s.path(s.f.unitC, "self-assessment/evidence?code=\(code)"), headers: headers,
                                     body: Sample.multipart([.init(name: "file", fileName: "minh-chung.pdf", data: Sample.pdf(pages: 1))])) { response = $0 }
        return response!
    }

    func sendXLSX(_ app: Application, _ path: String, token: String, data: Data) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders.bearer(token)
        headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        var response: TestingHTTPResponse?
        try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(data: data)) { response = $0 }
        return response!
    }
}

@Suite("Scoring pages")
struct ScoringPageTests {
    @Test("the table, assessment and ranking pages render; the assessment form saves and the ranking shows section subtotals and a chart")
    func pages() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            var officer = Browser(app: app)
            _ = try await officer.signIn("officer.c")
            let table = try await officer.get("/cycles/\(s.f.cycleID)/scoring")
            #expect(table.status == .ok && table.body.string.contains("Tham mưu văn bản"))
            let url = "/cycles/\(s.f.cycleID)/units/\(s.f.unitC)/assessment"
            let page = try await officer.get(url)
            #expect(page.body.string.contains("name=\"points[I.1]\""))
            let csrf = try #require(Browser.csrf(in: page.body.string))
            let saved = try await officer.post(url, ["csrfToken": csrf, "action": "save", "points[I.1]": "9,5", "points[I.2]": "20", "note[I.2]": "Đúng hạn"])
            #expect(saved.status == .seeOther)
            let after = try await officer.get(url).body.string
            #expect(after.contains("Đã lưu điểm tự chấm") && after.contains("29,5"))
            // One bad box: every box comes back as typed, and the message sits on the row it names.
            let bad = try await officer.post(url, ["csrfToken": csrf, "action": "save", "points[I.1]": "8", "points[I.2]": "mười",
                                                   "note[I.2]": "Gửi muộn"])
            #expect(bad.status == .seeOther)
            let refused = try await officer.get(url).body.string
            #expect(refused.contains("phải là số"))
            #expect(refused.contains(#"name="points[I.1]" value="8""#) && refused.contains(#"name="points[I.2]" value="mười""#))
            #expect(refused.contains(#"value="Gửi muộn""#) && refused.contains(#"id="error-I.2""#) && !refused.contains(#"id="error-I.1""#))
            // A box off the step or over the maximum is named by the service and marked too.
            _ = try await officer.post(url, ["csrfToken": csrf, "action": "save", "points[I.1]": "9,5", "points[I.2]": "99"])
            let over = try await officer.get(url).body.string
            #expect(over.contains("vượt quá điểm tối đa") && over.contains(#"id="error-I.2""#) && over.contains(#"name="points[I.2]" value="99""#))
            #expect(try await officer.get(url).body.string.contains(#"name="points[I.1]" value="9,5""#), "the stored score is back")
            #expect(try await officer.get("/cycles/\(s.f.cycleID)/units/\(s.f.unitA)/assessment").status == .forbidden)
            var head = Browser(app: app)
            _ = try await head.signIn("officer.a")
            // A draft never sent is not a rank with 0 points: the unit is "not scored" until it sends or the scores lock.
            let before = try await head.get("/cycles/\(s.f.cycleID)/ranking").body.string
            #expect(before.contains(#"data-testid="unscored""#) && before.contains("Chưa chấm điểm") && !before.contains("29,5"))
            #expect(try await send(app, .POST, "/api/v1/cycles/\(s.f.cycleID)/scores/lock", token: s.head).status == .ok)
            let ranking = try await head.get("/cycles/\(s.f.cycleID)/ranking").body.string
            #expect(ranking.contains("<svg") && ranking.contains("Văn phòng Tỉnh ủy") && ranking.contains("29,5"))
        }
    }
}

@Suite("Scoring table from last year, and CSV")
struct ScoringCopyTests {
    @Test("next year's cycle copies last year's table; the CSV carries the unit's scores")
    func copyAndCSV() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            let next = try await send(app, .POST, "/api/v1/blocs/\(s.f.blocID)/cycles", token: s.admin,
                                      json: #"{"year":2024,"headUnitID":"\#(s.f.unitA)","deputyUnitID":"\#(s.f.unitB)","memberUnitIDs":["\#(s.f.unitC)"]}"#)
            let nextID = try next.content.get(UUID.self, at: "id")
            let copied = try await send(app, .POST, "/api/v1/cycles/\(nextID)/scoring-table/copy-previous", token: s.head)
            #expect(copied.status == .ok)
            #expect(try copied.content.decode(ScoringTable.self).leaves.map(\.code) == ["I.1", "I.2", "II.1"])
            #expect(try await send(app, .POST, "/api/v1/cycles/\(s.f.cycleID)/scoring-table/copy-previous", token: s.head).status == .notFound)
            _ = try await send(app, .PUT, s.path(s.f.unitC, "self-assessment"), token: s.member, json: #"{"scores":[{"code":"I.2","points":12.5,"note":"Có, đủ"}]}"#)
            let csv = try await send(app, .GET, s.path(s.f.unitC, "self-assessment.csv"), token: s.member).body.string
            #expect(csv.contains("I.2,Tiến độ,20,\"12,5\",,\"Có, đủ\""), "\(csv)")
        }
    }
}
