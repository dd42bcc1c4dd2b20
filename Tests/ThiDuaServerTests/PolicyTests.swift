import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

@Suite("Authorisation policies")
struct PolicyTests {
    static let milestone = #"{"code":"HN","title":"Hội nghị tổng kết","dueAt":"2023-12-19T08:00:00+07:00"}"#

    @Test("only the administrator manages units, blocs, cycles and users")
    func directoryIsAdminOnly() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let unit = #"{"name":"Ban Tuyên giáo Tỉnh ủy","shortName":"BTG"}"#
            let bloc = #"{"name":"Khối mới","issuer":"UBND tỉnh"}"#
            let cycle = #"{"year":2024,"headUnitID":"\#(f.unitA)","deputyUnitID":"\#(f.unitB)","memberUnitIDs":[]}"#
            let user = #"{"username":"moi","password":"hoa-ban-no-trang-rung","displayName":"Mới","role":"reviewer"}"#
            let writes = [("/api/v1/units", unit), ("/api/v1/blocs", bloc), ("/api/v1/blocs/\(f.blocID)/cycles", cycle),
                          ("/api/v1/users", user)]
            for (path, body) in writes {
                #expect(try await send(app, .POST, path, token: nil, json: body).status == .unauthorized, "\(path)")
                for name in ["reviewer", "officer.a"] {
                    let res = try await send(app, .POST, path, token: try await token(app, name), json: body)
                    #expect(res.status == .forbidden, "\(name) \(path)")
                    #expect(res.problem?.title == "Không có quyền")
                }
                #expect(try await send(app, .POST, path, token: try await token(app, "admin"), json: body).status == .created, "\(path)")
            }
            #expect(try await send(app, .GET, "/api/v1/users", token: try await token(app, "officer.a")).status == .forbidden)
        }
    }

    @Test("an officer of unit A may edit unit A's contact, not unit B's, and never the name")
    func officerOwnUnitOnly() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let officer = try await token(app, "officer.a")
            let contact = #"{"contactEmail":"bnc@example.org"}"#
            #expect(try await send(app, .PATCH, "/api/v1/units/\(f.unitA)", token: officer, json: contact).status == .ok)
            #expect(try await send(app, .PATCH, "/api/v1/units/\(f.unitB)", token: officer, json: contact).status == .forbidden)
            #expect(try await send(app, .PATCH, "/api/v1/units/\(f.unitA)", token: officer, json: #"{"name":"Đổi tên"}"#).status == .forbidden)
            let unitB = try await Unit.find(f.unitB, on: app.db)
            #expect(unitB?.contactEmail == nil)
        }
    }

    @Test("the secretariat (head or deputy unit officers) manages its own cycle's milestones only")
    func secretariatOwnCycleOnly() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let head = try await token(app, "officer.a")
            let member = try await token(app, "officer.c")
            #expect(try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/milestones", token: head, json: Self.milestone).status == .created)
            // Unit A is not head or deputy of the other bloc's cycle.
            #expect(try await send(app, .POST, "/api/v1/cycles/\(f.otherCycleID)/milestones", token: head, json: Self.milestone).status == .forbidden)
            // Unit C is only a member here, but deputy in the other cycle.
            #expect(try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/milestones", token: member, json: Self.milestone).status == .forbidden)
            #expect(try await send(app, .POST, "/api/v1/cycles/\(f.otherCycleID)/milestones", token: member, json: Self.milestone).status == .created)
            let list = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/milestones", token: member)
            let id = try list.content.decode([MilestoneDTO].self).first!.id
            let patch = #"{"title":"Sửa trái phép"}"#
            #expect(try await send(app, .PATCH, "/api/v1/milestones/\(id)", token: member, json: patch).status == .forbidden)
            #expect(try await send(app, .DELETE, "/api/v1/milestones/\(id)", token: member).status == .forbidden)
            #expect(try await send(app, .DELETE, "/api/v1/milestones/\(id)", token: try await token(app, "reviewer")).status == .forbidden)
            #expect(try await send(app, .PATCH, "/api/v1/milestones/\(id)", token: head, json: #"{"title":"Hội nghị"}"#).status == .ok)
        }
    }

    @Test("every API route but sign-in and the OpenAPI document refuses anonymous requests")
    func everyRouteNeedsAUser() async throws {
        try await withApp { app in
            let open: Set<String> = ["/api/v1/auth/token", "/api/v1/openapi.yaml"]
            let id = UUID().uuidString
            for route in app.routes.all {
                let path = "/" + route.path.map { component -> String in
                    if case .parameter = component { return id }
                    return component.description
                }.joined(separator: "/")
                guard path.hasPrefix("/api/"), !open.contains(path) else { continue }
                let res = try await send(app, route.method, path, token: nil, json: "{}")
                #expect(res.status == .unauthorized, "\(route.method) \(path) gave \(res.status)")
            }
        }
    }
}
