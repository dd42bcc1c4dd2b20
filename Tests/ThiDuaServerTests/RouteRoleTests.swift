import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// Every API route asked by every kind of user: the answer must be what `Policy` says, for all of them.
/// A new route fails here until it is listed with the users it lets in, so no route ships unclassified.
@Suite("Every API route × every role")
struct RouteRoleTests {
    /// Who asks: the administrator, a provincial reviewer, the head unit's officer (the secretariat), an officer of
    /// member unit C (the unit the unit-scoped routes name), and an officer of unit D, outside the cycle.
    enum Who: String, CaseIterable { case admin, reviewer, head, member, outsider }

    static let everyone: Set<Who> = Set(Who.allCases)
    static let secretariat: Set<Who> = [.admin, .head]
    static let cycleReaders: Set<Who> = [.admin, .reviewer, .head]
    static let unitC: Set<Who> = [.admin, .head, .member]               // submit for unit C
    static let unitCReaders: Set<Who> = [.admin, .reviewer, .head, .member]
    static let adminOnly: Set<Who> = [.admin]

    /// Route → the users it lets through (any answer but 401/403). Everyone else gets 403.
    static let expected: [String: Set<Who>] = [
        "GET /api/v1/units": everyone, "POST /api/v1/units": adminOnly,
        "PATCH /api/v1/units/:unitID": [.admin, .member],
        "GET /api/v1/blocs": everyone, "POST /api/v1/blocs": adminOnly, "PATCH /api/v1/blocs/:blocID": adminOnly,
        "GET /api/v1/blocs/:blocID/cycles": everyone, "POST /api/v1/blocs/:blocID/cycles": adminOnly,
        "GET /api/v1/cycles/:cycleID": everyone, "PATCH /api/v1/cycles/:cycleID": adminOnly,
        "GET /api/v1/cycles/:cycleID/milestones": everyone, "POST /api/v1/cycles/:cycleID/milestones": secretariat,
        "PATCH /api/v1/milestones/:milestoneID": secretariat, "DELETE /api/v1/milestones/:milestoneID": secretariat,
        "GET /api/v1/users": adminOnly, "POST /api/v1/users": adminOnly,
        "GET /api/v1/cycles/:cycleID/requirements": everyone, "POST /api/v1/cycles/:cycleID/requirements": secretariat,
        "PATCH /api/v1/requirements/:requirementID": secretariat, "DELETE /api/v1/requirements/:requirementID": secretariat,
        // Any officer may start sending: the unit is known only from the upload, then `.sendTo` decides.
        "POST /api/v1/requirements/:requirementID/submissions": [.admin, .head, .member, .outsider],
        "POST /api/v1/requirements/:requirementID/extensions": secretariat,
        "POST /api/v1/requirements/:requirementID/originals": secretariat,
        "GET /api/v1/submissions/:submissionID": everyone, "GET /api/v1/submissions/:submissionID/file": everyone,
        "POST /api/v1/submissions/:submissionID/review": everyone,
        "GET /api/v1/cycles/:cycleID/submission-status": cycleReaders,
        "GET /api/v1/cycles/:cycleID/submission-status.csv": cycleReaders,
        "GET /api/v1/cycles/:cycleID/submission-status.xlsx": cycleReaders,
        "GET /api/v1/cycles/:cycleID/bundle.zip": cycleReaders,
        "GET /api/v1/cycles/:cycleID/export.zip": cycleReaders,
        "GET /api/v1/awards.xlsx": [.admin, .reviewer],
        "GET /api/v1/overview": [.admin, .reviewer], "GET /api/v1/overview.xlsx": [.admin, .reviewer],
        "GET /api/v1/statistics/:year": [.admin, .reviewer], "GET /api/v1/proposals": [.admin, .reviewer],
        "GET /api/v1/certificates": [.admin, .reviewer], "GET /api/v1/certificates/print.pdf": [.admin, .reviewer],
        "GET /api/v1/certificates/layouts": [.admin, .reviewer], "PUT /api/v1/certificates/layouts/:blank": [.admin, .reviewer],
        "GET /api/v1/certificates/layouts/:blank/test.pdf": [.admin, .reviewer],
        "GET /api/v1/awards/:awardID/certificate.pdf": [.admin, .reviewer],
        "GET /api/v1/history": [.admin, .reviewer], "POST /api/v1/history/import": [.admin, .reviewer], "GET /api/v1/council/members": [.admin, .reviewer], "POST /api/v1/council/members": [.admin, .reviewer],
        "GET /api/v1/council/sessions": [.admin, .reviewer], "POST /api/v1/council/sessions": [.admin, .reviewer],
        "GET /api/v1/council/sessions/:sessionID": [.admin, .reviewer],
        "POST /api/v1/council/sessions/:sessionID/attendance": [.admin, .reviewer],
        "POST /api/v1/council/sessions/:sessionID/ballots": [.admin, .reviewer],
        "POST /api/v1/council/ballots/:ballotID/votes": [], "POST /api/v1/council/ballots/:ballotID/close": [.admin, .reviewer],
        "GET /api/v1/council/ballots/:ballotID/minutes.docx": [.admin, .reviewer],
        "GET /api/v1/people/:personID/data": adminOnly, "PATCH /api/v1/people/:personID": adminOnly,
        "GET /api/v1/cycles/:cycleID/conference": everyone, "PUT /api/v1/cycles/:cycleID/conference": secretariat,
        "GET /api/v1/cycles/:cycleID/conference/attendance": everyone,
        "POST /api/v1/cycles/:cycleID/conference/attendance": secretariat,
        "GET /api/v1/cycles/:cycleID/ballots": everyone, "POST /api/v1/cycles/:cycleID/ballots": secretariat,
        "GET /api/v1/ballots/:ballotID": everyone,
        "POST /api/v1/ballots/:ballotID/candidates": secretariat, "POST /api/v1/ballots/:ballotID/open": secretariat,
        "POST /api/v1/ballots/:ballotID/close": secretariat, "POST /api/v1/ballots/:ballotID/paper-count": secretariat,
        "POST /api/v1/ballots/:ballotID/runoff": secretariat,
        // Nobody is checked in present, so nobody may vote; the reasons differ (not a voter, not present).
        "POST /api/v1/ballots/:ballotID/votes": [],
        "GET /api/v1/ballots/:ballotID/result": everyone,
        // Seat 2 is the head unit's (seat 1 the board's observer, 3 the member drawn by lot): only its officers
        // act for it. The administrator is no trustee.
        "GET /api/v1/ballots/:ballotID/trustees": everyone, "POST /api/v1/ballots/:ballotID/trustees/reset": secretariat,
        "POST /api/v1/ballots/:ballotID/trustees/:number/key": [.head],
        "POST /api/v1/ballots/:ballotID/trustees/:number/shares": [.head],
        "POST /api/v1/ballots/:ballotID/trustees/:number/decryption": [.head],
        "GET /api/v1/cycles/:cycleID/scoring-table": everyone, "PUT /api/v1/cycles/:cycleID/scoring-table": secretariat,
        "POST /api/v1/cycles/:cycleID/scoring-table/import": secretariat,
        "GET /api/v1/cycles/:cycleID/scoring-table.xlsx": everyone,
        "POST /api/v1/cycles/:cycleID/scoring-table/copy-previous": secretariat,
        "GET /api/v1/cycles/:cycleID/units/:unitID/self-assessment": unitCReaders,
        "PUT /api/v1/cycles/:cycleID/units/:unitID/self-assessment": unitC,
        "POST /api/v1/cycles/:cycleID/units/:unitID/self-assessment/submit": unitC,
        "POST /api/v1/cycles/:cycleID/units/:unitID/self-assessment/import": unitC,
        "GET /api/v1/cycles/:cycleID/units/:unitID/self-assessment.xlsx": unitCReaders,
        "GET /api/v1/cycles/:cycleID/units/:unitID/self-assessment.csv": unitCReaders,
        "POST /api/v1/cycles/:cycleID/units/:unitID/self-assessment/evidence": unitC,
        "GET /api/v1/cycles/:cycleID/units/:unitID/agreed-scores": unitCReaders,
        // The head unit's officers agree unit C's scores; nobody agrees their own.
        "PUT /api/v1/cycles/:cycleID/units/:unitID/agreed-scores": secretariat,
        "GET /api/v1/evidence/:evidenceID/file": everyone,
        "POST /api/v1/cycles/:cycleID/scores/lock": secretariat, "POST /api/v1/cycles/:cycleID/scores/unlock": adminOnly,
        "POST /api/v1/cycles/:cycleID/scores/publish": secretariat,
        "GET /api/v1/cycles/:cycleID/ranking": cycleReaders, "GET /api/v1/cycles/:cycleID/ranking.xlsx": cycleReaders,
        "GET /api/v1/cycles/:cycleID/documents": cycleReaders, "GET /api/v1/cycles/:cycleID/documents/:file": cycleReaders,
        "GET /api/v1/ballots/:ballotID/:file": everyone,
        "GET /api/v1/cycles/:cycleID/document-records": cycleReaders, "GET /api/v1/documents/:documentID": everyone,
        "GET /api/v1/cycles/:cycleID/plan-data": cycleReaders, "PUT /api/v1/cycles/:cycleID/plan-data": secretariat,
        "GET /api/v1/templates/:kind": adminOnly, "PUT /api/v1/templates/:kind": adminOnly,
        // A bloc's nominees and proposals are its own units', the board's and the administrator's to read.
        "GET /api/v1/cycles/:cycleID/nominees": unitCReaders, "POST /api/v1/cycles/:cycleID/nominees": unitC,
        "GET /api/v1/cycles/:cycleID/proposals": unitCReaders, "POST /api/v1/cycles/:cycleID/proposals": secretariat,
        "POST /api/v1/proposals/:proposalID/send": secretariat,
        "GET /api/v1/board/proposals": [.admin, .reviewer], "GET /api/v1/board/decision-draft/:year": [.admin, .reviewer],
        "POST /api/v1/proposals/:proposalID/accept": [.admin, .reviewer],
        "POST /api/v1/proposals/:proposalID/return": [.admin, .reviewer],
        "POST /api/v1/proposals/:proposalID/decisions": cycleReaders,
        "POST /api/v1/proposals/:proposalID/documents": secretariat,
        "DELETE /api/v1/nominees/:nomineeID": unitC,
        "POST /api/v1/decisions/:decisionID/scan": everyone, "GET /api/v1/decisions/:decisionID/scan": everyone,
        "GET /api/v1/units/:unitID/awards": everyone, "GET /api/v1/people": everyone,
        "GET /api/v1/people/:personID/awards": everyone,
        "GET /api/v1/notifications": everyone, "POST /api/v1/notifications/:notificationID/read": everyone,
        "GET /api/v1/outbox": adminOnly, "POST /api/v1/outbox/:messageID/retry": adminOnly,
        "POST /api/v1/outbox/test": adminOnly,
        "GET /api/v1/rule-sets": everyone, "POST /api/v1/rule-sets": adminOnly,
    ]

    /// A valid body for each write that reads one, so that a refusal cannot hide behind a 400 for a bad body: the
    /// answer a user gets is the policy's, whatever they send. `{}` for the others.
    static func bodies(_ f: Fixture, nominee: String) -> [String: String] {
        let (a, b, c) = (f.unitA, f.unitB, f.unitC)
        return [
            "POST /api/v1/units": #"{"name":"Ban Dân vận Tỉnh ủy","shortName":"BDV"}"#,
            "PATCH /api/v1/units/:unitID": #"{"contactEmail":"vptu@tinh.gov.vn"}"#,
            "POST /api/v1/blocs": #"{"name":"Khối mới","issuer":"UBND tỉnh"}"#,
            "PATCH /api/v1/blocs/:blocID": #"{"contactPhone":"0214 3871 234"}"#,
            "POST /api/v1/blocs/:blocID/cycles": #"{"year":2024,"headUnitID":"\#(a)","deputyUnitID":"\#(b)","memberUnitIDs":[]}"#,
            "POST /api/v1/users": #"{"username":"moi","password":"hoa-ban-no-trang-rung","displayName":"Mới","role":"reviewer"}"#,
            "POST /api/v1/requirements/:requirementID/extensions": #"{"unitID":"\#(c)","dueAt":"2023-12-20"}"#,
            "POST /api/v1/requirements/:requirementID/originals": #"{"unitID":"\#(c)","count":1}"#,
            "PUT /api/v1/cycles/:cycleID/conference": #"{"startsAt":"2023-12-19T08:00:00+07:00","venue":"Hội trường","form":"inPerson"}"#,
            "POST /api/v1/cycles/:cycleID/conference/attendance": #"{"unitID":"\#(c)","present":false}"#,
            "POST /api/v1/cycles/:cycleID/ballots": #"{"kind":"head","candidateUnitIDs":["\#(a)","\#(c)"],"maxChoices":1,"quota":1}"#,
            "POST /api/v1/ballots/:ballotID/candidates": #"{"add":["\#(b)"],"reason":"Bổ sung"}"#,
            "POST /api/v1/ballots/:ballotID/votes": #"{"choices":["\#(a)"]}"#,
            "POST /api/v1/ballots/:ballotID/paper-count": #"{"issued":3,"cast":3,"invalid":0,"counts":[{"unitID":"\#(a)","votes":2}]}"#,
            "PUT /api/v1/cycles/:cycleID/scoring-table": ScoringFixture.table,
            "PUT /api/v1/cycles/:cycleID/units/:unitID/self-assessment": #"{"scores":[]}"#,
            "PUT /api/v1/cycles/:cycleID/units/:unitID/agreed-scores": #"{"scores":[]}"#,
            "POST /api/v1/cycles/:cycleID/scores/unlock": #"{"reason":"Sửa điểm đã thống nhất"}"#,
            "POST /api/v1/cycles/:cycleID/nominees": #"{"kind":"individual","unitID":"\#(c)","award":"baseEmulationSoldier","personName":"Lê Văn An"}"#,
            "POST /api/v1/cycles/:cycleID/proposals": #"{"title":"Đề nghị","nomineeIDs":["\#(nominee)"]}"#,
            "POST /api/v1/proposals/:proposalID/decisions": #"{"number":"1/QĐ-UBND","date":"2024-01-20","issuer":"UBND tỉnh","items":[]}"#,
            "POST /api/v1/outbox/test": #"{"to":"thu@tinh.gov.vn"}"#,
            "POST /api/v1/proposals/:proposalID/return": #"{"reason":"Thiếu báo cáo thành tích"}"#,
            "POST /api/v1/ballots/:ballotID/trustees/reset": #"{"reason":"Làm lại"}"#,
        ]
    }

    @Test("each route lets in exactly the users the policy names, and never answers 500")
    func walk() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            let f = s.f
            let hash = try Bcrypt.hash(Fixture.password, cost: 4)
            try await User(username: "officer.d", passwordHash: hash, displayName: "D", role: .officer, unitID: f.unitD).create(on: app.db)
            let tokens: [Who: String] = [.admin: s.admin, .reviewer: try await token(app, "reviewer"), .head: s.head,
                                         .member: s.member, .outsider: try await token(app, "officer.d")]
            func created(_ path: String, by who: Who, _ json: String) async throws -> String {
                let res = try await send(app, .POST, path, token: tokens[who], json: json)
                #expect(res.status == .created, "\(path): \(res.body.string)")
                return try JSONDecoder().decode([String: AnyID].self, from: Data(res.body.readableBytesView))["id"]?.value ?? ""
            }
            let cycle = "/api/v1/cycles/\(f.cycleID)"
            let nominee = try await created("\(cycle)/nominees", by: .member,
                #"{"kind":"collective","unitID":"\#(f.unitC)","award":"excellentCollective","label":"Phòng Tổng hợp"}"#)
            let ids: [String: String] = [
                "unitID": f.unitC.uuidString, "blocID": f.blocID.uuidString, "cycleID": f.cycleID.uuidString,
                "milestoneID": try await created("\(cycle)/milestones", by: .head, PolicyTests.milestone),
                "requirementID": try await created("\(cycle)/requirements", by: .admin,
                    #"{"code":"BC","title":"Báo cáo","milestone":"HN","acceptedKinds":["pdf"]}"#),
                "ballotID": try await created("\(cycle)/ballots", by: .head,
                    #"{"kind":"flag","candidateUnitIDs":["\#(f.unitA)","\#(f.unitC)"],"maxChoices":1,"quota":1}"#),
                "nomineeID": nominee,
                "proposalID": try await created("\(cycle)/proposals", by: .head, #"{"title":"Đề nghị","nomineeIDs":["\#(nominee)"]}"#),
                "kind": "plan", "file": "plan.docx", "number": "2", "year": "2023",
            ]
            let bodies = Self.bodies(f, nominee: nominee)
            var listed = Set<String>()
            var wrong: [String] = []
            // Reads first, then writes, deletions last: a write by an allowed user (publishing the scores, deleting
            // a milestone) must not change the answer a later route gives.
            func rank(_ method: HTTPMethod) -> Int { method == .GET ? 0 : method == .DELETE ? 2 : 1 }
            for route in app.routes.all.sorted(by: { rank($0.method) < rank($1.method) }) {
                let pattern = "/" + route.path.map(\.description).joined(separator: "/")
                guard pattern.hasPrefix("/api/"), !["/api/v1/auth/token", "/api/v1/openapi.yaml"].contains(pattern) else { continue }
                let key = "\(route.method.rawValue) \(pattern)"
                listed.insert(key)
                guard let allowed = Self.expected[key] else { wrong.append("\(key): not listed"); continue }
                let path = "/" + route.path.map { component -> String in
                    if case let .parameter(name) = component { return ids[name] ?? UUID().uuidString }
                    return component.description
                }.joined(separator: "/")
                // Refused users first, so that a write by an allowed one cannot hide a refusal behind a 404.
                for who in Who.allCases.filter({ !allowed.contains($0) }) + Who.allCases.filter(allowed.contains) {
                    let status = try await send(app, route.method, path, token: tokens[who], json: bodies[key] ?? "{}").status
                    let refused = status == .forbidden || status == .unauthorized
                    if status.code >= 500 || refused == allowed.contains(who) {
                        wrong.append("\(key) as \(who): \(status.code)")
                    }
                }
            }
            #expect(wrong.isEmpty, "\(wrong.joined(separator: "\n"))")
            #expect(Set(Self.expected.keys).subtracting(listed).isEmpty, "listed but not routed: \(Set(Self.expected.keys).subtracting(listed))")
        }
    }
}

/// The `id` of a created object, read without caring about the other fields' types.
private struct AnyID: Decodable {
    var value: String
    init(from decoder: any Decoder) throws {
        value = (try? decoder.singleValueContainer().decode(String.self)) ?? ""
    }
}
