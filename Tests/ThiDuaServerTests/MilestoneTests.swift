import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

@Suite("Milestones through the API")
struct MilestoneTests {
    struct Plan {
        var app: Application
        var token: String
        var cycleID: UUID

        func create(_ json: String) async throws -> TestingHTTPResponse {
            try await send(app, .POST, "/api/v1/cycles/\(cycleID)/milestones", token: token, json: json)
        }

        func list() async throws -> [String: MilestoneDTO] {
            let res = try await send(app, .GET, "/api/v1/cycles/\(cycleID)/milestones", token: token)
            return Dictionary(uniqueKeysWithValues: try res.content.decode([MilestoneDTO].self).map { ($0.code, $0) })
        }
    }

    func withPlan(_ body: (Plan) async throws -> Void) async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let plan = Plan(app: app, token: try await token(app, "officer.a"), cycleID: f.cycleID)
            #expect(try await plan.create(#"{"code":"SCORING","title":"Bảng chấm điểm","dueAt":"2023-12-05"}"#).status == .created)
            #expect(try await plan.create(#"{"code":"CONFERENCE","title":"Hội nghị","dueAt":"2023-12-19T08:00:00+07:00"}"#).status == .created)
            #expect(try await plan.create(#"{"code":"ORIGINALS","title":"Bản chính","relativeTo":"CONFERENCE","offsetDays":3,"dayKind":"calendar"}"#).status == .created)
            #expect(try await plan.create(#"{"code":"PROPOSAL","title":"Tờ trình","relativeTo":"ORIGINALS","offsetDays":2}"#).status == .created)
            try await body(plan)
        }
    }

    @Test("the scenario's deadlines come out: 05/12 end of day, conference +3 → 22/12, +5 → 24/12")
    func scenarioDates() async throws {
        try await withPlan { plan in
            let m = try await plan.list()
            #expect(m["SCORING"]?.dueAt == "2023-12-05T23:59:59+07:00")
            #expect(m["SCORING"]?.dueAtText == "23 giờ 59, thứ Ba, ngày 05 tháng 12 năm 2023")
            #expect(m["CONFERENCE"]?.dueAt == "2023-12-19T08:00:00+07:00")
            #expect(m["ORIGINALS"]?.dueAt == "2023-12-22T23:59:59+07:00")
            #expect(m["PROPOSAL"]?.dueAt == "2023-12-24T23:59:59+07:00")
            // Now is 10/12/2023 09:00: scoring is past, the conference comes next.
            #expect(m["SCORING"]?.status == .overdue)
            #expect(m["CONFERENCE"]?.status == .next)
            #expect(m["PROPOSAL"]?.status == .upcoming)
        }
    }

    @Test("moving the conference moves its dependants; working days skip the week-end")
    func changesPropagate() async throws {
        try await withPlan { plan in
            let conference = try #require(try await plan.list()["CONFERENCE"])
            let moved = try await send(plan.app, .PATCH, "/api/v1/milestones/\(conference.id)", token: plan.token,
                                       json: #"{"dueAt":"2023-12-20T14:00:00+07:00"}"#)
            #expect(moved.status == .ok)
            var m = try await plan.list()
            #expect(m["ORIGINALS"]?.dueAt == "2023-12-23T23:59:59+07:00")
            #expect(m["PROPOSAL"]?.dueAt == "2023-12-25T23:59:59+07:00")
            let originals = try #require(m["ORIGINALS"])
            // 20/12/2023 is a Wednesday: 3 working days later is Monday 25/12.
            #expect(try await send(plan.app, .PATCH, "/api/v1/milestones/\(originals.id)", token: plan.token,
                                   json: #"{"dayKind":"working"}"#).status == .ok)
            m = try await plan.list()
            #expect(m["ORIGINALS"]?.dueAt == "2023-12-25T23:59:59+07:00")
            #expect(m["PROPOSAL"]?.dueAt == "2023-12-27T23:59:59+07:00")
        }
    }

    @Test("a loop is refused with a clear message and nothing changes")
    func cycleRejected() async throws {
        try await withPlan { plan in
            let before = try await plan.list()
            let conference = try #require(before["CONFERENCE"])
            let res = try await send(plan.app, .PATCH, "/api/v1/milestones/\(conference.id)", token: plan.token,
                                     json: #"{"relativeTo":"PROPOSAL","offsetDays":1}"#)
            #expect(res.status == .unprocessableEntity)
            #expect(res.problem?.field == "relativeTo")
            #expect(res.problem?.detail.contains("vòng lặp") == true)
            #expect(res.problem?.detail.contains("CONFERENCE") == true)
            let after = try await plan.list()
            #expect(after.mapValues(\.dueAt) == before.mapValues(\.dueAt))
            #expect(after["CONFERENCE"]?.kind == .instant)
            let selfLoop = try await send(plan.app, .PATCH, "/api/v1/milestones/\(conference.id)", token: plan.token,
                                          json: #"{"relativeTo":"CONFERENCE"}"#)
            #expect(selfLoop.status == .unprocessableEntity)
        }
    }

    @Test("bad due rules are refused: both kinds, neither, a bad date, an unknown base, a bad day kind")
    func badRules() async throws {
        try await withPlan { plan in
            let cases: [(String, String)] = [
                (#"{"code":"X1","title":"A","dueAt":"2023-12-05","relativeTo":"CONFERENCE"}"#, "dueAt"),
                (#"{"code":"X2","title":"A"}"#, "dueAt"),
                (#"{"code":"X3","title":"A","dueAt":"05/12/2023"}"#, "dueAt"),
                (#"{"code":"X4","title":"A","dueAt":"2023-02-30"}"#, "dueAt"),
                (#"{"code":"X5","title":"A","relativeTo":"KHONG-CO"}"#, "relativeTo"),
                (#"{"code":"X6","title":"A","relativeTo":"CONFERENCE","dayKind":"holiday"}"#, "dayKind"),
                (#"{"code":"X7","title":"A","relativeTo":"CONFERENCE","offsetDays":9999}"#, "offsetDays"),
                (#"{"code":"X8","title":"A","relativeTo":"CONFERENCE","offsetDays":"ba"}"#, "offsetDays"),
                (#"{"code":"mã có dấu","title":"A","dueAt":"2023-12-05"}"#, "code"),
            ]
            for (body, field) in cases {
                let res = try await plan.create(body)
                #expect([400, 422].contains(res.status.code), "\(body) → \(res.status)")
                #expect(res.problem?.field == field, "\(body) → \(res.body.string)")
            }
            #expect(try await plan.list().count == 4)
        }
    }

    @Test("a milestone with dependants cannot be deleted; a leaf can")
    func deletion() async throws {
        try await withPlan { plan in
            let m = try await plan.list()
            let refused = try await send(plan.app, .DELETE, "/api/v1/milestones/\(m["CONFERENCE"]!.id)", token: plan.token)
            #expect(refused.status == .conflict)
            #expect(refused.problem?.detail.contains("ORIGINALS") == true)
            #expect(try await send(plan.app, .DELETE, "/api/v1/milestones/\(m["PROPOSAL"]!.id)", token: plan.token).status == .noContent)
            #expect(try await plan.list().keys.sorted() == ["CONFERENCE", "ORIGINALS", "SCORING"])
        }
    }

    @Test("the cycle shows members, head, deputy and rule set")
    func cycleDetail() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let res = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)", token: try await token(app, "officer.c"))
            #expect(res.status == .ok)
            let cycle = try res.content.decode(CycleDTO.self)
            #expect(cycle.year == 2023)
            #expect(cycle.headUnit.name == "Ban Nội chính Tỉnh ủy")
            #expect(cycle.deputyUnit.name == "Báo Lào Cai")
            #expect(cycle.members.map(\.shortName) == ["BNC", "BLC", "VPTU"])
        }
    }
}

@Suite("Cycle set-up changes")
struct CycleUpdateTests {
    @Test("the administrator changes head, deputy and members; others are refused; bad input is named")
    func update() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let admin = try await token(app, "admin")
            let path = "/api/v1/cycles/\(f.cycleID)"
            let change = #"{"headUnitID":"\#(f.unitC)","deputyUnitID":"\#(f.unitA)","memberUnitIDs":["\#(f.unitD)"]}"#
            #expect(try await send(app, .PATCH, path, token: try await token(app, "officer.a"), json: change).status == .forbidden)
            let same = try await send(app, .PATCH, path, token: admin, json: #"{"deputyUnitID":"\#(f.unitA)"}"#)
            #expect(same.status == .unprocessableEntity && same.problem?.field == "deputyUnitID")
            let res = try await send(app, .PATCH, path, token: admin, json: change)
            #expect(res.status == .ok)
            let cycle = try res.content.decode(CycleDTO.self)
            #expect(cycle.headUnit.id == f.unitC && cycle.deputyUnit.id == f.unitA)
            #expect(Set(cycle.members.map(\.id)) == [f.unitA, f.unitC, f.unitD])
            // Unit C's officer is now the secretariat; unit A's officer still is, as deputy.
            let body = #"{"code":"HN","title":"Hội nghị","dueAt":"2023-12-19"}"#
            #expect(try await send(app, .POST, "\(path)/milestones", token: try await token(app, "officer.c"), json: body).status == .created)
            let entry = try await AuditEntry.query(on: app.db).filter(\.$entity == "cycle").first()
            #expect(entry?.before?.contains("Báo Lào Cai") == true)
        }
    }
}
