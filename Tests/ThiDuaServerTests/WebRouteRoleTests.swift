import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// Every web page and form, asked by every kind of user through a signed-in browser: a refused user gets the
/// `403` page, an allowed one anything else (the page, a redirect with a message). The web asks the same
/// `Policy` questions as the API, so the sets below match `RouteRoleTests`'.
@Suite("Every web route × every role")
struct WebRouteRoleTests {
    typealias Who = RouteRoleTests.Who
    static let everyone = RouteRoleTests.everyone, secretariat = RouteRoleTests.secretariat
    static let cycleReaders = RouteRoleTests.cycleReaders, unitC = RouteRoleTests.unitC
    static let unitCReaders = RouteRoleTests.unitCReaders, adminOnly = RouteRoleTests.adminOnly

    static let expected: [String: Set<Who>] = [
        "GET /": everyone, "GET /blocs": everyone, "POST /blocs": adminOnly, "GET /blocs/:blocID": everyone, "POST /blocs/:blocID": adminOnly,
        "POST /blocs/:blocID/cycles": adminOnly,
        "GET /cycles/:cycleID": everyone, "POST /cycles/:cycleID/milestones": secretariat,
        "POST /cycles/:cycleID/setup": adminOnly,
        "POST /milestones/:milestoneID": secretariat, "POST /milestones/:milestoneID/delete": secretariat,
        "GET /cycles/:cycleID/requirements": everyone, "POST /cycles/:cycleID/requirements": secretariat,
        "POST /requirements/:requirementID": secretariat,
        "POST /requirements/:requirementID/upload": [.admin, .head, .member, .outsider],
        "GET /cycles/:cycleID/checklist": everyone, "GET /cycles/:cycleID/dashboard": cycleReaders,
        "GET /cycles/:cycleID/submission-status.csv": cycleReaders, "GET /cycles/:cycleID/submission-status.xlsx": cycleReaders,
        "GET /cycles/:cycleID/bundle.zip": cycleReaders,
        "GET /submissions/:submissionID": everyone, "GET /submissions/:submissionID/file": everyone,
        "POST /submissions/:submissionID/review": everyone,
        "GET /cycles/:cycleID/conference": everyone, "POST /cycles/:cycleID/conference": secretariat,
        "POST /cycles/:cycleID/conference/attendance": secretariat, "POST /cycles/:cycleID/ballots": secretariat,
        "GET /cycles/:cycleID/minutes": everyone, "POST /cycles/:cycleID/minutes": secretariat,
        "GET /ballots/:ballotID": everyone, "POST /ballots/:ballotID": secretariat,
        "GET /ballots/:ballotID/vote": everyone, "POST /ballots/:ballotID/vote": [],
        "GET /ballots/:ballotID/projector": everyone, "GET /ballots/:ballotID/count-minutes": everyone,
        "GET /ballots/:ballotID/trustee": everyone, "GET /ballots/:ballotID/trustee/state": everyone,
        "POST /ballots/:ballotID/trustees/:number/key": [.head], "POST /ballots/:ballotID/trustees/:number/shares": [.head],
        "POST /ballots/:ballotID/trustees/:number/decryption": [.head],
        "GET /board/proposals": [.admin, .reviewer], "POST /board/proposals/:proposalID": [.admin, .reviewer],
        "GET /board/decision-draft/:year": [.admin, .reviewer], "GET /board/overview.xlsx": [.admin, .reviewer],
        "GET /board/statistics/:year": [.admin, .reviewer],
        "GET /board/certificates": [.admin, .reviewer], "GET /board/certificates/print.pdf": [.admin, .reviewer],
        "GET /board/certificates/awards/:awardID": [.admin, .reviewer], "GET /board/certificates/layouts/:blank": [.admin, .reviewer],
        "POST /board/certificates/layouts/:blank": [.admin, .reviewer], "GET /board/certificates/layouts/:blank/test.pdf": [.admin, .reviewer],
        "GET /board/history": [.admin, .reviewer], "POST /board/history/import": [.admin, .reviewer], "GET /board/history.xlsx": [.admin, .reviewer],
        "GET /board/council": [.admin, .reviewer], "POST /board/council": [.admin, .reviewer],
        "GET /board/council/sessions/:sessionID": [.admin, .reviewer], "POST /board/council/sessions/:sessionID": [.admin, .reviewer],
        "GET /council/ballots/:ballotID/vote": [], "POST /council/ballots/:ballotID/vote": [],
        "GET /council/ballots/:ballotID/minutes.docx": [.admin, .reviewer],
        "GET /cycles/:cycleID/scoring": everyone, "POST /cycles/:cycleID/scoring/import": secretariat,
        "POST /cycles/:cycleID/scoring/state": secretariat, "GET /cycles/:cycleID/ranking": cycleReaders,
        "GET /cycles/:cycleID/scoring-table.xlsx": everyone, "GET /cycles/:cycleID/ranking.xlsx": cycleReaders,
        "GET /cycles/:cycleID/units/:unitID/assessment": unitCReaders,
        "POST /cycles/:cycleID/units/:unitID/assessment": unitC,
        "POST /cycles/:cycleID/units/:unitID/assessment/import": unitC,
        "POST /cycles/:cycleID/units/:unitID/assessment/evidence": unitC,
        "GET /cycles/:cycleID/units/:unitID/self-assessment.xlsx": unitCReaders,
        "GET /cycles/:cycleID/units/:unitID/self-assessment.csv": unitCReaders,
        "GET /evidence/:evidenceID/file": everyone,
        "GET /cycles/:cycleID/documents": cycleReaders, "GET /cycles/:cycleID/documents/:file": cycleReaders,
        "GET /ballots/:ballotID/documents/:file": everyone,
        "GET /cycles/:cycleID/awards": unitCReaders, "POST /cycles/:cycleID/awards": unitC,
        "POST /decisions/:decisionID/scan": everyone, "GET /decisions/:decisionID/scan": everyone,
        "GET /documents/:documentID": everyone,
        "GET /notifications": everyone, "GET /outbox": adminOnly, "POST /outbox": adminOnly,
        "GET /units": everyone, "POST /units": adminOnly,
        "GET /account/password": everyone, "POST /account/password": everyone,
        "GET /users": adminOnly, "POST /users": adminOnly,
    ]

    /// Forms that answer a refusal on the page the user came from (the upload and vote pages show why, with a
    /// `303` back and the reason in the message), not with the `403` page.
    static let refusedOnPage: Set<String> = [
        "POST /requirements/:requirementID/upload", "POST /ballots/:ballotID/vote",
        "POST /cycles/:cycleID/units/:unitID/assessment/evidence",
    ]

    /// A form each allowed user could send, so that a refusal cannot hide behind a refused field.
    static func forms(_ f: Fixture) -> [String: [String: String]] {
        let (a, b, c) = (f.unitA.uuidString, f.unitB.uuidString, f.unitC.uuidString)
        return [
            "POST /blocs": ["name": "Khối mới", "issuer": "UBND tỉnh"],
            "POST /blocs/:blocID": ["name": "Khối Thi đua các cơ quan Tỉnh ủy", "issuer": "Tỉnh ủy Lào Cai", "houseStyle": "party"],
            "POST /blocs/:blocID/cycles": ["year": "2024", "headUnitID": a, "deputyUnitID": b],
            "POST /cycles/:cycleID/milestones": ["code": "HN2", "title": "Hội nghị", "mode": "date", "date": "2023-12-19"],
            "POST /cycles/:cycleID/setup": ["headUnitID": a, "deputyUnitID": b],
            "POST /milestones/:milestoneID": ["code": "HN", "title": "Hội nghị", "mode": "date", "date": "2023-12-20"],
            "POST /cycles/:cycleID/requirements": ["code": "BC2", "title": "Báo cáo", "milestone": "HN", "acceptedKinds[]": "pdf"],
            "POST /requirements/:requirementID": ["action": "close"],
            "POST /cycles/:cycleID/conference": ["date": "2023-12-19", "venue": "Hội trường"],
            "POST /cycles/:cycleID/conference/attendance": ["unitID": c, "present": "false"],
            "POST /cycles/:cycleID/ballots": ["kind": "head", "candidateUnitIDs[]": a, "maxChoices": "1", "quota": "1"],
            "POST /cycles/:cycleID/minutes": ["action": "save", "text": "Biên bản"],
            "POST /ballots/:ballotID": ["action": "open"],
            "POST /board/proposals/:proposalID": ["action": "accept"],
            "POST /ballots/:ballotID/vote": ["choices[]": a],
            "POST /cycles/:cycleID/scoring/state": ["action": "lock"],
            "POST /cycles/:cycleID/units/:unitID/assessment": ["action": "save"],
            "POST /cycles/:cycleID/awards": ["action": "nominee", "kind": "individual", "unitID": c,
                                             "award": "baseEmulationSoldier", "personName": "Lê Văn An"],
            "POST /outbox": ["action": "test", "to": "thu@tinh.gov.vn"],
            "POST /units": ["name": "Ban Dân vận Tỉnh ủy", "shortName": "BDV"],
            "POST /account/password": ["currentPassword": "sai", "newPassword": "x", "confirmPassword": "x"],
            "POST /users": ["username": "moi", "password": "hoa-ban-no-trang-rung", "displayName": "Mới", "role": "reviewer"],
        ]
    }

    @Test("each page and form lets in exactly the users the policy names, and never answers 500")
    func walk() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            let f = s.f
            try await User(username: "officer.d", passwordHash: try Bcrypt.hash(Fixture.password, cost: 4), displayName: "D",
                           role: .officer, unitID: f.unitD).create(on: app.db)
            let cycle = "/api/v1/cycles/\(f.cycleID)"
            func created(_ path: String, _ json: String) async throws -> String {
                let res = try await send(app, .POST, path, token: s.head, json: json)
                #expect(res.status == .created, "\(path): \(res.body.string)")
                return String(res.body.string.split(separator: "\"id\":\"").dropFirst().first?.prefix(36) ?? "")
            }
            let ids: [String: String] = [
                "unitID": f.unitC.uuidString, "blocID": f.blocID.uuidString, "cycleID": f.cycleID.uuidString,
                "milestoneID": try await created("\(cycle)/milestones", PolicyTests.milestone),
                "requirementID": try await created("\(cycle)/requirements", #"{"code":"BC","title":"Báo cáo","milestone":"HN","acceptedKinds":["pdf"]}"#),
                "ballotID": try await created("\(cycle)/ballots", #"{"kind":"flag","candidateUnitIDs":["\#(f.unitA)","\#(f.unitC)"],"maxChoices":1,"quota":1}"#),
                "file": "plan.docx", "number": "2", "year": "2023",
            ]
            var browsers: [Who: Browser] = [:]
            var tokens: [Who: String] = [:]
            for (who, name) in [(Who.admin, "admin"), (.reviewer, "reviewer"), (.head, "officer.a"), (.member, "officer.c"), (.outsider, "officer.d")] {
                var browser = Browser(app: app)
                #expect(try await browser.signIn(name).status == .seeOther)
                tokens[who] = try #require(Browser.csrf(in: try await browser.get("/account/password").body.string))
                browsers[who] = browser
            }
            let forms = Self.forms(f)
            let refusals = ["auth.forbidden", "ballot.not_voter", "ballot.not_present"].map { app.localizer.text($0, "vi") }
            let open: Set<String> = ["/login", "/logout", "/public", "/public/cycles/:cycleID", "/public/ballots/:ballotID",
                                     "/public/ballots/:ballotID/record.json"]
            var listed = Set<String>()
            var wrong: [String] = []
            func rank(_ method: HTTPMethod) -> Int { method == .GET ? 0 : 1 }
            for route in app.routes.all.sorted(by: { rank($0.method) < rank($1.method) }) {
                let pattern = "/" + route.path.map(\.description).joined(separator: "/")
                guard !pattern.hasPrefix("/api/"), !["/healthz", "/metrics", "/calendar/:file"].contains(pattern),
                      !open.contains(pattern) else { continue }
                let key = "\(route.method.rawValue) \(pattern)"
                listed.insert(key)
                guard let allowed = Self.expected[key] else { wrong.append("\(key): not listed"); continue }
                let path = "/" + route.path.map { component -> String in
                    if case let .parameter(name) = component { return ids[name] ?? UUID().uuidString }
                    return component.description
                }.joined(separator: "/")
                for who in Who.allCases.filter({ !allowed.contains($0) }) + Who.allCases.filter(allowed.contains) {
                    var browser = browsers[who]!
                    let form = route.method == .GET ? nil : (forms[key] ?? [:]).merging(["csrfToken": tokens[who]!]) { $1 }
                    let response = try await browser.request(route.method, path + (route.method == .GET ? "" : "?csrfToken=\(tokens[who]!)"), form: form)
                    let status = response.status
                    var refused = status == .forbidden || status == .unauthorized
                    if Self.refusedOnPage.contains(key), status == .seeOther, let next = response.headers.first(name: .location) {
                        let back = try await browser.get(next)
                        let page = back.body.string
                        // The reason on the page the user came from, or that page itself refused to them.
                        refused = back.status == .forbidden || refusals.contains { page.contains("flash-error\" role=\"alert\">\($0)") }
                        if !refused, !allowed.contains(who) {
                            wrong.append("\(key) as \(who) shows: \(page.components(separatedBy: "flash-error").dropFirst().first?.prefix(200) ?? "")")
                        }
                    }
                    browsers[who] = browser
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
