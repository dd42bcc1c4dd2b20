import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

@Suite("Submissions: uploads and lateness")
struct SubmissionTests {
    @Test("lateness at the scenario's boundary: 16:59:59Z on time, 17:00:01Z late; versions count up")
    func lateness() async throws {
        try await withApp { app in
            let s = try await SubmissionFixture.make(app)
            app.clock = .fixed(utc("2023-12-05T16:59:59Z"))
            let first = try await upload(app, requirement: s.scoring, token: s.officerC, fileName: "bang-cham-diem.pdf", data: Sample.pdf(pages: 2))
            #expect(first.status == .created, "\(first.body.string)")
            let dto = try first.content.decode(SubmissionDTO.self)
            #expect(dto.isLate == false && dto.version == 1 && dto.unitID == s.f.unitC)
            #expect(dto.receivedAt == "2023-12-05T23:59:59+07:00")
            #expect(dto.contentType == "application/pdf" && dto.size == Sample.pdf(pages: 2).count)
            app.clock = .fixed(utc("2023-12-05T17:00:01Z"))
            let second = try await upload(app, requirement: s.scoring, token: s.officerC, fileName: "bang-cham-diem.pdf", data: Sample.pdf(pages: 3))
            let late = try second.content.decode(SubmissionDTO.self)
            #expect(late.isLate == true && late.version == 2)
            // The first version stays readable.
            let old = try await send(app, .GET, "/api/v1/submissions/\(dto.id)/file", token: s.officerC)
            #expect(old.status == .ok && Data(old.body.readableBytesView) == Sample.pdf(pages: 2))
            #expect(old.headers.first(name: .contentDisposition)?.contains("bang-cham-diem.pdf") == true)
        }
    }

    @Test("an extension makes a later receipt on time and clears an earlier late flag; grace comes from the rule set")
    func extensionAndGrace() async throws {
        try await withApp { app in
            let s = try await SubmissionFixture.make(app)
            app.clock = .fixed(utc("2023-12-06T03:00:00Z"))
            let late = try await upload(app, requirement: s.scoring, token: s.officerC, fileName: "a.pdf", data: Sample.pdf(pages: 1))
            #expect(try late.content.get(Bool.self, at: "isLate") == true)
            let ext = try await send(app, .POST, "/api/v1/requirements/\(s.scoring)/extensions", token: s.officerA,
                                     json: #"{"unitID":"\#(s.f.unitC)","dueAt":"2023-12-07"}"#)
            #expect(ext.status == .created)
            #expect(try ext.content.get(String.self, at: "dueAt") == "2023-12-07T23:59:59+07:00")
            let id = try late.content.get(UUID.self, at: "id")
            #expect(try await send(app, .GET, "/api/v1/submissions/\(id)", token: s.officerC).content.get(Bool.self, at: "isLate") == false)
            // Unit A has no extension: grace of 30 minutes from a rule set covers 17:20Z but not 17:40Z.
            var document = try String(contentsOfFile: app.settings.resourcesDirectory + "Resources/RuleSets/example-lao-cai-2023.json", encoding: .utf8)
            document = document.replacingOccurrences(of: "\"gracePeriodMinutes\": 0", with: "\"gracePeriodMinutes\": 30")
            let ruleSet = try await send(app, .POST, "/api/v1/rule-sets", token: s.admin, json: document)
            let ruleSetID = try ruleSet.content.get(UUID.self, at: "id")
            #expect(try await send(app, .PATCH, "/api/v1/cycles/\(s.f.cycleID)", token: s.admin, json: #"{"ruleSetID":"\#(ruleSetID)"}"#).status == .ok)
            app.clock = .fixed(utc("2023-12-05T17:20:00Z"))
            let graced = try await upload(app, requirement: s.scoring, token: s.officerA, fileName: "b.pdf", data: Sample.pdf(pages: 1))
            #expect(try graced.content.get(Bool.self, at: "isLate") == false)
            app.clock = .fixed(utc("2023-12-05T17:40:00Z"))
            let after = try await upload(app, requirement: s.scoring, token: s.officerA, fileName: "b.pdf", data: Sample.pdf(pages: 1))
            #expect(try after.content.get(Bool.self, at: "isLate") == true)
        }
    }

    @Test("bad files are refused with a clear Vietnamese message, and nothing is stored or left behind")
    func badFiles() async throws {
        try await withApp { app in
            let s = try await SubmissionFixture.make(app)
            let cases: [(UUID, String, Data, UInt, String)] = [
                (s.scoring, "rong.pdf", Data(), 422, "Tệp rỗng"),
                (s.scoring, "lon.pdf", Data(count: 1_048_577), 413, "vượt quá dung lượng"),
                (s.scoring, "virus.pdf", Sample.exe, 415, "Không nhận ra loại tệp"),
                (s.scoring, "bang.xlsx", Sample.pdf(pages: 1), 415, "đuôi XLSX nhưng nội dung là PDF"),
                (s.summary, "tomtat.pdf", Sample.pdf(pages: 3), 422, "có 3 trang, vượt giới hạn 1 trang"),
                (s.scoring, "../../etc/passwd.pdf", Sample.pdf(pages: 1), 422, "Tên tệp không hợp lệ"),
                (s.scoring, "cut.pdf", Sample.pdf(pages: 1).prefix(120), 422, "bị hỏng"),
            ]
            for (requirement, name, data, status, message) in cases {
                let res = try await upload(app, requirement: requirement, token: s.officerC, fileName: name, data: data)
                #expect(res.status.code == status, "\(name): \(res.body.string)")
                #expect(res.problem?.detail.contains(message) == true, "\(name): \(res.problem?.detail ?? res.body.string)")
            }
            let truncated = try await upload(app, requirement: s.scoring, token: s.officerC, fileName: "a.pdf",
                                             data: Sample.pdf(pages: 1), closed: false)
            #expect(truncated.status == .badRequest)
            #expect(truncated.problem?.detail.contains("gián đoạn") == true)
            #expect(try await Submission.query(on: app.db).count() == 0)
            #expect(app.leftoverUploads.isEmpty, "\(app.leftoverUploads)")
        }
    }

    @Test("names: control characters go, NFD Vietnamese is stored as NFC")
    func names() async throws {
        try await withApp { app in
            let s = try await SubmissionFixture.make(app)
            let nfd = "Báo cáo\u{0007} tổng kết.pdf".decomposedStringWithCanonicalMapping
            let res = try await upload(app, requirement: s.scoring, token: s.officerC, fileName: nfd, data: Sample.pdf(pages: 1))
            #expect(res.status == .created)
            let name = try res.content.get(String.self, at: "fileName")
            #expect(name == "Báo cáo tổng kết.pdf".precomposedStringWithCanonicalMapping)
            #expect(name.unicodeScalars.count == "Báo cáo tổng kết.pdf".precomposedStringWithCanonicalMapping.unicodeScalars.count)
        }
    }

    @Test("two uploads from one unit at the same moment both land as distinct versions")
    func concurrentUploads() async throws {
        try await withApp { app in
            let s = try await SubmissionFixture.make(app)
            let versions = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<6 {
                    group.addTask {
                        let res = try await upload(app, requirement: s.scoring, token: s.officerC, fileName: "v\(i).pdf", data: Sample.pdf(pages: i + 1))
                        if res.status != .created { print("concurrent upload:", res.status, res.body.string) }
                        return (try? res.content.get(Int.self, at: "version")) ?? -1
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(versions.sorted() == [1, 2, 3, 4, 5, 6])
            #expect(try await AuditLog.verify(on: app.db) == .intact(count: try await AuditEntry.query(on: app.db).count()))
        }
    }

    @Test("a closed requirement refuses uploads with a clear message; reopening accepts them again")
    func closed() async throws {
        try await withApp { app in
            let s = try await SubmissionFixture.make(app)
            #expect(try await send(app, .PATCH, "/api/v1/requirements/\(s.scoring)", token: s.officerA, json: #"{"closed":true}"#).status == .ok)
            let refused = try await upload(app, requirement: s.scoring, token: s.officerC, fileName: "a.pdf", data: Sample.pdf(pages: 1))
            #expect(refused.status == .conflict)
            #expect(refused.problem?.detail.contains("đã khóa") == true)
            #expect(try await send(app, .PATCH, "/api/v1/requirements/\(s.scoring)", token: s.officerA, json: #"{"closed":false}"#).status == .ok)
            #expect(try await upload(app, requirement: s.scoring, token: s.officerC, fileName: "a.pdf", data: Sample.pdf(pages: 1)).status == .created)
        }
    }
}
