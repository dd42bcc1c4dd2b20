import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// A document is a function of the data: another bloc and year, beside the demo's, gets documents with its own
/// names, place, year and people, and none of the demo's.
@Suite("Documents of another bloc and year")
struct AnotherBlocDocumentsTests {
    @Test("Cụm thi đua số 3, 2024, five district units: every document holds its own facts and nothing of the demo")
    func noDemoTextInAnotherCycle() async throws {
        try await withApp(now: utc("2024-12-02T02:00:00Z")) { app in
            app.settings.tokenLifetime = 60 * 24 * 3600
            try await DemoSeeder.seedIfNeeded(app)
            let admin = try await token(app, "admin", password: DemoSeeder.password)
            var units: [UUID] = []
            for (i, name) in ["Phòng Nội vụ huyện", "Phòng Tài chính huyện", "Phòng Giáo dục huyện", "Phòng Y tế huyện", "Văn phòng HĐND huyện"].enumerated() {
                let res = try await send(app, .POST, "/api/v1/units", token: admin, json: #"{"name":"\#(name)","shortName":"H\#(i)"}"#)
                units.append(try res.content.get(UUID.self, at: "id"))
                let user = #"{"username":"huyen\#(i)","password":"dong-song-xanh-chay-mai","displayName":"Cán bộ \#(i)","role":"officer","unitID":"\#(units[i])"}"#
                #expect(try await send(app, .POST, "/api/v1/users", token: admin, json: user).status == .created)
            }
            let bloc = try await send(app, .POST, "/api/v1/blocs", token: admin,
                                      json: #"{"name":"Cụm thi đua số 3","issuer":"UBND huyện Văn Bàn","houseStyle":"state","place":"Khánh Yên","symbol":"CTĐ3"}"#)
            let blocID = try bloc.content.get(UUID.self, at: "id")
            let members = units.map { "\"\($0)\"" }.joined(separator: ",")
            let cycle = try await send(app, .POST, "/api/v1/blocs/\(blocID)/cycles", token: admin,
                                       json: #"{"year":2024,"headUnitID":"\#(units[0])","deputyUnitID":"\#(units[1])","memberUnitIDs":[\#(members)]}"#)
            let cycleID = try cycle.content.get(UUID.self, at: "id")
            // Its own rule set: the example's rules under the district's name and legal basis.
            let example = try Data(contentsOf: URL(fileURLWithPath: app.settings.resourcesDirectory + "Resources/RuleSets/example-lao-cai-2023.json"))
            var rules = try #require(try JSONSerialization.jsonObject(with: example) as? [String: Any])
            rules["key"] = "cum-3-2024"
            rules["name"] = "Quy chế hoạt động Cụm thi đua số 3"
            rules["isExample"] = false
            rules["legalBasis"] = ["Quyết định số 125/QĐ-UBND ngày 10/02/2024 của UBND huyện Văn Bàn ban hành Quy chế Cụm thi đua số 3"]
            (rules["holidays"], rules["makeUpWorkingDays"], rules["defaultDeadlines"]) = ([String](), [String](), [[String: String]]())
            let ruleSet = try await send(app, .POST, "/api/v1/rule-sets", token: admin,
                                         json: String(decoding: try JSONSerialization.data(withJSONObject: rules), as: UTF8.self))
            #expect(ruleSet.status == .created, "\(ruleSet.body.string)")
            #expect(try await send(app, .PATCH, "/api/v1/cycles/\(cycleID)", token: admin,
                                   json: #"{"ruleSetID":"\#(try ruleSet.content.get(UUID.self, at: "id"))"}"#).status == .ok)
            let head = try await token(app, "huyen0", password: "dong-song-xanh-chay-mai")
            for (code, due) in [("SCORING", "2024-12-06"), ("CONFERENCE", "2024-12-18T14:00:00+07:00")] {
                #expect(try await send(app, .POST, "/api/v1/cycles/\(cycleID)/milestones", token: head,
                                       json: #"{"code":"\#(code)","title":"Mốc \#(code)","dueAt":"\#(due)"}"#).status == .created)
            }
            let conference = #"""
                {"startsAt":"2024-12-18T14:00:00+07:00","venue":"Hội trường UBND huyện","form":"inPerson","officers":{
                 "chair":{"name":"Hoàng Thị Lan","position":"Trưởng phòng Nội vụ huyện"},
                 "secretary":{"name":"Vũ Đức Anh","position":"Chuyên viên Phòng Nội vụ huyện"},
                 "countingCommittee":[{"name":"Đinh Công Sơn","position":"Phòng Tài chính huyện"},
                                      {"name":"Mai Thị Hoa","position":"Phòng Y tế huyện"}]}}
                """#
            #expect(try await send(app, .PUT, "/api/v1/cycles/\(cycleID)/conference", token: head, json: conference).status == .ok)
            for unit in units {
                _ = try await send(app, .POST, "/api/v1/cycles/\(cycleID)/conference/attendance", token: head,
                                   json: #"{"unitID":"\#(unit)","present":true,"representative":"Đại diện"}"#)
            }
            let ballot = try await send(app, .POST, "/api/v1/cycles/\(cycleID)/ballots", token: head,
                                        json: #"{"kind":"flag","candidateUnitIDs":["\#(units[2])","\#(units[3])"],"maxChoices":1,"quota":1}"#)
            let ballotID = try ballot.content.get(UUID.self, at: "id")
            // The head unit and the member drawn by lot act through their officers; the board's observer is the demo's.
            let districtUnits = units
            let holder: TrusteeDesk.Holder = { seat in
                if let unit = seat.unitID, let i = districtUnits.firstIndex(of: unit) {
                    return try await token(app, "huyen\(i)", password: "dong-song-xanh-chay-mai")
                }
                return try await token(app, try #require(try await User.find(seat.userID, on: app.db)).username, password: DemoSeeder.password)
            }
            #expect(try await TrusteeDesk.open(app, ballotID, token: head, holder: holder) == .ok)
            for i in 0..<5 {
                let voter = try await token(app, "huyen\(i)", password: "dong-song-xanh-chay-mai")
                _ = try await send(app, .POST, "/api/v1/ballots/\(ballotID)/votes", token: voter, json: #"{"choices":["\#(units[i == 2 ? 3 : 2])"]}"#)
            }
            #expect(try await TrusteeDesk.close(app, ballotID, token: head, holder: holder) == .ok)
            // Scores: the first unit highest, each next one point lower; locked, so the ranking exists.
            #expect(try await send(app, .PUT, "/api/v1/cycles/\(cycleID)/scoring-table", token: head, json: ScoringFixture.table).status == .ok)
            for (i, unit) in units.enumerated() {
                let scores = #"[{"code":"I.1","points":10},{"code":"I.2","points":20},{"code":"II.1","points":\#(70 - i)}]"#
                let saved = try await send(app, .PUT, "/api/v1/cycles/\(cycleID)/units/\(unit)/self-assessment", token: head, json: #"{"scores":\#(scores)}"#)
                #expect(saved.status == .ok, "\(saved.body.string)")
            }
            #expect(try await send(app, .POST, "/api/v1/cycles/\(cycleID)/scores/lock", token: head).status == .ok)
            var texts: [String: String] = [:]
            for (name, path) in [("plan", "/api/v1/cycles/\(cycleID)/documents/plan.docx"),
                                 ("invitation", "/api/v1/cycles/\(cycleID)/documents/invitation.docx"),
                                 ("minutes", "/api/v1/cycles/\(cycleID)/documents/minutes.docx"),
                                 ("count minutes", "/api/v1/ballots/\(ballotID)/minutes.docx"),
                                 ("proposal", "/api/v1/cycles/\(cycleID)/documents/proposal.docx"),
                                 ("score summary", "/api/v1/cycles/\(cycleID)/documents/score-summary.docx")] {
                let res = try await send(app, .GET, path, token: head)
                #expect(res.status == .ok, "\(name): \(res.body.string)")
                texts[name] = try DocumentTests.text(ofDocx: Data(res.body.readableBytesView))
            }
            for (name, text) in texts {
                #expect(text.contains("Cụm thi đua số 3") && text.contains("2024") && text.contains("Khánh Yên"), "\(name) lacks its own bloc, year or place")
                // Its number ends with the bloc's own abbreviation.
                #expect(text.contains("/CTĐ3") && !text.contains("/KTĐ"), "\(name) is not numbered in the bloc's register")
                for demo in ["Lào Cai", "Khối Thi đua các cơ quan Tỉnh ủy", "Ban Nội chính", "2023", "example.org", "Nguyễn Minh Khoa",
                             "Lê Thị Mai", "Phạm Quốc Bảo", "Báo Lào Cai"] {
                    #expect(!text.contains(demo), "the \(name) holds the demo's “\(demo)”")
                }
            }
            #expect(texts["plan"]?.contains("Phòng Nội vụ huyện") == true && texts["plan"]?.contains("06/12/2024") == true)
            #expect(texts["invitation"]?.contains("Hội trường UBND huyện") == true)
            #expect(texts["count minutes"]?.contains("Phòng Giáo dục huyện") == true)
            // The people the conference recorded sign its minutes and its count, not lines left blank.
            let minutes = try #require(texts["minutes"]), count = try #require(texts["count minutes"])
            #expect(minutes.contains("Hoàng Thị Lan") && minutes.contains("Vũ Đức Anh") && !minutes.contains("……………………………"))
            #expect(count.contains("Đinh Công Sơn") && count.contains("Mai Thị Hoa") && !count.contains("……………………………"))
            // The letter names the one unit the ballot chose (4 of 5 votes), with its own number in header and annex.
            let proposal = try #require(texts["proposal"])
            #expect(proposal.contains("01 đơn vị được suy tôn đề nghị tặng Cờ thi đua của Chủ tịch UBND tỉnh: Phòng Giáo dục huyện"), "\(proposal)")
            #expect(!proposal.contains("Phòng Y tế huyện"), "the letter names a unit the ballot did not choose")
            #expect(proposal.contains("Căn cứ Quyết định số 125/QĐ-UBND"), "the letter does not cite its own rule set")
            let number = try #require(proposal.firstMatch(of: /Số:? ?(\d\d-TTr\/CTĐ3)/)?.1)
            #expect(proposal.contains("Kèm theo Tờ trình số \(number), ngày "))
            // The summary ranks all five with their own totals: 100 for the first, 96 for the last.
            let summary = try #require(texts["score summary"])
            for unit in ["Phòng Nội vụ huyện", "Phòng Tài chính huyện", "Phòng Giáo dục huyện", "Phòng Y tế huyện", "Văn phòng HĐND huyện"] {
                #expect(summary.contains(unit), "the score summary lacks \(unit)")
            }
            #expect(summary.contains("100") && summary.contains("96") && summary.contains("Công tác tham mưu"))
        }
    }
}
