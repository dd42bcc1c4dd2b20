import Foundation
import NIOCore
import Testing
import ThiDuaDocuments
import VaporTesting
@testable import ThiDuaServer

/// Files and multipart bodies for upload tests.
enum Sample {
    /// A small but well-formed PDF with `pages` pages.
    static func pdf(pages: Int) -> Data {
        var objects = ["<< /Type /Catalog /Pages 2 0 R >>"]
        let kids = (0..<pages).map { "\($0 + 3) 0 R" }.joined(separator: " ")
        objects.append("<< /Type /Pages /Kids [\(kids)] /Count \(pages) >>")
        for _ in 0..<pages { objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>") }
        return PDFWriter.document(objects)
    }

    static let exe = Data([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00] + Array(repeating: 0x41, count: 200))

    struct Part {
        var name: String
        var fileName: String?
        var data: Data
    }

    static let boundary = "----thidua-test-boundary"

    static func multipart(_ parts: [Part], closed: Bool = true) -> ByteBuffer {
        var buffer = ByteBuffer()
        for part in parts {
            buffer.writeString("--\(boundary)\r\n")
            if let fileName = part.fileName {
                buffer.writeString("Content-Disposition: form-data; name=\"\(part.name)\"; filename=\"\(fileName)\"\r\n")
                buffer.writeString("Content-Type: application/octet-stream\r\n\r\n")
            } else {
                buffer.writeString("Content-Disposition: form-data; name=\"\(part.name)\"\r\n\r\n")
            }
            buffer.writeBytes(part.data)
            buffer.writeString("\r\n")
        }
        if closed { buffer.writeString("--\(boundary)--\r\n") }
        return buffer
    }
}

/// Uploads `data` as `fileName` with a bearer token.
func upload(_ app: Application, requirement: UUID, token: String, fileName: String, data: Data,
            unitID: UUID? = nil, closed: Bool = true) async throws -> TestingHTTPResponse {
    var headers = HTTPHeaders.bearer(token)
    headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(Sample.boundary)")
    var parts: [Sample.Part] = []
    if let unitID { parts.append(.init(name: "unitID", data: Data(unitID.uuidString.utf8))) }
    parts.append(.init(name: "file", fileName: fileName, data: data))
    var response: TestingHTTPResponse?
    try await app.testing().test(.POST, "/api/v1/requirements/\(requirement)/submissions", headers: headers,
                                 body: Sample.multipart(parts, closed: closed)) { response = $0 }
    return response!
}

/// A cycle with the SCORING milestone (end of 05/12/2023) and requirements on it.
struct SubmissionFixture {
    var f: Fixture
    var scoring: UUID      // pdf, xlsx; 1 MB
    var summary: UUID      // pdf, at most 1 page
    var admin: String
    var officerA: String   // head unit: secretariat
    var officerC: String   // plain member

    /// 01/12/2023 09:00 +07:00: before the SCORING deadline, so uploads are on time unless a test moves the clock.
    static let before = utc("2023-12-01T02:00:00Z")

    static func make(_ app: Application) async throws -> SubmissionFixture {
        app.clock = .fixed(before)
        // Tests move the clock across the deadline; the tokens must outlive that.
        app.settings.tokenLifetime = 60 * 24 * 3600
        let f = try await Fixture.seed(app)
        let admin = try await token(app, "admin")
        let milestone = #"{"code":"SCORING","title":"Bảng chấm điểm","dueAt":"2023-12-05"}"#
        #expect(try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/milestones", token: admin, json: milestone).status == .created)
        func requirement(_ json: String) async throws -> UUID {
            let res = try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/requirements", token: admin, json: json)
            #expect(res.status == .created, "\(res.body.string)")
            return try res.content.get(UUID.self, at: "id")
        }
        let scoring = try await requirement(#"{"code":"BCD","title":"Bảng chấm điểm","milestone":"SCORING","acceptedKinds":["pdf","xlsx"],"maxBytes":1048576,"originalsRequired":2}"#)
        let summary = try await requirement(#"{"code":"TOMTAT","title":"Tóm tắt","milestone":"SCORING","acceptedKinds":["pdf"],"maxPages":1}"#)
        return SubmissionFixture(f: f, scoring: scoring, summary: summary, admin: admin,
                                 officerA: try await token(app, "officer.a"), officerC: try await token(app, "officer.c"))
    }
}

extension Application {
    /// Files left in the upload scratch folder: there must be none after any request.
    var leftoverUploads: [String] {
        let tmp = URL(fileURLWithPath: settings.dataDirectory).appendingPathComponent("files/tmp")
        return (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? []
    }
}

func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
