import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer
@testable import ThiDuaCore
import ThiDuaDocuments

@Suite("A proposal's documents and the decision's scan")
struct AwardDocumentTests {
    /// The flag ballot elects unit 0, which sends its achievement report; the secretariat drafts the proposal.
    func elected(_ app: Application) async throws -> (BallotFixture, proposal: UUID, report: UUID) {
        let f = try await BallotFixture.make(app)
        let milestone = #"{"code":"HN","title":"Hội nghị","dueAt":"2023-12-19T08:00:00+07:00"}"#
        _ = try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/milestones", token: f.admin, json: milestone)
        let requirement = try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/requirements", token: f.admin, json: """
            {"code":"BANCHINH","title":"Bản chính của đơn vị được suy tôn","milestone":"HN","audience":"nominated","acceptedKinds":["pdf"],"role":"achievementReport"}
            """).content.get(UUID.self, at: "id")
        let other = try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/requirements", token: f.admin, json: """
            {"code":"THAMLUAN","title":"Báo cáo tham luận (không phải báo cáo thành tích)","milestone":"HN","acceptedKinds":["pdf"]}
            """).content.get(UUID.self, at: "id")
        let ballot = try await f.createBallot(#"{"kind":"flag","candidateUnitIDs":["\#(f.units[0])","\#(f.units[1])"],"maxChoices":1,"quota":1}"#)
        _ = try await f.action(ballot, "open")
        for voter in 0..<4 { _ = try await f.vote(ballot, by: voter, for: [f.units[0]]) }
        _ = try await f.action(ballot, "close")
        let report = try await upload(app, requirement: requirement, token: f.tokens[0], fileName: "Báo cáo thành tích.pdf",
                                      data: Sample.pdf(pages: 2))
        #expect(report.status == .created, "\(report.body.string)")
        _ = try await upload(app, requirement: other, token: f.tokens[0], fileName: "tham-luan.pdf", data: Sample.pdf(pages: 1))
        let nominees = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/nominees", token: f.secretariat).content.decode([NomineeDTO].self)
        let flag = try #require(nominees.first { $0.award == "provincialFlag" })
        let created = try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/proposals", token: f.secretariat,
                                     json: #"{"title":"Đề nghị tặng Cờ thi đua năm 2023","nomineeIDs":["\#(flag.id)"]}"#)
        return (f, try created.content.get(UUID.self, at: "id"), try report.content.get(UUID.self, at: "id"))
    }

    @Test("sending attaches the proposal letter and the nominee's achievement report; other files only by hand, and only while a draft")
    func documents() async throws {
        try await withApp { app in
            let (f, proposal, report) = try await elected(app)
            #expect(try await send(app, .POST, "/api/v1/proposals/\(proposal)/documents", token: f.tokens[2],
                                   json: #"{"submissionID":"\#(report)"}"#).status == .forbidden)
            let bad = try await send(app, .POST, "/api/v1/proposals/\(proposal)/documents", token: f.secretariat, json: "{}")
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("đúng một văn bản"))
            // The flag ballot has a result, so the letter is due; without scores it cannot be made, and sending says why.
            let early = try await send(app, .POST, "/api/v1/proposals/\(proposal)/send", token: f.secretariat, json: "{}")
            #expect(early.status == .conflict && early.body.string.contains("Chưa lập được tờ trình"), "\(early.body.string)")
            let letterID = try await AwardDocumentTests.storeLetter(app, cycleID: f.cycleID)
            let sent = try await send(app, .POST, "/api/v1/proposals/\(proposal)/send", token: f.secretariat, json: "{}")
            #expect(sent.status == .ok, "\(sent.body.string)")
            let dto = try sent.content.decode(ProposalDTO.self)
            #expect(dto.documents.map(\.role) == [.letter, .report], "\(dto.documents)")
            #expect(dto.documents.first?.url == "/api/v1/documents/\(letterID)")
            #expect(dto.documents.last?.title.contains("Bản chính của đơn vị được suy tôn (bản 1)") == true)
            // The role decides, not the title: the paper that says "báo cáo thành tích" but has no role stays home.
            #expect(!dto.documents.contains { $0.title.contains("tham luận") })
            // The attached letter is the generated record, downloadable by the secretariat, as a .docx.
            let letter = try await send(app, .GET, try #require(dto.documents.first?.url), token: f.secretariat)
            #expect(letter.status == .ok && letter.body.readableBytes > 1000)
            #expect(try await send(app, .POST, "/api/v1/proposals/\(proposal)/documents", token: f.secretariat,
                                   json: #"{"submissionID":"\#(report)"}"#).status == .conflict)
            var browser = Browser(app: app)
            _ = try await browser.signIn("voter.0")
            let page = try await browser.get("/cycles/\(f.cycleID)/awards")
            #expect(page.body.string.contains("Tờ trình — ") && page.body.string.contains("Đã gửi tỉnh"))
        }
    }

    @Test("the decision's scan: uploaded by the secretariat, checked by content, read by the bloc's members only")
    func scan() async throws {
        try await withApp { app in
            let (f, proposal, _) = try await elected(app)
            _ = try await AwardDocumentTests.storeLetter(app, cycleID: f.cycleID)
            _ = try await send(app, .POST, "/api/v1/proposals/\(proposal)/send", token: f.secretariat, json: "{}")
            let nominee = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/proposals", token: f.secretariat)
                .content.decode([ProposalDTO].self)[0].nominees[0].id
            let decided = try await send(app, .POST, "/api/v1/proposals/\(proposal)/decisions", token: f.secretariat, json: """
                {"number":"125/QĐ-UBND","date":"2024-01-20","issuer":"UBND tỉnh Lào Cai","items":[{"nomineeID":"\(nominee)","awarded":true}]}
                """)
            let decision = try #require(try decided.content.decode(ProposalDTO.self).decisions.first)
            #expect(decision.scan == nil)
            let path = "/api/v1/decisions/\(decision.id)/scan"
            #expect(try await send(app, .GET, path, token: f.tokens[2]).status == .notFound)
            func put(_ token: String, _ name: String, _ data: Data) async throws -> TestingHTTPResponse {
                var headers = HTTPHeaders.bearer(token)
                headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(Sample.boundary)")
                var response: TestingHTTPResponse?
                try await app.testing().test(.POST, path, headers: headers,
                                             body: Sample.multipart([.init(name: "file", fileName: name, data: data)])) { response = $0 }
                return response!
            }
            let pdf = Sample.pdf(pages: 1)
            #expect(try await put(f.tokens[2], "qd.pdf", pdf).status == .forbidden)
            #expect(try await put(f.secretariat, "qd.pdf", Data("MZ not a pdf".utf8)).status == .unsupportedMediaType)
            let stored = try await put(f.secretariat, "Quyết định 125.pdf", pdf)
            #expect(stored.status == .created)
            let scan = try #require(try stored.content.decode(ProposalDTO.self).decisions.first?.scan)
            #expect(scan.fileName == "Quyết định 125.pdf" && scan.contentType == "application/pdf" && scan.size == pdf.count)
            let read = try await send(app, .GET, path, token: f.tokens[2])
            #expect(read.status == .ok && Data(buffer: read.body) == pdf)
            #expect(try await send(app, .GET, path, token: f.outsider).status == .forbidden)
            #expect(try await send(app, .GET, path, token: nil).status == .unauthorized)
            var browser = Browser(app: app)
            _ = try await browser.signIn("voter.2")
            let page = try await browser.get("/cycles/\(f.cycleID)/awards")
            #expect(page.body.string.contains("Quyết định 125.pdf") && page.body.string.contains("/decisions/\(decision.id)/scan"))
            #expect(try await browser.get("/decisions/\(decision.id)/scan").status == .ok)
        }
    }

    @Test("on the awards page the secretariat attaches a file and files the scan; a scan form without its CSRF token is refused")
    func page() async throws {
        try await withApp { app in
            let (f, proposal, report) = try await elected(app)
            _ = try await AwardDocumentTests.storeLetter(app, cycleID: f.cycleID)
            var browser = Browser(app: app)
            _ = try await browser.signIn("voter.0")
            let url = "/cycles/\(f.cycleID)/awards"
            let page = try await browser.get(url)
            #expect(page.body.string.contains("submission:\(report)") && page.body.string.contains("Dự thảo"))
            let csrf = try #require(Browser.csrf(in: page.body.string))
            let attached = try await browser.post(url, ["csrfToken": csrf, "action": "attach", "proposalID": proposal.uuidString,
                                                        "attach": "submission:\(report)", "role": "report"])
            #expect(attached.status == .seeOther)
            #expect(try await browser.get(url).body.string.contains("Báo cáo thành tích — <a href=\"/submissions/\(report)/file\">"))
            _ = try await send(app, .POST, "/api/v1/proposals/\(proposal)/send", token: f.secretariat, json: "{}")
            let nominee = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/proposals", token: f.secretariat)
                .content.decode([ProposalDTO].self)[0].nominees[0].id
            let decision = try await send(app, .POST, "/api/v1/proposals/\(proposal)/decisions", token: f.secretariat, json: """
                {"number":"7/QĐ-UBND","date":"2024-01-05","issuer":"UBND tỉnh","items":[{"nomineeID":"\(nominee)","awarded":true}]}
                """).content.decode(ProposalDTO.self).decisions[0].id
            func postScan(_ query: String) async throws -> TestingHTTPResponse {
                var headers = HTTPHeaders()
                headers.add(name: .cookie, value: try #require(browser.cookie))
                headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(Sample.boundary)")
                var response: TestingHTTPResponse?
                try await app.testing().test(.POST, "/decisions/\(decision)/scan\(query)", headers: headers,
                                             body: Sample.multipart([.init(name: "file", fileName: "qd-7.pdf", data: Sample.pdf(pages: 1))])) { response = $0 }
                return response!
            }
            #expect(try await postScan("").status == .forbidden)
            let token = try #require(Browser.csrf(in: try await browser.get(url).body.string))
            #expect(try await postScan("?csrfToken=\(token)").status == .seeOther)
            let after = try await browser.get(url).body.string
            #expect(after.contains("Đã lưu bản chụp quyết định") && after.contains("qd-7.pdf"))
        }
    }

    /// A proposal letter generated earlier (as the documents page does), to be attached when sending.
    static func storeLetter(_ app: Application, cycleID: UUID) async throws -> UUID {
        let doc = GeneratedDocument()
        doc.cycleID = cycleID
        doc.kind = DocumentRecordKind(.proposal)
        doc.number = "05/TTr-KTĐ"
        doc.sha256 = try app.fileStore.store(BuiltInTemplate.docx(.proposal, style: .party))
        doc.dataHash = "earlier"
        doc.createdAt = testNow
        try await doc.create(on: app.db)
        return try doc.requireID()
    }
}
