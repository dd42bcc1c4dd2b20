import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// The self-assessment as a unit does it on the page: evidence for each criterion from its own row, the step shown,
/// and the secretariat's review starting from what the unit scored.
@Suite("The assessment page")
struct AssessmentPageTests {
    static func evidenceAction(_ page: String, code: String) -> String? {
        guard let range = page.range(of: #"id="evidence-\#(code)""#) else { return nil }
        let before = page[..<range.lowerBound]
        guard let action = before.range(of: #"action=""#, options: .backwards) else { return nil }
        return String(before[action.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("each criterion uploads its evidence from its own row, with JavaScript (JSON) or without (a message); then the unit submits")
    func evidenceFromThePage() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            var officer = Browser(app: app)
            _ = try await officer.signIn("officer.c")
            let url = "/cycles/\(s.f.cycleID)/units/\(s.f.unitC)/assessment"
            let csrf = try #require(Browser.csrf(in: try await officer.get(url).body.string))
            _ = try await officer.post(url, ["csrfToken": csrf, "action": "save", "points[I.1]": "9,5", "points[I.2]": "20", "points[II.1]": "60"])
            let page = try await officer.get(url).body.string
            // Every scored criterion has its own labelled file box and form; the step is shown beside the maximum.
            for code in ["I.1", "I.2", "II.1"] {
                #expect(page.contains(#"form="evidence-\#(code)""#), "no upload for \(code)")
            }
            #expect(page.contains("(Bước điểm 0,5)") && page.contains("Tệp minh chứng cho tiêu chí I.1"))
            let action = try #require(Self.evidenceAction(page, code: "I.1"))
            #expect(action.contains("code=I.1") && action.contains("csrfToken="))
            // With JavaScript: a JSON answer, the page stays as typed.
            let fetched = try await officer.upload(action, file: Sample.pdf(pages: 1), named: "minh-chung.pdf", accept: "application/json")
            #expect(fetched.status == .created, "\(fetched.body.string)")
            #expect(try fetched.content.get(String.self, at: "fileName") == "minh-chung.pdf")
            // Without: back to the page with a message; a file that is not what it claims is refused by content.
            let plain = try await officer.upload(try #require(Self.evidenceAction(page, code: "II.1")), file: Data("not a pdf".utf8), named: "gia.pdf")
            #expect(plain.status == .seeOther)
            let told = try await officer.get(url).body.string
            #expect(told.contains("flash-error") && !told.contains(">gia.pdf</a>"))
            let submitted = try await officer.post(url, ["csrfToken": csrf, "action": "submit", "points[I.1]": "9,5", "points[I.2]": "20",
                                                         "points[II.1]": "60"])
            #expect(submitted.status == .seeOther)
            let after = try await officer.get(url).body.string
            #expect(after.contains("minh-chung.pdf") && after.contains("Đã nộp bản tự chấm lúc"), "the submission was refused")
        }
    }

    /// Unit C has scored 94,5; the head unit's officer is signed in to review it.
    static func reviewing(_ app: Application) async throws -> (ScoringFixture, Browser) {
        let s = try await ScoringFixture.make(app)
        let scores = #"{"scores":[{"code":"I.1","points":9.5},{"code":"I.2","points":20},{"code":"II.1","points":65}]}"#
        #expect(try await send(app, .PUT, s.path(s.f.unitC, "self-assessment"), token: s.member, json: scores).status == .ok)
        var head = Browser(app: app)
        _ = try await head.signIn("officer.a")
        return (s, head)
    }

    @Test("the secretariat's review shows the unit's total and starts each agreed box from the unit's score")
    func reviewStartsFromTheSelfScores() async throws {
        try await withApp { app in
            let (s, signedIn) = try await Self.reviewing(app)
            var head = signedIn
            let page = try await head.get("/cycles/\(s.f.cycleID)/units/\(s.f.unitC)/assessment").body.string
            #expect(page.contains(#"data-testid="sum">94,5<"#))
            #expect(page.contains(#"name="agreed[I.1]" value="9,5""#) && page.contains(#"name="agreed[II.1]" value="65""#))
        }
    }

    @Test("bonus and penalty lines are rows of boxes: a line begun but unreadable is refused by name and comes back; a saved one is shown")
    func adjustmentRows() async throws {
        try await withApp { app in
            let (s, signedIn) = try await Self.reviewing(app)
            var head = signedIn
            let url = "/cycles/\(s.f.cycleID)/units/\(s.f.unitC)/assessment"
            let page = try await head.get(url).body.string
            #expect(page.contains(#"name="bonusTitle[0]""#) && page.contains(#"name="bonusTitle[1]""#) && page.contains(#"name="penaltyKind[0]""#))
            let csrf = try #require(Browser.csrf(in: page))
            var form = ["csrfToken": csrf, "action": "agree", "agreed[I.1]": "9,5", "agreed[I.2]": "20", "agreed[II.1]": "65",
                        "bonusTitle[0]": "Sáng kiến cấp tỉnh", "bonusPoints[0]": "2x", "bonusReason[0]": "Quyết định số 12"]
            _ = try await head.post(url, form)
            let refused = try await head.get(url).body.string
            #expect(refused.contains("“Sáng kiến cấp tỉnh”: điểm “2x” không phải là số."))
            #expect(refused.contains(#"name="bonusTitle[0]" value="Sáng kiến cấp tỉnh""#) && refused.contains(#"value="Quyết định số 12""#))
            #expect(try await send(app, .GET, s.path(s.f.unitC, "agreed-scores"), token: s.head).content.get([String].self, at: "bonus").isEmpty)
            form["bonusPoints[0]"] = "2"
            form["penaltyTitle[0]"] = "Chậm báo cáo quý"
            form["penaltyPoints[0]"] = "0,5"
            form["penaltyReason[0]"] = "Nộp muộn 3 ngày"
            _ = try await head.post(url, form)
            let agreed = try await send(app, .GET, s.path(s.f.unitC, "agreed-scores"), token: s.head).content.decode(AgreedScoresDTO.self)
            #expect(agreed.bonus.map(\.title) == ["Sáng kiến cấp tỉnh"] && agreed.bonus.first?.points == 2)
            #expect(agreed.penalties.first?.points == Decimal(string: "0.5") && agreed.penalties.first?.kind == "khac")
            let saved = try await head.get(url).body.string
            #expect(saved.contains(#"name="penaltyTitle[0]" value="Chậm báo cáo quý""#) && saved.contains(#"name="penaltyTitle[2]""#))
            // A line with points and no content is refused too, never dropped.
            form["bonusTitle[1]"] = ""
            form["bonusPoints[1]"] = "3"
            _ = try await head.post(url, form)
            #expect(try await head.get(url).body.string.contains("chưa có nội dung"))
        }
    }
}
