import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// A refused web form comes back with what the user typed, taken from the request itself (`formAction`).
@Suite("Refused forms keep what was typed")
struct FormRefillTests {
    @Test("the conference set-up: a bad date keeps the venue, the participants and a long agenda")
    func conferenceSetup() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            var browser = Browser(app: app)
            _ = try await browser.signIn("officer.a")
            let page = try await browser.get("/cycles/\(f.cycleID)/conference")
            let csrf = try #require(Browser.csrf(in: page.body.string))
            let agenda = "Phần I | 1 | Tổng kết phong trào thi đua năm 2023 & phương hướng 2024\nPhần II | 2 | Bầu Trưởng Khối | ballot:head"
            let refused = try await browser.post("/cycles/\(f.cycleID)/conference", [
                "csrfToken": csrf, "date": "19/12/2023", "start": "08:00", "venue": "Hội trường Báo Lào Cai",
                "form": "inPerson", "participants": "Khách mời: Ban Thi đua – Khen thưởng tỉnh", "agenda": agenda,
            ])
            #expect(refused.status == .seeOther)
            let back = try await browser.get("/cycles/\(f.cycleID)/conference").body.string
            #expect(back.contains("flash-error"))
            #expect(back.contains(#"value="Hội trường Báo Lào Cai""#))
            #expect(back.contains("Khách mời: Ban Thi đua – Khen thưởng tỉnh"))
            #expect(back.contains("phương hướng 2024\nPhần II | 2 | Bầu Trưởng Khối | ballot:head"))
            // Shown once: the next visit shows the stored (empty) set-up again.
            #expect(!(try await browser.get("/cycles/\(f.cycleID)/conference").body.string.contains("Hội trường Báo Lào Cai")))
        }
    }

    @Test("the chair, secretary and counting committee typed on the set-up are kept, shown, and kept again when a save is refused")
    func conferenceOfficers() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            var browser = Browser(app: app)
            _ = try await browser.signIn("officer.a")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/cycles/\(f.cycleID)/conference").body.string))
            var form = ["csrfToken": csrf, "date": "2024-12-18", "start": "14:00", "venue": "Hội trường huyện", "form": "inPerson",
                        "participants": "", "agenda": "", "chairName": "Hoàng Thị Lan", "chairPosition": "Trưởng phòng Nội vụ",
                        "secretaryName": "Vũ Đức Anh", "secretaryPosition": "",
                        "countingCommittee": "Đinh Công Sơn | Phòng Tài chính\nMai Thị Hoa"]
            #expect(try await browser.post("/cycles/\(f.cycleID)/conference", form).status == .seeOther)
            let page = try await browser.get("/cycles/\(f.cycleID)/conference").body.string
            #expect(page.contains("Hoàng Thị Lan (Trưởng phòng Nội vụ)") && page.contains("Đinh Công Sơn (Phòng Tài chính); Mai Thị Hoa"))
            let conference = try #require(try await Conference.query(on: app.db).first())
            #expect(conference.officers.countingCommittee.map(\.name) == ["Đinh Công Sơn", "Mai Thị Hoa"])
            #expect(conference.officers.secretary == ConferenceOfficer(name: "Vũ Đức Anh", position: ""))
            let minutes = try await browser.get("/cycles/\(f.cycleID)/minutes").body.string
            #expect(minutes.contains("Hoàng Thị Lan, Trưởng phòng Nội vụ") && minutes.contains("Vũ Đức Anh"))
            // A refused save (a chair's name on two lines) changes nothing stored and gives back what was typed.
            form["chairName"] = "Nguyễn Văn\nBa"
            form["countingCommittee"] = "Lò Văn Páo | Văn phòng"
            _ = try await browser.post("/cycles/\(f.cycleID)/conference", form)
            let back = try await browser.get("/cycles/\(f.cycleID)/conference").body.string
            #expect(back.contains("flash-error") && back.contains("Lò Văn Páo | Văn phòng"))
            let stored = try #require(try await Conference.query(on: app.db).first())
            #expect(stored.officers.chair?.name == "Hoàng Thị Lan" && stored.officers.countingCommittee.count == 2)
        }
    }

    @Test("a refused form never keeps the CSRF token or a password")
    func noSecretsKept() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            var browser = Browser(app: app)
            _ = try await browser.signIn("admin")
            let page = try await browser.get("/users")
            let csrf = try #require(Browser.csrf(in: page.body.string))
            _ = try await browser.post("/users", ["csrfToken": csrf, "username": "moi", "password": "ngan", "displayName": "Người mới",
                                                  "role": "reviewer"])
            let flash = try #require(try await SessionRecord.query(on: app.db).all().compactMap { $0.data["flash"] }.first)
            #expect(flash.contains("Người mới"))
            #expect(!flash.contains("ngan") && !flash.contains(csrf))
        }
    }

    @Test("the web's unit form posts the API's input: same checks, and a refused one comes back filled in")
    func unitFormIsTheAPIInput() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            var browser = Browser(app: app)
            _ = try await browser.signIn("admin")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/units").body.string))
            let made = try await browser.post("/units", ["csrfToken": csrf, "name": "Ban Dân vận Tỉnh ủy", "shortName": "BDV", "contactEmail": ""])
            #expect(made.headers.first(name: .location) == "/units")
            #expect(try await browser.get("/units").body.string.contains("Ban Dân vận Tỉnh ủy"))
            // The same name typed in another Unicode form is the API's 409, shown on the page with what was typed.
            let again = "Ban Dân vận Tỉnh ủy".decomposedStringWithCanonicalMapping
            _ = try await browser.post("/units", ["csrfToken": csrf, "name": again, "shortName": "BDV2", "contactEmail": "bdv@example.org"])
            let page = try await browser.get("/units").body.string
            #expect(page.contains("Tên đơn vị không được trùng"))
            #expect(page.contains(#"value="BDV2""#) && page.contains(#"value="bdv@example.org""#))
        }
    }

    @Test("the ballot form posts the API's input: a number that is not one is named, not read as -1 or nothing")
    func ballotFormNumbers() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let conference = try await send(app, .PUT, "/api/v1/cycles/\(f.cycleID)/conference", token: try await token(app, "officer.a"),
                                            json: #"{"startsAt":"2023-12-19T08:00:00+07:00","venue":"Hội trường"}"#)
            #expect(conference.status == .ok, "\(conference.body.string)")
            var browser = Browser(app: app)
            _ = try await browser.signIn("officer.a")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/cycles/\(f.cycleID)/conference").body.string))
            _ = try await browser.post("/cycles/\(f.cycleID)/ballots", ["csrfToken": csrf, "kind": "flag", "mode": "electronic",
                                                                      "maxChoices": "hai", "quota": ""])
            let page = try await browser.get("/cycles/\(f.cycleID)/conference").body.string
            #expect(page.contains("Trường “maxChoices” sai kiểu dữ liệu."))
            #expect(page.contains(#"value="hai""#))
            #expect(try await Ballot.query(on: app.db).count() == 0)
            // Left empty, the optional numbers take the API's defaults.
            let made = try await browser.post("/cycles/\(f.cycleID)/ballots", ["csrfToken": csrf, "kind": "motion", "mode": "electronic",
                                                                             "maxChoices": "", "quota": ""])
            #expect(made.headers.first(name: .location)?.hasPrefix("/ballots/") == true)
            // Check-in posts the API's AttendanceInput: a unit in, then out again, with its representative.
            for (present, expected) in [("true", true), ("false", false)] {
                _ = try await browser.post("/cycles/\(f.cycleID)/conference/attendance", ["csrfToken": csrf, "unitID": f.unitC.uuidString,
                                                                                        "present": present, "representative": "Bà Lan"])
                let row = try #require(try await Attendance.query(on: app.db).filter(\.$unitID == f.unitC).first())
                #expect(row.present == expected && row.representative == "Bà Lan")
            }
        }
    }

    @Test("ticked boxes and chosen options come back: a refused new cycle keeps its members, head and deputy")
    func listsAndSelectsComeBack() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            var browser = Browser(app: app)
            _ = try await browser.signIn("admin")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/blocs/\(f.blocID)").body.string))
            // The year is out of range, so the form is refused after everything else was read.
            let body = ["csrfToken=\(csrf)", "year=1999", "headUnitID=\(f.unitB)", "deputyUnitID=\(f.unitA)",
                        "memberUnitIDs%5B%5D=\(f.unitC)", "memberUnitIDs%5B%5D=\(f.unitD)"].joined(separator: "&")
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            headers.add(name: .cookie, value: try #require(browser.cookie))
            try await app.testing().test(.POST, "/blocs/\(f.blocID)/cycles", headers: headers, body: ByteBuffer(string: body)) { res in
                #expect(res.status == .seeOther)
            }
            let back = try await browser.get("/blocs/\(f.blocID)").body.string
            #expect(back.contains("flash-error"))
            func ticked(_ id: UUID) -> Bool { back.contains(#"name="memberUnitIDs[]" value="\#(id)" checked"#) }
            #expect(ticked(f.unitC) && ticked(f.unitD))
            #expect(!ticked(f.unitA) && !ticked(f.unitB))
            #expect(back.contains(#"<select name="headUnitID" required><option value="">"#))
            #expect(back.range(of: #"name="headUnitID"[^$]*?value="\#(f.unitB)" selected"#, options: .regularExpression) != nil)
            // Shown once: the next visit starts from the page's own defaults.
            let fresh = try await browser.get("/blocs/\(f.blocID)").body.string
            #expect(!fresh.contains(#"value="\#(f.unitC)" checked"#))
        }
    }
}
