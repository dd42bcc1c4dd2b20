import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// The facts a bloc's documents print are the bloc's data, and the administrator corrects them through the API or
/// the bloc page; the invitation's contact line follows.
@Suite("Editing a bloc")
struct BlocEditTests {
    static let conference = #"{"startsAt":"2023-12-19T08:00:00+07:00","venue":"Hội trường tầng 2","form":"inPerson"}"#

    func invitation(_ app: Application, _ f: Fixture, token: String) async throws -> String {
        let res = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/documents/invitation.docx", token: token)
        #expect(res.status == .ok, "\(res.body.string)")
        return try DocumentTests.text(ofDocx: Data(res.body.readableBytesView))
    }

    @Test("a contact set through the API is audited and printed in the invitation; an emptied field is cleared")
    func contactThroughTheAPI() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let admin = try await token(app, "admin"), head = try await token(app, "officer.a")
            #expect(try await send(app, .PUT, "/api/v1/cycles/\(f.cycleID)/conference", token: head, json: Self.conference).status == .ok)
            let before = try await invitation(app, f, token: head)
            #expect(before.contains("Liên hệ: Ban Nội chính Tỉnh ủy.") && !before.contains("điện thoại"))

            let patch = #"{"place":"Sa Pa","contactName":"Đỗ Thu Trang, chuyên viên Văn phòng Khối","contactPhone":"0214 3871 234","contactEmail":"vpkhoi@tinh.gov.vn"}"#
            let res = try await send(app, .PATCH, "/api/v1/blocs/\(f.blocID)", token: admin, json: patch)
            #expect(res.status == .ok, "\(res.body.string)")
            #expect(try res.content.get(String.self, at: "contactPhone") == "0214 3871 234")
            #expect(try res.content.get(String.self, at: "name") == "Khối Thi đua các cơ quan Tỉnh ủy", "a field left out changed")
            let after = try await invitation(app, f, token: head)
            #expect(after.contains("Liên hệ: đồng chí Đỗ Thu Trang, chuyên viên Văn phòng Khối, điện thoại: 0214 3871 234, thư điện tử: vpkhoi@tinh.gov.vn."))
            #expect(after.contains("Sa Pa, ngày"))
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$entity == "bloc").filter(\.$action == "update").first())
            #expect(entry.actor == "admin" && entry.after?.contains("vpkhoi@tinh.gov.vn") == true && entry.before?.contains("vpkhoi") == false)

            // "" clears a fact; null keeps it.
            let cleared = try await send(app, .PATCH, "/api/v1/blocs/\(f.blocID)", token: admin, json: #"{"contactPhone":"","contactName":null}"#)
            #expect(cleared.status == .ok)
            let last = try await invitation(app, f, token: head)
            #expect(last.contains("Liên hệ: đồng chí Đỗ Thu Trang, chuyên viên Văn phòng Khối, thư điện tử: vpkhoi@tinh.gov.vn."))
        }
    }

    @Test("a bad telephone or e-mail, an empty name or another bloc's name is refused and nothing changes")
    func refusals() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let admin = try await token(app, "admin")
            _ = try await send(app, .POST, "/api/v1/blocs", token: admin, json: #"{"name":"Khối các sở","issuer":"UBND tỉnh"}"#)
            for (body, status, field) in [(#"{"contactPhone":"gọi tôi"}"#, HTTPStatus.unprocessableEntity, "contactPhone"),
                                          (#"{"contactPhone":"12345"}"#, .unprocessableEntity, "contactPhone"),
                                          (#"{"contactPhone":"0214+3871"}"#, .unprocessableEntity, "contactPhone"),
                                          (#"{"contactEmail":"khong-phai-thu"}"#, .unprocessableEntity, "contactEmail"),
                                          (#"{"name":"  "}"#, .unprocessableEntity, "name"),
                                          (#"{"name":"KHỐI CÁC SỞ"}"#, .conflict, "name")] {
                let res = try await send(app, .PATCH, "/api/v1/blocs/\(f.blocID)", token: admin, json: body)
                #expect(res.status == status, "\(body): \(res.body.string)")
                #expect(res.body.string.contains(field), "\(body) does not name \(field)")
            }
            let bloc = try #require(try await Bloc.find(f.blocID, on: app.db))
            #expect(bloc.name == "Khối Thi đua các cơ quan Tỉnh ủy" && bloc.contactPhone == nil && bloc.contactEmail == nil)
            #expect(try await send(app, .PATCH, "/api/v1/blocs/\(UUID())", token: admin, json: "{}").status == .notFound)
        }
    }

    @Test("the bloc page: the administrator edits it, a refused edit comes back as typed, and others only read it")
    func editOnThePage() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            var browser = Browser(app: app)
            _ = try await browser.signIn("admin")
            let page = try await browser.get("/blocs/\(f.blocID)").body.string
            let csrf = try #require(Browser.csrf(in: page))
            #expect(page.contains(#"data-testid="bloc-edit""#) && page.contains(#"value="Tỉnh ủy Lào Cai""#))
            var form = ["csrfToken": csrf, "name": "Khối Thi đua các cơ quan Tỉnh ủy", "issuer": "Tỉnh ủy Lào Cai", "houseStyle": "state",
                        "place": "Bắc Hà", "symbol": "KCQ", "contactName": "Lý Văn Sềnh", "contactPhone": "0214 3 999 888", "contactEmail": ""]
            #expect(try await browser.post("/blocs/\(f.blocID)", form).status == .seeOther)
            let saved = try await browser.get("/blocs/\(f.blocID)").body.string
            #expect(saved.contains("Đã lưu thông tin khối.") && saved.contains("Lý Văn Sềnh · 0214 3 999 888"))
            let bloc = try #require(try await Bloc.find(f.blocID, on: app.db))
            #expect(bloc.houseStyle == .state && bloc.place == "Bắc Hà" && bloc.symbol == "KCQ" && bloc.contactEmail == nil)

            form["contactPhone"] = "số máy bàn"
            form["place"] = "Mường Khương"
            _ = try await browser.post("/blocs/\(f.blocID)", form)
            let refused = try await browser.get("/blocs/\(f.blocID)").body.string
            #expect(refused.contains("không phải số điện thoại hợp lệ"))
            #expect(refused.contains(#"value="số máy bàn""#) && refused.contains(#"value="Mường Khương""#))
            #expect(try await Bloc.find(f.blocID, on: app.db)?.place == "Bắc Hà")

            var officer = Browser(app: app)
            _ = try await officer.signIn("officer.a")
            let read = try await officer.get("/blocs/\(f.blocID)").body.string
            #expect(read.contains("Lý Văn Sềnh") && !read.contains(#"data-testid="bloc-edit""#))
            let token = try #require(Browser.csrf(in: read))
            form["csrfToken"] = token
            #expect(try await officer.post("/blocs/\(f.blocID)", form).status == .forbidden)
        }
    }
}
