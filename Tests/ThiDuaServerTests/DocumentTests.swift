import Fluent
import Foundation
import Testing
import VaporTesting
import ZIPFoundation
@testable import ThiDuaServer
@testable import ThiDuaDocuments

@Suite("Official documents")
struct DocumentTests {
    /// The text of word/document.xml, tags removed, NFC.
    static func text(ofDocx data: Data) throws -> String {
        // Our own output, so ZIPFoundation may read it.
        let archive = try Archive(data: data, accessMode: .read)
        var bytes = Data()
        _ = try archive.extract(try #require(archive["word/document.xml"])) { bytes.append($0) }
        // A line break inside a run reads as one.
        let xml = String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "<w:br/>", with: "\n")
        return xml.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression).precomposedStringWithCanonicalMapping
    }

    @Test("the plan comes out as .docx with the seed plan's facts; the same data gives the same record; others need sign-in")
    func plan() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let plan = PlanRecord()
            plan.cycleID = f.cycleID
            plan.document = AuditLog.json(try DemoSeeder.plan(resources: app.settings.resourcesDirectory))
            try await plan.create(on: app.db)
            let head = try await token(app, "officer.a")
            let list = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/documents", token: head).content.decode([DocumentService.KindDTO].self)
            #expect(list.first { $0.kind == .plan }?.available == true)
            #expect(list.first { $0.kind == .proposal }?.reason == "Chưa có kết quả suy tôn Cờ thi đua nên chưa lập được tờ trình.")
            let res = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/documents/plan.docx", token: head)
            #expect(res.status == .ok)
            // Filed as a secretary would: what it is, its number and its year, in Vietnamese with an ASCII fallback.
            let disposition = res.headers.first(name: .contentDisposition) ?? ""
            #expect(disposition.contains("filename=\"Ke-hoach-") && disposition.contains("-2023.docx\"") && disposition.contains("filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch"), "\(disposition)")
            let text = try Self.text(ofDocx: Data(res.body.readableBytesView))
            for fact in ["05-KH/KTĐ", "Lào Cai, ngày 28 tháng 11 năm 2023", "ĐẢNG CỘNG SẢN VIỆT NAM", "3666/QĐ-UBND", "1355/SNV-TDKT",
                         "1560/SNV-TDKT", "Ban Nội chính Tỉnh ủy", "Báo Lào Cai"] {
                #expect(text.contains(fact), "plan lacks \(fact)")
            }
            _ = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/documents/plan.docx", token: head)
            #expect(try await GeneratedDocument.query(on: app.db).count() == 1)
            // Changed data makes a new record; the old document stays downloadable as it was.
            var changed = try DemoSeeder.plan(resources: app.settings.resourcesDirectory)
            changed.number = "06-KH/KTĐ"
            #expect(try await send(app, .PUT, "/api/v1/cycles/\(f.cycleID)/plan-data", token: head, json: AuditLog.json(changed)).status == .noContent)
            app.clock = .fixed(testNow.addingTimeInterval(3600))
            let second = try Self.text(ofDocx: Data(try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/documents/plan.docx", token: head).body.readableBytesView))
            #expect(second.contains("06-KH/KTĐ"))
            let records = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/document-records", token: head).content.decode([DocumentRecordsAPI.RecordDTO].self)
            #expect(records.map(\.number) == ["06-KH/KTĐ", "05-KH/KTĐ"])
            let old = try Self.text(ofDocx: Data(try await send(app, .GET, records[1].url, token: head).body.readableBytesView))
            #expect(old.contains("05-KH/KTĐ") && !old.contains("06-KH/KTĐ"))
            #expect(try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/documents/plan.docx", token: try await token(app, "officer.c")).status == .forbidden)
            #expect(try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/documents/proposal.docx", token: head).status == .conflict)
        }
    }

    @Test("a cycle without stored plan data gets a draft from its own data, with a number from the bloc's register")
    func draftPlan() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let admin = try await token(app, "admin")
            _ = try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/milestones", token: admin, json: #"{"code":"HN","title":"Hội nghị tổng kết","dueAt":"2023-12-19T08:00:00+07:00"}"#)
            let res = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/documents/plan.docx", token: admin)
            #expect(res.status == .ok)
            let text = try Self.text(ofDocx: Data(res.body.readableBytesView))
            #expect(text.contains("01-KH/KTĐ") && text.contains("Hội nghị tổng kết") && text.contains("KHỐI THI ĐUA\nCÁC CƠ QUAN TỈNH ỦY"))
            let numbers = try await DocumentNumber.query(on: app.db).all()
            #expect(numbers.count == 1)
        }
    }

    @Test("an uploaded template with an unknown placeholder or not a .docx is refused, naming the problem")
    func templates() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            let admin = try await token(app, "admin")
            let builtIn = try await send(app, .GET, "/api/v1/templates/plan?style=state", token: admin)
            #expect(builtIn.status == .ok)
            var headers = HTTPHeaders.bearer(admin)
            headers.contentType = .init(type: "application", subType: "vnd.openxmlformats-officedocument.wordprocessingml.document")
            var response: TestingHTTPResponse?
            try await app.testing().test(.PUT, "/api/v1/templates/plan?style=state", headers: headers, body: ByteBuffer(string: "không phải docx")) { response = $0 }
            #expect(response?.status == .unprocessableEntity && response?.problem?.detail.contains(".docx") == true)
            try await app.testing().test(.PUT, "/api/v1/templates/plan?style=state", headers: headers, body: builtIn.body) { response = $0 }
            #expect(response?.status == .noContent)
            #expect(try await send(app, .PUT, "/api/v1/templates/plan", token: try await token(app, "officer.a"), json: "{}").status == .forbidden)
        }
    }

    @Test("with LibreOffice installed, the plan converts to PDF", .enabled(if: PDFConverter.sofficePath != nil))
    func pdf() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let res = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/documents/plan.pdf", token: try await token(app, "admin"))
            #expect(res.status == .ok)
            #expect(res.body.string.hasPrefix("%PDF"))
        }
    }

    @Test("a .docx download starts its PDF in the background, so the PDF link finds it made", .enabled(if: PDFConverter.sofficePath != nil))
    func pdfPreparedAheadOfTheClick() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            app.settings.preparePDFs = true
            let admin = try await token(app, "admin")
            let docx = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/documents/plan.docx", token: admin)
            #expect(docx.status == .ok)
            let record = try #require(try await GeneratedDocument.query(on: app.db).first())
            let cached = PDFConverter.cacheDirectory(app.settings).appendingPathComponent("\(record.sha256).pdf")
            // No request has asked for the PDF; it appears on its own (LibreOffice takes seconds, CI is slower).
            var waited = 0
            while !FileManager.default.fileExists(atPath: cached.path), waited < 240 {
                try await Task.sleep(for: .milliseconds(500))
                waited += 1
            }
            #expect(FileManager.default.fileExists(atPath: cached.path), "no PDF prepared after \(waited / 2) s")
            let pdf = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/documents/plan.pdf", token: admin)
            #expect(pdf.status == .ok && Data(pdf.body.readableBytesView) == FileManager.default.contents(atPath: cached.path))
            #expect(try await GeneratedDocument.query(on: app.db).count() == 1, "the PDF is the same document, not a new one")
        }
    }

    @Test("the minutes run I–IV in the conventional order; section IV is the secretariat's conclusion, or the model one")
    func minutesSectionsAndConclusion() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app)
            let ballot = try await f.createBallot(#"{"kind":"flag","maxChoices":1,"quota":1}"#)
            _ = try await f.action(ballot, "open")
            for voter in 0..<4 { _ = try await f.vote(ballot, by: voter, for: [f.units[voter == 2 ? 1 : 2]]) }
            _ = try await f.action(ballot, "close")
            let path = "/api/v1/cycles/\(f.cycleID)/documents/minutes.docx"
            func minutes() async throws -> String {
                try Self.text(ofDocx: Data(try await send(app, .GET, path, token: f.tokens[0]).body.readableBytesView))
            }
            let first = try await minutes()
            let headings = ["I. THỜI GIAN, ĐỊA ĐIỂM, THÀNH PHẦN", "II. NỘI DUNG HỘI NGHỊ", "III. KẾT QUẢ BỎ PHIẾU", "IV. KẾT LUẬN"]
            let positions = headings.compactMap { first.range(of: $0)?.lowerBound }
            #expect(positions.count == 4 && positions == positions.sorted(), "sections out of order or missing")
            #expect(first.contains(MinutesData.modelConclusion))
            // The secretariat writes its conclusion on the minutes page; the next minutes print it instead.
            var browser = Browser(app: app)
            _ = try await browser.signIn("voter.0")
            let csrf = try #require(Browser.csrf(in: try await browser.get("/cycles/\(f.cycleID)/minutes").body.string))
            let saved = try await browser.post("/cycles/\(f.cycleID)/minutes", [
                "csrfToken": csrf, "action": "save", "text": "Hội nghị nghe báo cáo tổng kết.",
                "conclusion": "Giao Đơn vị 0 gửi hồ sơ trước ngày 25/12.\nCác đơn vị bổ sung minh chứng còn thiếu.",
            ])
            #expect(saved.status == .seeOther)
            let second = try await minutes()
            #expect(second.contains("Giao Đơn vị 0 gửi hồ sơ trước ngày 25/12.") && second.contains("Các đơn vị bổ sung minh chứng còn thiếu."))
            #expect(!second.contains(MinutesData.modelConclusion))
            let conclusion = try #require(second.range(of: "Giao Đơn vị 0")), closing = try #require(second.range(of: "Hội nghị kết thúc"))
            #expect(try #require(second.range(of: "IV. KẾT LUẬN")).upperBound <= conclusion.lowerBound && conclusion.upperBound <= closing.lowerBound)
        }
    }

    @Test("invitation, minutes, count minutes, proposal with annex and the landscape score summary come from the cycle's data")
    func otherKinds() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app)
            let ballot = try await f.createBallot(#"{"kind":"flag","maxChoices":1,"quota":1}"#)
            _ = try await f.action(ballot, "open")
            for voter in [0, 1, 3] { _ = try await f.vote(ballot, by: voter, for: [f.units[2]]) }
            _ = try await f.vote(ballot, by: 2, for: [f.units[0]])
            _ = try await f.action(ballot, "close")
            let base = "/api/v1/cycles/\(f.cycleID)/documents/"
            let invitation = try Self.text(ofDocx: Data(try await send(app, .GET, base + "invitation.docx", token: f.secretariat).body.readableBytesView))
            #expect(invitation.contains("GIẤY MỜI") && invitation.contains("08 giờ 00, thứ Ba, ngày 19 tháng 12 năm 2023"))
            #expect(invitation.contains("Phòng họp Ban Thường vụ Tỉnh ủy"))
            let minutes = try Self.text(ofDocx: Data(try await send(app, .GET, base + "minutes.docx", token: f.secretariat).body.readableBytesView))
            #expect(minutes.contains("Đơn vị 3") && minutes.contains("75,00%"))
            // Each fact once, and only this bloc's: the proceedings hold no time, place, attendance or ballot figures
            // (those are sections I and III), and no name or year from the demo's minutes.
            #expect(minutes.contains("năm 2023 của Khối thử") && minutes.components(separatedBy: "75,00%").count == 2)
            #expect(minutes.components(separatedBy: "Phòng họp Ban Thường vụ Tỉnh ủy").count == 2, "the venue is stated more than once")
            for name in ["Nguyễn Minh Khoa", "Lê Thị Mai", "Phóng viên Đài Phát thanh", "Khối Thi đua các cơ quan Tỉnh ủy", "Đơn vị thành viên có mặt"] {
                #expect(!minutes.contains(name), "the minutes hold “\(name)”")
            }
            let count = try await send(app, .GET, "/api/v1/ballots/\(ballot)/minutes.docx", token: f.secretariat)
            #expect(count.status == .ok)
            let countText = try Self.text(ofDocx: Data(count.body.readableBytesView))
            let receipts = try await BallotPaper.query(on: app.db).filter(\.$ballotID == ballot).all().map(\.receipt)
            #expect(receipts.allSatisfy { countText.contains($0) } && countText.contains("Đơn vị 2"))
            // The opening is this round's (this bloc, this quota and threshold), and no invented committee member signs.
            #expect(countText.contains("năm 2023 của Khối thử, Ban Kiểm phiếu đã tiến hành kiểm phiếu") && countText.contains("tối đa: 01"))
            for name in ["Phạm Quốc Bảo", "Lê Thu Hương", "Đỗ Văn Thành", "Khối Thi đua các cơ quan Tỉnh ủy", "10 giờ 15"] {
                #expect(!countText.contains(name), "the count minutes hold “\(name)”")
            }
            // No scores yet: the proposal and summary say why rather than render empty tables.
            let noRanking = try await send(app, .GET, base + "score-summary.docx", token: f.secretariat)
            #expect(noRanking.status == .conflict)
            let numbers = try await GeneratedDocument.query(on: app.db).all().map(\.number)
            #expect(Set(numbers).count == numbers.count, "every document has its own number: \(numbers)")
        }
    }

    @Test("moving a milestone moves the plan's date, in the plan's data and its document; the words around it stay")
    func planFollowsMilestones() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let head = try await token(app, "officer.a")
            let created = try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/milestones", token: head,
                                         json: #"{"code":"SCORING","title":"Nộp bảng chấm điểm","dueAt":"2023-12-05"}"#)
            let id = try created.content.get(UUID.self, at: "id")
            func steps() async throws -> [PlanData.Step] {
                try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/plan-data", token: head).content.decode(PlanData.self).steps
            }
            #expect(try await steps().first { $0.milestone == "SCORING" }?.due == "Trước ngày 05/12/2023")
            // The secretariat words the step its own way; the date in it still follows the milestone.
            var plan = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/plan-data", token: head).content.decode(PlanData.self)
            plan.steps = plan.steps.map { var s = $0; if s.milestone == "SCORING" { s.due = "Chậm nhất 17 giờ ngày 05/12/2023 (Thứ Ba)" }; return s }
            #expect(try await send(app, .PUT, "/api/v1/cycles/\(f.cycleID)/plan-data", token: head, json: String(decoding: try JSONEncoder().encode(plan), as: UTF8.self)).status == .noContent)
            #expect(try await send(app, .PATCH, "/api/v1/milestones/\(id)", token: head, json: #"{"dueAt":"2023-12-08"}"#).status == .ok)
            #expect(try await steps().first { $0.milestone == "SCORING" }?.due == "Chậm nhất 17 giờ ngày 08/12/2023 (Thứ Sáu)")
            let docx = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/documents/plan.docx", token: head)
            let text = try Self.text(ofDocx: Data(docx.body.readableBytesView))
            #expect(text.contains("08/12/2023") && !text.contains("05/12/2023"))
        }
    }
}
