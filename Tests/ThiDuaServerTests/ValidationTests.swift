import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

@Suite("Bad input gets a clear error")
struct ValidationTests {
    @Test("missing fields, wrong types and malformed JSON name the field, in Vietnamese", arguments: [
        ("/api/v1/units", #"{"name":"Ban Dân vận"}"#, 400, "shortName"),
        ("/api/v1/units", #"{"name":"Ban Dân vận","shortName":42}"#, 400, "shortName"),
        ("/api/v1/units", #"{"name":"  ","shortName":"BDV"}"#, 422, "name"),
        ("/api/v1/units", #"{"name":"Ban Dân vận","shortName":"BDV","contactEmail":"khong-phai-thu"}"#, 422, "contactEmail"),
        ("/api/v1/blocs", #"{"name":"Khối","issuer":"UBND","houseStyle":"hoang-gia"}"#, 400, "houseStyle"),
        ("/api/v1/blocs", #"{"name":"Khối","#, 400, "$"),
        ("/api/v1/users", #"{"username":"x y","password":"12345678","displayName":"A","role":"reviewer"}"#, 422, "username"),
        ("/api/v1/users", #"{"username":"xy","password":"123","displayName":"A","role":"reviewer"}"#, 422, "password"),
        ("/api/v1/users", #"{"username":"xy","password":"hoa-ban-no-trang-rung","displayName":"A","role":"vua"}"#, 400, "role"),
        ("/api/v1/cycles/CYCLE/ballots", #"{"kind":"vua"}"#, 400, "kind"),
        ("/api/v1/cycles/CYCLE/ballots", #"{"kind":"flag","mode":"bo-cau"}"#, 400, "mode"),
        ("/api/v1/users", #"{"username":"xy","password":"hoa-ban-no-trang-rung","displayName":"A","role":"officer"}"#, 422, "unitID"),
    ])
    func badBodies(path: String, body: String, status: Int, field: String) async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let res = try await send(app, .POST, path.replacingOccurrences(of: "CYCLE", with: f.cycleID.uuidString),
                                     token: try await token(app, "admin"), json: body)
            #expect(Int(res.status.code) == status, "\(res.body.string)")
            #expect(res.problem?.field == field)
            // An unknown choice names the choices, in Vietnamese.
            if status == 400, ["role", "kind", "mode", "houseStyle"].contains(field) {
                #expect(res.problem?.detail.contains("chỉ nhận một trong các giá trị") == true, "\(res.body.string)")
            }
            #expect(res.problem.map { !$0.detail.isEmpty && !$0.detail.contains("Swift") } == true)
        }
    }

    @Test("cycle input: wrong year type, unknown units, same head and deputy, duplicate year")
    func cycleInput() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let admin = try await token(app, "admin")
            let path = "/api/v1/blocs/\(f.blocID)/cycles"
            let wrongType = try await send(app, .POST, path, token: admin,
                json: #"{"year":"hai nghìn","headUnitID":"\#(f.unitA)","deputyUnitID":"\#(f.unitB)","memberUnitIDs":[]}"#)
            #expect(wrongType.status == .badRequest && wrongType.problem?.field == "year")
            let unknown = try await send(app, .POST, path, token: admin,
                json: #"{"year":2024,"headUnitID":"\#(f.unitA)","deputyUnitID":"\#(f.unitB)","memberUnitIDs":["\#(UUID())"]}"#)
            #expect(unknown.status == .unprocessableEntity && unknown.problem?.field == "memberUnitIDs")
            let same = try await send(app, .POST, path, token: admin,
                json: #"{"year":2024,"headUnitID":"\#(f.unitA)","deputyUnitID":"\#(f.unitA)","memberUnitIDs":[]}"#)
            #expect(same.status == .unprocessableEntity && same.problem?.field == "deputyUnitID")
            let duplicate = try await send(app, .POST, path, token: admin,
                json: #"{"year":2023,"headUnitID":"\#(f.unitA)","deputyUnitID":"\#(f.unitB)","memberUnitIDs":[]}"#)
            #expect(duplicate.status == .conflict)
            #expect(duplicate.problem?.detail == "Khối đã có năm thi đua 2023.")
            let created = try await send(app, .POST, path, token: admin,
                json: #"{"year":2024,"headUnitID":"\#(f.unitC)","deputyUnitID":"\#(f.unitA)","memberUnitIDs":["\#(f.unitB)","\#(f.unitB)"]}"#)
            #expect(created.status == .created)
            let dto = try created.content.decode(CycleDTO.self)
            #expect(Set(dto.members.map(\.id)) == [f.unitA, f.unitB, f.unitC])
        }
    }

    @Test("unknown and malformed IDs give 404; a duplicate short name or code gives 409")
    func unknownAndDuplicates() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let admin = try await token(app, "admin")
            for path in ["/api/v1/cycles/\(UUID())", "/api/v1/cycles/khong-phai-uuid", "/api/v1/blocs/\(UUID())/cycles",
                         "/api/v1/cycles/\(UUID())/milestones"] {
                let res = try await send(app, .GET, path, token: admin)
                #expect(res.status == .notFound, "\(path)")
                #expect(res.problem?.title == "Không tìm thấy")
            }
            #expect(try await send(app, .PATCH, "/api/v1/milestones/\(UUID())", token: admin, json: "{}").status == .notFound)
            let dupUnit = try await send(app, .POST, "/api/v1/units", token: admin, json: #"{"name":"Khác","shortName":"BNC"}"#)
            #expect(dupUnit.status == .conflict && dupUnit.problem?.field == "shortName")
            let body = #"{"code":"hn","title":"Hội nghị","dueAt":"2023-12-19"}"#
            #expect(try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/milestones", token: admin, json: body).status == .created)
            let dup = try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/milestones", token: admin, json: body)
            #expect(dup.status == .conflict && dup.problem?.field == "code")
            #expect(dup.problem?.detail == "Năm thi đua này đã có mốc mã “HN”.")
        }
    }

    @Test("a rule set document is validated on load, and the error names the field")
    func ruleSetValidation() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            let admin = try await token(app, "admin")
            let url = URL(fileURLWithPath: app.settings.resourcesDirectory + "Resources/RuleSets/example-lao-cai-2023.json")
            let good = try String(contentsOf: url, encoding: .utf8)
            // An unknown value cannot be read as a rule set: 400. A rule set that reads but breaks a rule: 422.
            let bad = good.replacingOccurrences(of: "\"validBallots\"", with: "\"phieuBau\"")
            let res = try await send(app, .POST, "/api/v1/rule-sets", token: admin, json: bad)
            #expect(res.status == .badRequest)
            #expect(res.problem?.field == "voteThreshold.base")
            let negative = good.replacingOccurrences(of: "\"gracePeriodMinutes\": 0", with: "\"gracePeriodMinutes\": -5")
            let refused = try await send(app, .POST, "/api/v1/rule-sets", token: admin, json: negative)
            #expect(refused.status == .unprocessableEntity && refused.problem?.field == "gracePeriodMinutes", "\(refused.body.string)")
            let ok = try await send(app, .POST, "/api/v1/rule-sets", token: admin, json: good)
            #expect(ok.status == .created)
            #expect(try ok.content.get(Bool.self, at: "isExample") == true)
            #expect(try await send(app, .POST, "/api/v1/rule-sets", token: admin, json: good).status == .conflict)
        }
    }
}
