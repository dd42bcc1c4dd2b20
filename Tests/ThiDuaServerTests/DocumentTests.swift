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
        let xml = String(decoding: bytes, as: UTF8.self)
        return xml.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression).precomposedStringWithCanonicalMapping
    }

    @Test("the plan comes out as .docx with the seed plan's facts; the same data gives the same record; others need sign-in")
    func plan() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let plan = PlanRecord()
            plan.cycleID = f.cycleID
            plan.document = AuditLog.json(PlanData.scenario2023)
            try await plan.create(on: app.db)
            let head = try await token(app, "officer.a")
            let list = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/documents", token: head).content.decode([DocumentService.KindDTO].self)
            #expect(list.first { $0.kind == "plan" }?.available == true)
            #expect(list.first { $0.kind == "proposal" }?.reason == "Chưa có mẫu cho loại văn bản này.")
            let res = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/documents/plan.docx", token: head)
            #expect(res.status == .ok)
            let text = try Self.text(ofDocx: Data(res.body.readableBytesView))
            for fact in ["05-KH/KTĐ", "Lào Cai, ngày 28 tháng 11 năm 2023", "ĐẢNG CỘNG SẢN VIỆT NAM", "3666/QĐ-UBND", "1355/SNV-TDKT",
                         "1560/SNV-TDKT", "Ban Nội chính Tỉnh ủy", "Báo Lào Cai"] {
                #expect(text.contains(fact), "plan lacks \(fact)")
            }
            _ = try await send(app, .GET, "/api/v1/cycles/\(f.cycleID)/documents/plan.docx", token: head)
            #expect(try await GeneratedDocument.query(on: app.db).count() == 1)
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
            #expect(text.contains("01-KH/KTĐ") && text.contains("Hội nghị tổng kết") && text.contains("KHỐI THI ĐUA CÁC CƠ QUAN TỈNH ỦY"))
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
}
