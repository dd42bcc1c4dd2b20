import Fluent
import Foundation
import SQLKit
import Testing
import ThiDuaCore
import VaporTesting
@testable import ThiDuaServer

/// The board's own records belong to its province (issue 17, M026): on a server that holds several provinces each
/// has its own council, calibrations of its blanks and number register, and sees no other's.
@Suite("Each province's council, blanks and register")
struct ProvinceRecordsTests {
    /// Reviewers of Lào Cai (typed without marks) and of Yên Bái; the fixture's bloc is in Lào Cai.
    static func reviewers(_ app: Application) async throws -> (laoCai: String, yenBai: String) {
        let s = try await ScoringFixture.make(app)
        for b in try await Bloc.query(on: app.db).all() { b.place = b.id == s.f.blocID ? "Lào Cai" : "Yên Bái"; try await b.save(on: app.db) }
        let admin = try await token(app, "admin")
        for (name, province) in [("lci", "lao cai"), ("ytb", "Yên Bái")] {
            let res = try await send(app, .POST, "/api/v1/users", token: admin, json: """
                {"username":"\(name)","password":"\(name)-ban-thi-dua-khen-thuong","displayName":"Chuyên viên","role":"reviewer","province":"\(province)"}
                """)
            #expect(res.status == .created, "\(res.body.string)")
        }
        return (try await token(app, "lci", password: "lci-ban-thi-dua-khen-thuong"), try await token(app, "ytb", password: "ytb-ban-thi-dua-khen-thuong"))
    }

    @Test("a province's council, its sessions and its members are its own; another province's board is refused them")
    func councilPerProvince() async throws {
        try await withApp { app in
            let (laoCai, yenBai) = try await Self.reviewers(app)
            let hash = try Bcrypt.hash(Fixture.password, cost: 4)
            try await User(username: "hd.laocai", passwordHash: hash, displayName: "Ủy viên", role: .council, unitID: nil).create(on: app.db)
            func addMember(_ token: String, _ name: String, account: String = "") async throws -> UUID {
                let res = try await send(app, .POST, "/api/v1/council/members", token: token,
                                         json: #"{"fullName":"\#(name)","position":"Ủy viên","isChair":false,"username":"\#(account)"}"#)
                #expect(res.status == .created, "\(res.body.string)")
                return try res.content.get(UUID.self, at: "id")
            }
            let laoCaiMember = try await addMember(laoCai, "Nguyễn Văn Lào", account: "hd.laocai")
            let yenBaiMember = try await addMember(yenBai, "Trần Thị Yên")
            func members(_ token: String) async throws -> [String] {
                try await send(app, .GET, "/api/v1/council/members", token: token).content.decode([CouncilMemberDTO].self).map(\.fullName)
            }
            #expect(try await members(laoCai) == ["Nguyễn Văn Lào"])
            #expect(try await members(yenBai) == ["Trần Thị Yên"])
            #expect(try await members(try await token(app, "reviewer")).isEmpty, "a reviewer without a province has the server's own council")

            let created = try await send(app, .POST, "/api/v1/council/sessions", token: laoCai, json: """
                {"year":2023,"title":"Phiên họp tỉnh Lào Cai","startsAt":"2024-01-10T08:00:00+07:00","venue":"Phòng họp số 1","agenda":["Xét tặng Cờ thi đua"]}
                """)
            #expect(created.status == .created, "\(created.body.string)")
            let session = try created.content.get(UUID.self, at: "id")
            let shown = try created.content.decode(CouncilSessionDTO.self)
            #expect(shown.members.map(\.fullName) == ["Nguyễn Văn Lào"], "the session lists its own province's members")

            // Yên Bái's board sees no Lào Cai session and may not read, attend or open one.
            #expect(try await send(app, .GET, "/api/v1/council/sessions", token: yenBai).content.decode([CouncilSessionDTO].self).isEmpty)
            let read = try await send(app, .GET, "/api/v1/council/sessions/\(session)", token: yenBai)
            #expect(read.status == .forbidden && (read.problem?.detail ?? "").contains("tỉnh khác"))
            #expect(try await send(app, .POST, "/api/v1/council/sessions/\(session)/attendance", token: yenBai,
                                   json: #"{"memberID":"\#(yenBaiMember)","present":true}"#).status == .forbidden)
            #expect(try await send(app, .POST, "/api/v1/council/sessions/\(session)/ballots", token: yenBai,
                                   json: #"{"award":"provincialFlag"}"#).status == .forbidden)
            // Nor may Lào Cai's board seat Yên Bái's member at its session.
            let foreign = try await send(app, .POST, "/api/v1/council/sessions/\(session)/attendance", token: laoCai,
                                         json: #"{"memberID":"\#(yenBaiMember)","present":true}"#)
            #expect(foreign.status == .unprocessableEntity)
            #expect(try await send(app, .POST, "/api/v1/council/sessions/\(session)/attendance", token: laoCai,
                                   json: #"{"memberID":"\#(laoCaiMember)","present":true}"#).status == .ok)

            // The Lào Cai member reads their province's session; a web page of it refuses Yên Bái's board.
            let member = try await token(app, "hd.laocai")
            #expect(try await send(app, .GET, "/api/v1/council/sessions", token: member).content.decode([CouncilSessionDTO].self).map(\.id) == [session])
            var browser = Browser(app: app)
            _ = try await browser.signIn("ytb", password: "ytb-ban-thi-dua-khen-thuong")
            #expect(try await browser.get("/board/council/sessions/\(session)").status == .forbidden)
            #expect(try await browser.get("/board/council").body.string.contains("Phiên họp tỉnh Lào Cai") == false)
        }
    }

    @Test("a blank calibrated for one province prints as saved there and leaves another's as it was")
    func calibrationPerProvince() async throws {
        try await withApp { app in
            let (laoCai, yenBai) = try await Self.reviewers(app)
            var layout = CertificateLayout.standard(.merit)
            layout.offsetX = 4.5
            let json = String(decoding: try JSONEncoder().encode(layout), as: UTF8.self)
            #expect(try await send(app, .PUT, "/api/v1/certificates/layouts/merit", token: laoCai, json: json).status == .ok)
            func merit(_ token: String) async throws -> CertificateLayoutDTO {
                try #require(try await send(app, .GET, "/api/v1/certificates/layouts", token: token).content.decode([CertificateLayoutDTO].self)
                    .first { $0.layout.blank == .merit })
            }
            let (saved, untouched) = (try await merit(laoCai), try await merit(yenBai))
            #expect(saved.saved && saved.layout.offsetX == 4.5)
            #expect(!untouched.saved && untouched.layout == .standard(.merit))
            // Yên Bái calibrates its own printer: both are kept, one row each.
            layout.offsetX = -2
            #expect(try await send(app, .PUT, "/api/v1/certificates/layouts/merit", token: yenBai,
                                   json: String(decoding: try JSONEncoder().encode(layout), as: UTF8.self)).status == .ok)
            let (laoCaiAfter, yenBaiAfter) = (try await merit(laoCai), try await merit(yenBai))
            #expect(laoCaiAfter.layout.offsetX == 4.5 && yenBaiAfter.layout.offsetX == -2)
            #expect(try await CertificateLayoutRecord.query(on: app.db).count() == 2)
        }
    }

    @Test("each province numbers its own documents from 1; a kind keeps its number")
    func registerPerProvince() async throws {
        try await withApp { app in
            var issued: [Int] = []
            for (kind, province) in [("decision:provincialFlag:2023", "lao cai"), ("decision:provincialFlag:2023", "yen bai"),
                                     ("decision:emulationSoldier:2023", "lao cai"), ("decision:provincialFlag:2023", "lao cai"),
                                     ("decision:emulationSoldier:2023", "yen bai")] {
                issued.append(try await ProvinceRegister.number(for: kind, year: 2024, province: province, on: app.db))
            }
            // Another province's register starts at 1; a kind asked for again keeps its number.
            #expect(issued == [1, 1, 2, 1, 2])
        }
    }

    @Test("the migration keeps every calibration and number from before as the server's own province's")
    func migrationKeepsRows() async throws {
        try await withApp { app in
            let migration = M026_KeepBoardRecordsPerProvince()
            let (layoutID, numberID) = (UUID(), UUID())
            // On one connection, as the migrator runs it: on in-memory SQLite another pooled connection may still hold
            // the schema from before the revert, and SQLite checks "duplicate column" against that copy.
            try await app.db.transaction { db in
                try await migration.revert(on: db)
                let sql = try #require(db as? SQLDatabase)
                try await sql.insert(into: "certificate_layouts").columns("id", "blank", "document", "updated_at", "updated_by")
                    .values(SQLBind(layoutID), SQLBind("merit"), SQLBind("{}"), SQLBind(testNow), SQLBind("Chuyên viên")).run()
                try await sql.insert(into: "province_numbers").columns("id", "year", "seq", "kind")
                    .values(SQLBind(numberID), SQLBind(2024), SQLBind(7), SQLBind("decision:provincialFlag:2023")).run()
                try await migration.prepare(on: db)
            }
            let layout = try #require(try await CertificateLayoutRecord.find(layoutID, on: app.db))
            #expect(layout.province == "" && layout.blank == "merit" && layout.updatedBy == "Chuyên viên")
            #expect(try await ProvinceRegister.number(for: "decision:provincialFlag:2023", year: 2024, province: "", on: app.db) == 7)
            #expect(try await ProvinceRegister.number(for: "decision:x:2023", year: 2024, province: "", on: app.db) == 8)
            // The remade tables still move the revision that kept answers are checked against.
            let before = try await DataRevision.current(on: app.db)
            let n = ProvinceNumber()
            (n.province, n.year, n.seq, n.kind) = ("lao cai", 2024, 1, "y")
            try await n.create(on: app.db)
            #expect(try await DataRevision.current(on: app.db) != before)
        }
    }

    @Test("a row of an archive made before a column was added is restored with that column's value")
    func olderArchiveRow() throws {
        let row = Data(#"{"id":"6B1C1F5E-2D1A-4C55-9A55-6E1B1D0F2A11","blank":"merit","document":"{}","updated_at":0,"updated_by":"A"}"#.utf8)
        let completed = try JSONSerialization.jsonObject(with: BackupTable.completed(row, with: ["province": ""])) as? [String: Any]
        #expect(completed?["province"] as? String == "" && completed?["blank"] as? String == "merit")
        let kept = try JSONSerialization.jsonObject(with: BackupTable.completed(Data(#"{"province":"lao cai"}"#.utf8), with: ["province": ""]))
        #expect((kept as? [String: Any])?["province"] as? String == "lao cai", "a value the row has is kept")
    }
}
