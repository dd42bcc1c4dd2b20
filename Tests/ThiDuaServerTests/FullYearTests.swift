import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer
@testable import ThiDuaCore

/// Posts one file as multipart (field `file`) to any upload route.
func postFile(_ app: Application, _ path: String, token: String, name: String, data: Data) async throws -> TestingHTTPResponse {
    var headers = HTTPHeaders.bearer(token)
    headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(Sample.boundary)")
    var response: TestingHTTPResponse?
    try await app.testing().test(.POST, path, headers: headers,
                                 body: Sample.multipart([.init(name: "file", fileName: name, data: data)])) { response = $0 }
    return response!
}

/// The issue's "done means": one year of the demo bloc, every step through the API, nothing outside the system.
@Suite("A full year of the demo bloc")
struct FullYearTests {
    static let password = DemoSeeder.password

    @Test("reminders → submissions → scores → conference and flag ballot → proposal → decision, announced and public")
    func year() async throws {
        try await withApp(now: utc("2023-11-20T02:00:00Z")) { app in
            app.settings.tokenLifetime = 90 * 24 * 3600  // the year spans weeks of pinned clock
            try await DemoSeeder.seedIfNeeded(app)
            let transport = RecordingTransport()
            app.mailTransport = transport
            // The demo's own bloc: the demo has two more, simulated, with their own 2023 cycles.
            let demoBloc = try #require(try await Bloc.query(on: app.db).filter(\.$name == DemoSeeder.blocName).first())
            let cycleID = try #require(try await Cycle.query(on: app.db).filter(\.$year == 2023).filter(\.$bloc.$id == demoBloc.requireID())
                .first()?.requireID())
            let units = try await CycleService.members(of: cycleID, on: app.db)
            func unit(_ short: String) throws -> UUID { try #require(units.first { $0.shortName == short }?.id) }
            let admin = try await token(app, "admin", password: Self.password)
            let head = try await token(app, "noichinh", password: Self.password)
            let reviewer = try await token(app, "bantdkt", password: Self.password)
            // Every member unit gets an officer, made by the administrator, so that each can vote.
            var officers: [UUID: String] = [:]
            for u in units {
                let existing = try await User.query(on: app.db).filter(\.$unit.$id == u.id!).first()
                let name = existing?.username ?? "cb.\(u.shortName.lowercased())"
                let password = existing == nil ? "\(u.shortName.lowercased())-hoa-sen-giua-dam" : Self.password
                if existing == nil {
                    let created = try await send(app, .POST, "/api/v1/users", token: admin, json: """
                        {"username":"\(name)","password":"\(password)","displayName":"Cán bộ \(u.name)","role":"officer","unitID":"\(u.id!)"}
                        """)
                    #expect(created.status == .created, "\(created.body.string)")
                }
                officers[u.id!] = try await token(app, name, password: password)
            }
            let vptu = try unit("VPTU")
            let requirements = try await Requirement.query(on: app.db).filter(\.$cycle.$id == cycleID).all()
            func requirement(_ code: String) throws -> UUID { try #require(requirements.first { $0.code == code }?.id) }

            // 1. VPTU sends its score sheet early; three days before the deadline the others are reminded, by e-mail, once.
            app.clock = .fixed(utc("2023-12-02T02:00:00Z"))
            let early = try await upload(app, requirement: requirement("BCD"), token: officers[vptu]!, fileName: "Bảng chấm điểm.pdf",
                                         data: Sample.pdf(pages: 2))
            #expect(early.status == .created, "\(early.body.string)")
            let reminderTime = utc("2023-12-03T02:00:00Z")
            try await ReminderService.enqueueDue(now: reminderTime, localizer: app.localizer, on: app.db)
            try await ReminderService.enqueueDue(now: reminderTime, localizer: app.localizer, on: app.db)
            try await OutboxWorker.deliverDue(app: app, now: reminderTime)
            let ours = Set(units.compactMap(\.contactEmail))
            let bcd = transport.sent.withLockedValue { $0 }.filter { $0.subject.contains("BCD") && ours.contains($0.to.first?.email ?? "") }
            #expect(bcd.count == units.count - 1, "\(bcd.map(\.to))")
            #expect(!bcd.contains { $0.to.first?.email == "vptu@example.org" })
            #expect(bcd.first?.text.contains("ngày 05 tháng 12 năm 2023") == true)

            // 2. Scores: every unit's self-assessment, saved by the secretariat; VPTU scores highest. Locked.
            let table = try await send(app, .GET, "/api/v1/cycles/\(cycleID)/scoring-table", token: head).content.decode(ScoringTable.self)
            let leaves = table.sections.flatMap(\.leaves)
            let widest = try #require(leaves.max { ($0.maxPoints ?? 0) < ($1.maxPoints ?? 0) })
            for (i, u) in units.enumerated() {
                let offset = u.id == vptu ? 0 : i + 1
                let scores = leaves.map { leaf in
                    let max = leaf.maxPoints ?? 0
                    let points = leaf.code == widest.code ? max - Decimal(offset) : max
                    return #"{"code":"\#(leaf.code)","points":\#(points)}"#
                }.joined(separator: ",")
                let saved = try await send(app, .PUT, "/api/v1/cycles/\(cycleID)/units/\(u.id!)/self-assessment", token: head,
                                           json: #"{"scores":[\#(scores)]}"#)
                #expect(saved.status == .ok, "\(u.shortName): \(saved.body.string)")
            }
            #expect(try await send(app, .POST, "/api/v1/cycles/\(cycleID)/scores/lock", token: head).status == .ok)
            let ranking = try await send(app, .GET, "/api/v1/cycles/\(cycleID)/ranking", token: head).content.decode([RankingRowDTO].self)
            #expect(ranking.first?.unitID == vptu)

            // 3. The conference: every unit checks in; the flag ballot is voted electronically, once per unit.
            app.clock = .fixed(utc("2023-12-19T01:30:00Z"))
            for u in units {
                let checked = try await send(app, .POST, "/api/v1/cycles/\(cycleID)/conference/attendance", token: head,
                                             json: #"{"unitID":"\#(u.id!)","present":true,"representative":"Đại diện \#(u.shortName)"}"#)
                #expect(checked.status == .ok)
            }
            let created = try await send(app, .POST, "/api/v1/cycles/\(cycleID)/ballots", token: head, json: #"{"kind":"flag","maxChoices":1,"quota":1}"#)
            #expect(created.status == .created, "\(created.body.string)")
            let ballot = try created.content.get(UUID.self, at: "id")
            let officerTokens = officers
            let holder: TrusteeDesk.Holder = { seat in seat.unitID.flatMap { officerTokens[$0] } ?? reviewer }
            #expect(try await TrusteeDesk.open(app, ballot, token: head, holder: holder) == .ok)
            for u in units {
                let choice = u.id == vptu ? try unit("BLC") : vptu
                let vote = try await send(app, .POST, "/api/v1/ballots/\(ballot)/votes", token: officers[u.id!]!, json: #"{"choices":["\#(choice)"]}"#)
                #expect(vote.status == .created, "\(u.shortName): \(vote.body.string)")
            }
            #expect(try await send(app, .POST, "/api/v1/ballots/\(ballot)/votes", token: officers[vptu]!,
                                   json: #"{"choices":["\#(try unit("BLC"))"]}"#).status == .conflict)
            #expect(try await TrusteeDesk.close(app, ballot, token: head, holder: holder) == .ok)
            let result = try await send(app, .GET, "/api/v1/ballots/\(ballot)/result", token: head).content.decode(BallotResultDTO.self)
            #expect(result.outcome == [vptu.uuidString])

            // 4. The flag nominee comes from the ballot; VPTU sends its signed achievement report and nominates two more.
            let report = try await upload(app, requirement: requirement("BANCHINH"), token: officers[vptu]!,
                                          fileName: "Báo cáo thành tích VPTU.pdf", data: Sample.pdf(pages: 3))
            #expect(report.status == .created, "\(report.body.string)")
            let nomineesPath = "/api/v1/cycles/\(cycleID)/nominees"
            _ = try await send(app, .POST, nomineesPath, token: officers[vptu]!,
                               json: #"{"kind":"collective","unitID":"\#(vptu)","award":"excellentCollective","label":"Phòng Tổng hợp"}"#)
            _ = try await send(app, .POST, nomineesPath, token: officers[vptu]!,
                               json: #"{"kind":"individual","unitID":"\#(vptu)","award":"baseEmulationSoldier","personName":"Đỗ Thị Mai","position":"Chuyên viên"}"#)
            let nominees = try await send(app, .GET, nomineesPath, token: head).content.decode([NomineeDTO].self)
            #expect(nominees.count == 3 && nominees.contains { $0.source == .ballot && $0.unitID == vptu && $0.award == "provincialFlag" })

            // 5. The proposal goes with its letter (generated from the year's data) and the achievement report.
            let ids = nominees.map { "\"\($0.id)\"" }.joined(separator: ",")
            let proposal = try await send(app, .POST, "/api/v1/cycles/\(cycleID)/proposals", token: head,
                                          json: #"{"title":"Tờ trình đề nghị khen thưởng năm 2023","nomineeIDs":[\#(ids)]}"#)
                .content.get(UUID.self, at: "id")
            app.clock = .fixed(utc("2023-12-22T03:00:00Z"))
            let sent = try await send(app, .POST, "/api/v1/proposals/\(proposal)/send", token: head, json: "{}")
            #expect(sent.status == .ok, "\(sent.body.string)")
            let documents = try sent.content.decode(ProposalDTO.self).documents
            #expect(documents.map(\.role.rawValue).sorted() == ["letter", "report"], "\(documents)")

            // 6. The province decides; the scan is filed; the conference's "announce the decisions" item shows it.
            let items = nominees.map { #"{"nomineeID":"\#($0.id)","awarded":true}"# }.joined(separator: ",")
            let decided = try await send(app, .POST, "/api/v1/proposals/\(proposal)/decisions", token: reviewer, json: """
                {"number":"125/QĐ-UBND","date":"2024-01-20","issuer":"Chủ tịch UBND tỉnh Lào Cai","items":[\(items)]}
                """)
            #expect(decided.status == .created, "\(decided.body.string)")
            let decision = try #require(try decided.content.decode(ProposalDTO.self).decisions.first)
            #expect(try await postFile(app, "/api/v1/decisions/\(decision.id)/scan", token: reviewer, name: "QĐ 125.pdf",
                                       data: Sample.pdf(pages: 1)).status == .created)
            let conference = try await send(app, .GET, "/api/v1/cycles/\(cycleID)/conference", token: head).content.decode(ConferenceDTO.self)
            #expect(conference.agenda.contains { $0.outcome?.contains("Quyết định số 125/QĐ-UBND") == true })
            let history = try await send(app, .GET, "/api/v1/units/\(vptu)/awards", token: head).content.decode([AwardHistoryDTO].self)
            #expect(history.contains { $0.award == "provincialFlag" && $0.year == 2023 && $0.awarded })

            // 7. Publication: the public page shows the ranking, the flag nominee and the decision; nothing before.
            var visitor = Browser(app: app)
            #expect(try await visitor.get("/public/cycles/\(cycleID)").status == .notFound)
            #expect(try await send(app, .POST, "/api/v1/cycles/\(cycleID)/scores/publish", token: head).status == .ok)
            let page = try await visitor.get("/public/cycles/\(cycleID)").body.string
            #expect(page.contains("Văn phòng Tỉnh ủy") && page.contains("125/QĐ-UBND") && page.contains("Đỗ Thị Mai"))

            // Every notice of the year (reminders, the opened ballot, the publication) was delivered, none is left waiting.
            try await OutboxWorker.deliverDue(app: app, now: app.clock.now(), limit: 500)
            #expect(try await OutboxMessage.query(on: app.db).filter(\.$status != .sent).count() == 0)
            #expect(transport.sent.withLockedValue { $0 }.contains { $0.subject.contains("bỏ phiếu") || $0.subject.contains("Bỏ phiếu") })
        }
    }
}
