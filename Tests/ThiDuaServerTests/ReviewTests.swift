import Fluent
import Foundation
import Testing
import VaporTesting
import ZIPFoundation
@testable import ThiDuaServer

@Suite("Submissions: review, originals, dashboard, bundle, authorisation")
struct ReviewTests {
    @Test("a return needs a reason; the returned item shows on the dashboard; a new version goes back to review")
    func reviewFlow() async throws {
        try await withApp { app in
            let s = try await SubmissionFixture.make(app)
            let sent = try await upload(app, requirement: s.scoring, token: s.officerC, fileName: "a.pdf", data: Sample.pdf(pages: 1))
            let id = try sent.content.get(UUID.self, at: "id")
            let noReason = try await send(app, .POST, "/api/v1/submissions/\(id)/review", token: s.officerA, json: #"{"decision":"return","reason":"  "}"#)
            #expect(noReason.status == .unprocessableEntity && noReason.problem?.detail == "Trả lại hồ sơ phải ghi rõ lý do.")
            #expect(try await send(app, .POST, "/api/v1/submissions/\(id)/review", token: s.officerC, json: #"{"decision":"accept"}"#).status == .forbidden)
            let returned = try await send(app, .POST, "/api/v1/submissions/\(id)/review", token: s.officerA,
                                          json: #"{"decision":"return","reason":"Thiếu chữ ký của thủ trưởng"}"#)
            #expect(returned.status == .ok)
            func cell() async throws -> StatusMatrix.Cell? {
                let m = try await send(app, .GET, "/api/v1/cycles/\(s.f.cycleID)/submission-status", token: s.officerA).content.decode(StatusMatrix.self)
                return m.rows.first { $0.unitID == s.f.unitC }?.cells.first { $0.code == "BCD" }
            }
            #expect(try await cell()?.state == .returned)
            #expect(try await cell()?.reviewReason == "Thiếu chữ ký của thủ trưởng")
            _ = try await upload(app, requirement: s.scoring, token: s.officerC, fileName: "a.pdf", data: Sample.pdf(pages: 2))
            #expect(try await cell()?.state == .sent)
            #expect(try await cell()?.version == 2)
            let originals = try await send(app, .POST, "/api/v1/requirements/\(s.scoring)/originals", token: s.officerA,
                                           json: #"{"unitID":"\#(s.f.unitC)","count":1,"receivedAt":"2023-12-20T09:00:00+07:00"}"#)
            #expect(originals.status == .created)
            let counted = try await cell()
            #expect(counted?.originals == 1 && counted?.originalsRequired == 2)
            let csv = try await send(app, .GET, "/api/v1/cycles/\(s.f.cycleID)/submission-status.csv", token: s.officerA).body.string
            #expect(csv.hasPrefix("\u{FEFF}"))
            #expect(csv.contains("Văn phòng Tỉnh ủy,Đã nộp · 01/12/2023 09:00 · v2 · bản chính 1/2"))
            #expect(csv.contains("Chưa nộp"))
            let xlsx = try await send(app, .GET, "/api/v1/cycles/\(s.f.cycleID)/submission-status.xlsx", token: s.officerA)
            let archive = try Archive(data: Data(xlsx.body.readableBytesView), accessMode: .read)
            var sheet = Data()
            _ = try archive.extract(try #require(archive["xl/worksheets/sheet1.xml"])) { sheet.append($0) }
            #expect(String(decoding: sheet, as: UTF8.self).contains("Văn phòng Tỉnh ủy"))
        }
    }

    @Test("the bundle holds the latest accepted (else latest) version per unit, and the manifest matches the stored hashes")
    func bundle() async throws {
        try await withApp { app in
            let s = try await SubmissionFixture.make(app)
            let v1 = try await upload(app, requirement: s.scoring, token: s.officerC, fileName: "a.pdf", data: Sample.pdf(pages: 1))
            _ = try await send(app, .POST, "/api/v1/submissions/\(try v1.content.get(UUID.self, at: "id"))/review", token: s.officerA, json: #"{"decision":"accept"}"#)
            _ = try await upload(app, requirement: s.scoring, token: s.officerC, fileName: "b.pdf", data: Sample.pdf(pages: 2))
            _ = try await upload(app, requirement: s.summary, token: s.officerA, fileName: "tóm tắt.pdf", data: Sample.pdf(pages: 1))
            #expect(try await send(app, .GET, "/api/v1/cycles/\(s.f.cycleID)/bundle.zip", token: s.officerC).status == .forbidden)
            let res = try await send(app, .GET, "/api/v1/cycles/\(s.f.cycleID)/bundle.zip", token: try await token(app, "reviewer"))
            #expect(res.status == .ok)
            let archive = try Archive(data: Data(res.body.readableBytesView), accessMode: .read)
            #expect(Set(archive.map(\.path)) == ["VPTU/BCD-v1.pdf", "BNC/TOMTAT-v1.pdf", "manifest.csv"])
            var manifest = Data()
            _ = try archive.extract(try #require(archive["manifest.csv"])) { manifest.append($0) }
            let lines = String(decoding: manifest, as: UTF8.self).split(separator: "\r\n").dropFirst()
            #expect(lines.count == 2)
            for line in lines {
                let fields = line.split(separator: ",").map(String.init)
                var bytes = Data()
                _ = try archive.extract(try #require(archive[fields[7]])) { bytes.append($0) }
                #expect(AuthService.sha256Hex(bytes) == fields[3], "\(fields[7])")
                #expect(String(bytes.count) == fields[4])
            }
            #expect(app.leftoverUploads.isEmpty)
        }
    }

    @Test("each role on each route: officers only their own unit, the secretariat on behalf of any, reviewers read")
    func authorisation() async throws {
        try await withApp { app in
            let s = try await SubmissionFixture.make(app)
            let reviewer = try await token(app, "reviewer")
            // Officer C may not send for unit A; the secretariat (officer A) may send for unit C.
            #expect(try await upload(app, requirement: s.scoring, token: s.officerC, fileName: "a.pdf", data: Sample.pdf(pages: 1), unitID: s.f.unitA).status == .forbidden)
            let own = try await upload(app, requirement: s.scoring, token: s.officerC, fileName: "a.pdf", data: Sample.pdf(pages: 1))
            let onBehalf = try await upload(app, requirement: s.scoring, token: s.officerA, fileName: "b.pdf", data: Sample.pdf(pages: 1), unitID: s.f.unitB)
            #expect(own.status == .created && onBehalf.status == .created)
            #expect(try await upload(app, requirement: s.scoring, token: reviewer, fileName: "a.pdf", data: Sample.pdf(pages: 1)).status == .forbidden)
            // Unit D is not a member of this cycle.
            #expect(try await upload(app, requirement: s.scoring, token: s.admin, fileName: "a.pdf", data: Sample.pdf(pages: 1), unitID: s.f.unitD).status == .forbidden)
            let ownID = try own.content.get(UUID.self, at: "id"), otherID = try onBehalf.content.get(UUID.self, at: "id")
            for path in ["/api/v1/submissions/\(otherID)", "/api/v1/submissions/\(otherID)/file"] {
                #expect(try await send(app, .GET, path, token: s.officerC).status == .forbidden, "\(path)")
                #expect(try await send(app, .GET, path, token: reviewer).status == .ok, "\(path)")
                #expect(try await send(app, .GET, path, token: s.officerA).status == .ok, "\(path)")
                #expect(try await send(app, .GET, path, token: nil).status == .unauthorized, "\(path)")
            }
            #expect(try await send(app, .GET, "/api/v1/submissions/\(ownID)/file", token: s.officerC).status == .ok)
            let secretariatOnly: [(HTTPMethod, String, String?)] = [
                (.POST, "/api/v1/cycles/\(s.f.cycleID)/requirements", #"{"code":"X","title":"X","milestone":"SCORING"}"#),
                (.PATCH, "/api/v1/requirements/\(s.scoring)", #"{"title":"Y"}"#),
                (.DELETE, "/api/v1/requirements/\(s.summary)", nil),
                (.POST, "/api/v1/requirements/\(s.scoring)/extensions", #"{"unitID":"\#(s.f.unitC)","dueAt":"2023-12-09"}"#),
                (.POST, "/api/v1/requirements/\(s.scoring)/originals", #"{"unitID":"\#(s.f.unitC)","count":2}"#),
                (.POST, "/api/v1/submissions/\(ownID)/review", #"{"decision":"accept"}"#),
            ]
            for (method, path, body) in secretariatOnly {
                #expect(try await send(app, method, path, token: s.officerC, json: body).status == .forbidden, "\(path)")
                #expect(try await send(app, method, path, token: reviewer, json: body).status == .forbidden, "\(path)")
            }
            #expect(try await send(app, .GET, "/api/v1/cycles/\(s.f.cycleID)/submission-status", token: s.officerC).status == .forbidden)
            #expect(try await send(app, .GET, "/api/v1/cycles/\(s.f.cycleID)/submission-status", token: reviewer).status == .ok)
            #expect(try await send(app, .GET, "/api/v1/cycles/\(s.f.cycleID)/requirements", token: s.officerC).status == .ok)
            // A requirement with submissions is closed, never deleted.
            #expect(try await send(app, .DELETE, "/api/v1/requirements/\(s.scoring)", token: s.admin).status == .conflict)
        }
    }

    @Test("nominated-unit requirements have no rows until a ballot names the units")
    func nominees() async throws {
        try await withApp { app in
            let s = try await SubmissionFixture.make(app)
            let res = try await send(app, .POST, "/api/v1/cycles/\(s.f.cycleID)/requirements", token: s.admin,
                                     json: #"{"code":"BANCHINH","title":"Bản chính","milestone":"SCORING","audience":"nominated","originalsRequired":2}"#)
            let id = try res.content.get(UUID.self, at: "id")
            #expect(try await upload(app, requirement: id, token: s.officerC, fileName: "a.pdf", data: Sample.pdf(pages: 1)).status == .forbidden)
            try await RequirementService.setNominees(cycleID: s.f.cycleID, unitIDs: [s.f.unitC], on: app.db)
            #expect(try await upload(app, requirement: id, token: s.officerC, fileName: "a.pdf", data: Sample.pdf(pages: 1)).status == .created)
            let m = try await send(app, .GET, "/api/v1/cycles/\(s.f.cycleID)/submission-status", token: s.admin).content.decode(StatusMatrix.self)
            let cells = m.rows.flatMap(\.cells).filter { $0.code == "BANCHINH" }
            #expect(cells.map(\.state.rawValue).sorted() == ["not-required", "not-required", "sent"])
        }
    }
}

@Suite("Bundle paths")
struct BundlePathTests {
    @Test("two units whose short names fold to the same ASCII get distinct folders")
    func foldedNames() async throws {
        try await withApp { app in
            let s = try await SubmissionFixture.make(app)
            let admin = s.admin
            #expect(try await send(app, .PATCH, "/api/v1/units/\(s.f.unitB)", token: admin, json: #"{"shortName":"Tổ chức"}"#).status == .ok)
            #expect(try await send(app, .PATCH, "/api/v1/units/\(s.f.unitC)", token: admin, json: #"{"shortName":"To chuc"}"#).status == .ok)
            for unit in [s.f.unitB, s.f.unitC] {
                #expect(try await upload(app, requirement: s.scoring, token: admin, fileName: "a.pdf", data: Sample.pdf(pages: 1), unitID: unit).status == .created)
            }
            let res = try await send(app, .GET, "/api/v1/cycles/\(s.f.cycleID)/bundle.zip", token: admin)
            #expect(res.status == .ok)
            let archive = try Archive(data: Data(res.body.readableBytesView), accessMode: .read)
            #expect(Set(archive.map(\.path)) == ["To-chuc/BCD-v1.pdf", "To-chuc-2/BCD-v1.pdf", "manifest.csv"])
        }
    }
}
