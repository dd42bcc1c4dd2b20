import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// A bloc of `units` units through the API: requirements with a file from every unit, scores sent by every unit,
/// a conference with everyone present, and a closed flag ballot with everyone's vote.
struct ScaleFixture {
    var app: Application
    var cycleID: UUID
    var blocID: UUID
    var units: [UUID]
    var admin: String
    var head: String
    var ballotID: UUID

    static func make(_ app: Application, units count: Int, requirements: Int) async throws -> ScaleFixture {
        app.settings.tokenLifetime = 60 * 24 * 3600
        // The handlers' own queries are what is counted: no answer from memory.
        app.settings.responseCacheBytes = 0
        let s = try await ScoringFixture.make(app)
        // Unit D is not a member of the fixture's cycle.
        var units = [s.f.unitA, s.f.unitB, s.f.unitC]
        let hash = try Bcrypt.hash(Fixture.password, cost: 4)
        for i in units.count..<count {
            let unit = Unit(name: "Đơn vị thứ \(i)", shortName: "U\(i)")
            try await unit.create(on: app.db)
            units.append(try unit.requireID())
            try await User(username: "u\(i)", passwordHash: hash, displayName: "Cán bộ \(i)", role: .officer, unitID: unit.requireID()).create(on: app.db)
        }
        for unit in units.dropFirst(3) { try await Membership(cycleID: s.f.cycleID, unitID: unit).create(on: app.db) }
        let cycle = "/api/v1/cycles/\(s.f.cycleID)"
        #expect(try await send(app, .POST, "\(cycle)/milestones", token: s.head,
                               json: #"{"code":"BC","title":"Nộp báo cáo","dueAt":"2023-12-20"}"#).status == .created)
        var reqIDs: [UUID] = []
        for r in 0..<requirements {
            let res = try await send(app, .POST, "\(cycle)/requirements", token: s.head,
                                     json: #"{"code":"R\#(r)","title":"Hồ sơ \#(r)","milestone":"BC","acceptedKinds":["pdf"]}"#)
            reqIDs.append(try res.content.get(UUID.self, at: "id"))
        }
        let scores = #"{"scores":[{"code":"I.1","points":9.5},{"code":"I.2","points":20},{"code":"II.1","points":60}]}"#
        let conference = #"{"startsAt":"2023-12-19T08:00:00+07:00","venue":"Hội trường","form":"inPerson"}"#
        #expect(try await send(app, .PUT, "\(cycle)/conference", token: s.head, json: conference).status == .ok)
        for (i, unit) in units.enumerated() {
            for requirement in reqIDs {
                let sent = try await upload(app, requirement: requirement, token: s.head, fileName: "hs-\(i).pdf",
                                            data: Sample.pdf(pages: 1), unitID: unit)
                #expect(sent.status == .created, "\(sent.body.string)")
            }
            #expect(try await send(app, .PUT, "\(cycle)/units/\(unit)/self-assessment", token: s.head, json: scores).status == .ok)
            _ = try await send(app, .POST, "\(cycle)/conference/attendance", token: s.head,
                               json: #"{"unitID":"\#(unit)","present":true,"representative":"Đại diện"}"#)
        }
        #expect(try await send(app, .POST, "\(cycle)/scores/lock", token: s.head).status == .ok)
        let ballot = try await send(app, .POST, "\(cycle)/ballots", token: s.head,
                                    json: #"{"kind":"flag","candidateUnitIDs":["\#(units[1])","\#(units[2])"],"maxChoices":1,"quota":1}"#)
        let ballotID = try ballot.content.get(UUID.self, at: "id")
        #expect(try await TrusteeDesk.open(app, ballotID, token: s.head) == .ok)
        #expect(try await TrusteeDesk.close(app, ballotID, token: s.head) == .ok)
        return ScaleFixture(app: app, cycleID: s.f.cycleID, blocID: s.f.blocID, units: units, admin: s.admin, head: s.head, ballotID: ballotID)
    }
}

/// Work per request must not grow with the bloc: the same page or read at two sizes runs the same number of queries.
@Suite("Queries per request")
struct QueryCountTests {
    static func counts(units: Int, requirements: Int) async throws -> [String: Int] {
        var result: [String: Int] = [:]
        try await withApp { app in
            let f = try await ScaleFixture.make(app, units: units, requirements: requirements)
            QueryCounter.prepare(app)
            var browser = Browser(app: app)
            _ = try await browser.signIn("officer.a")
            // The session's first page makes its CSRF token, which writes the session once: not a page's own work.
            _ = try await browser.get("/")
            let cycle = "/api/v1/cycles/\(f.cycleID)"
            let api = ["milestones": "\(cycle)/milestones", "submission-status": "\(cycle)/submission-status",
                       "ranking": "\(cycle)/ranking", "requirements": "\(cycle)/requirements", "cycle": cycle,
                       "ballot result": "/api/v1/ballots/\(f.ballotID)/result", "conference": "\(cycle)/conference"]
            for (name, path) in api {
                let (n, status) = try await QueryCounter.queries(app, path, token: f.head)
                #expect(status == .ok, "\(name): \(status)")
                result[name] = n
            }
            let web = ["home": "/", "cycle page": "/cycles/\(f.cycleID)", "dashboard": "/cycles/\(f.cycleID)/dashboard",
                       "checklist": "/cycles/\(f.cycleID)/checklist", "scoring page": "/cycles/\(f.cycleID)/scoring",
                       "ranking page": "/cycles/\(f.cycleID)/ranking", "conference page": "/cycles/\(f.cycleID)/conference"]
            for (name, path) in web {
                let (n, status) = try await QueryCounter.queries(app, path, token: nil, cookie: browser.cookie)
                #expect(status == .ok, "\(name): \(status)")
                result[name] = n
            }
        }
        return result
    }

    @Test("each page and API read runs as many queries for 12 units and 3 requirements as for 5 units and 1")
    func boundedWork() async throws {
        let small = try await Self.counts(units: 5, requirements: 1)
        let large = try await Self.counts(units: 12, requirements: 3)
        for name in small.keys.sorted() {
            #expect(small[name] == large[name], "\(name): \(small[name] ?? -1) queries for the small bloc, \(large[name] ?? -1) for the large")
        }
        print("queries per request (small → large):", small.keys.sorted().map { "\($0) \(small[$0]!)→\(large[$0]!)" }.joined(separator: ", "))
    }

    @Test("one check-in answers with its own row and the counts, not the whole list, in as many queries at 12 units as at 5")
    func checkInIsOneRow() async throws {
        var counts: [Int] = []
        for size in [5, 12] {
            try await withApp { app in
                let f = try await ScaleFixture.make(app, units: size, requirements: 1)
                QueryCounter.prepare(app)
                let unit = f.units[size - 1]
                let (n, res) = try await QueryCounter.run(app, "/api/v1/cycles/\(f.cycleID)/conference/attendance", method: .POST,
                                                          token: f.head, json: #"{"unitID":"\#(unit)","present":false}"#)
                #expect(res.status == .ok)
                let dto = try res.content.decode(AttendanceDTO.self)
                #expect(dto.units.map(\.unitID) == [unit] && dto.units.first?.present == false)
                #expect(dto.members == size && dto.present == size - 1 && dto.quorum)
                counts.append(n)
            }
        }
        #expect(counts[0] == counts[1], "check-in queries: \(counts)")
    }
}
