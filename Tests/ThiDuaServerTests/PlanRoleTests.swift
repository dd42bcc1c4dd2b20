import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting
@testable import ThiDuaServer

/// What the system does with a milestone follows its role, never its editable code.
@Suite("Roles of milestones and requirements")
struct PlanRoleTests {
    @Test("the scoring deadline is the milestone whose role says so, whatever its code; a cycle has one")
    func scoringRole() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let officer = try await token(app, "officer.a")
            func create(_ json: String) async throws -> TestingHTTPResponse {
                try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/milestones", token: officer, json: json)
            }
            // Called SCORING but without the role: not the scoring deadline.
            #expect(try await create(#"{"code":"SCORING","title":"Chấm điểm (nhắc việc)","dueAt":"2023-12-01"}"#).status == .created)
            #expect(try await AssessmentService.scoringDue(cycleID: f.cycleID, on: app.db) == nil)
            let made = try await create(#"{"code":"HAN-CHAM","title":"Hạn nộp bảng tự chấm điểm","dueAt":"2023-12-06","role":"scoring"}"#)
            #expect(made.status == .created, "\(made.body.string)")
            #expect(try made.content.decode(MilestoneDTO.self).role == .scoring)
            #expect(try await AssessmentService.scoringDue(cycleID: f.cycleID, on: app.db) == utc("2023-12-06T16:59:59Z"))
            let second = try await create(#"{"code":"KHAC","title":"Mốc khác","dueAt":"2023-12-07","role":"scoring"}"#)
            #expect(second.status == .conflict && second.problem?.field == "role")
            #expect(second.problem?.detail.contains("HAN-CHAM") == true)
            let unknown = try await create(#"{"code":"KHAC","title":"Mốc khác","dueAt":"2023-12-07","role":"hop"}"#)
            #expect(unknown.status == .badRequest && unknown.problem?.detail.contains("scoring") == true)
        }
    }

    @Test("the web milestone form sets the role, and its select shows it")
    func roleOnTheWeb() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            var browser = Browser(app: app)
            _ = try await browser.signIn("officer.a")
            let page = try await browser.get("/cycles/\(f.cycleID)")
            let csrf = try #require(Browser.csrf(in: page.body.string))
            #expect(page.body.string.contains("Hạn nộp bảng tự chấm điểm"))
            _ = try await browser.post("/cycles/\(f.cycleID)/milestones", ["csrfToken": csrf, "code": "HC", "title": "Hạn chấm",
                                                                            "mode": "date", "date": "2023-12-06", "role": "scoring"])
            let saved = try #require(try await Milestone.query(on: app.db).filter(\.$code == "HC").first())
            #expect(saved.role == .scoring)
            #expect(try await browser.get("/cycles/\(f.cycleID)").body.string.contains(#"<option value="scoring" selected>"#))
        }
    }
}
