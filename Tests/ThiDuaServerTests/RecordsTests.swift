import Fluent
import Foundation
import Testing
import ThiDuaDocuments
import VaporTesting
@testable import ThiDuaServer

/// A year's export, the province's award history, and a person's own data: readable, authorised, audited.
@Suite("Records: exports and personal data")
struct RecordsTests {
    /// Decided awards for `people` (name, year) of unit C, each with its proposal and decision.
    static func awards(_ app: Application, _ f: Fixture, _ people: [(String, Int)]) async throws -> [UUID] {
        var ids: [UUID] = []
        for (i, (name, year)) in people.enumerated() {
            let person = Person()
            (person.unitID, person.fullName, person.foldedName, person.position) = (f.unitC, name, name.lowercased(), "Chuyên viên")
            try await person.create(on: app.db)
            let nominee = Nominee()
            (nominee.cycleID, nominee.kind, nominee.unitID, nominee.personID) = (f.cycleID, .individual, f.unitC, person.id)
            (nominee.label, nominee.award, nominee.source) = (name, "baseEmulationSoldier", .dossier)
            try await nominee.create(on: app.db)
            let proposal = Proposal()
            (proposal.cycleID, proposal.title, proposal.status) = (f.cycleID, "Đề nghị \(i)", .decided)
            try await proposal.create(on: app.db)
            let decision = Decision()
            (decision.proposalID, decision.number, decision.date, decision.issuer, decision.recordedAt) =
                (proposal.id!, "\(100 + i)/QĐ-UBND", "\(year + 1)-01-20", "UBND tỉnh", testNow)
            try await decision.create(on: app.db)
            let entry = AwardEntry()
            (entry.decisionID, entry.nomineeID, entry.unitID, entry.personID) = (decision.id!, nominee.id!, f.unitC, person.id)
            (entry.award, entry.year, entry.awarded) = ("baseEmulationSoldier", year, true)
            try await entry.create(on: app.db)
            ids.append(person.id!)
        }
        return ids
    }

    static func texts(_ xlsx: Data) throws -> [String] {
        try XLSXReader.read(xlsx).flatMap { $0.cells.sorted { $0.key < $1.key }.map { "\($0.value.value)" } }
    }

    @Test("the award history workbook lists exactly the decided awards, newest first, for reviewers only")
    func awardHistory() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let reviewer = try await token(app, "reviewer")
            #expect(try await send(app, .GET, "/api/v1/awards.xlsx", token: try await token(app, "officer.a")).status == .forbidden)
            var seen: [[String]] = []
            for people in [[("Nguyễn Thị Hòa", 2022)], [("Trần Văn Minh", 2023), ("Lê Thu Hương", 2021)]] {
                _ = try await Self.awards(app, f, people)
                let res = try await send(app, .GET, "/api/v1/awards.xlsx", token: reviewer)
                #expect(res.status == .ok)
                seen.append(try Self.texts(Data(res.body.readableBytesView)))
            }
            // The workbook follows the data: one row more per award, the new names in it, newest year first.
            #expect(seen[0].contains { $0.contains("Nguyễn Thị Hòa") } && !seen[0].contains { $0.contains("Trần Văn Minh") })
            let all = seen[1].joined(separator: "|")
            for name in ["Nguyễn Thị Hòa", "Trần Văn Minh", "Lê Thu Hương"] { #expect(all.contains(name)) }
            let minh = try #require(all.range(of: "Trần Văn Minh")), hoa = try #require(all.range(of: "Nguyễn Thị Hòa"))
            let huong = try #require(all.range(of: "Lê Thu Hương"))
            #expect(minh.lowerBound < hoa.lowerBound && hoa.lowerBound < huong.lowerBound, "not newest year first")
            #expect(all.contains("20/01/2024") && all.contains("101/QĐ-UBND"))
        }
    }

    @Test("a person's data is exported and corrected by the administrator only, each step audited")
    func personalData() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            let id = try #require(try await Self.awards(app, f, [("Nguyễn Thị Hòa", 2022)]).first)
            let admin = try await token(app, "admin")
            #expect(try await send(app, .GET, "/api/v1/people/\(id)/data", token: try await token(app, "reviewer")).status == .forbidden)
            let data = try await send(app, .GET, "/api/v1/people/\(id)/data", token: admin)
            #expect(data.status == .ok)
            let export = try data.content.decode(RecordsService.PersonData.self)
            #expect(export.person.fullName == "Nguyễn Thị Hòa" && export.awards.map(\.year) == [2022] && export.nominations.count == 1)
            let fixed = try await send(app, .PATCH, "/api/v1/people/\(id)", token: admin, json: #"{"fullName":"Nguyễn Thị Hoà  Bình","position":"Phó Trưởng phòng"}"#)
            #expect(fixed.status == .ok)
            let person = try #require(try await Person.find(id, on: app.db))
            #expect(person.fullName == "Nguyễn Thị Hoà Bình" && person.position == "Phó Trưởng phòng")
            #expect(try await send(app, .GET, "/api/v1/people?q=hoa%20binh", token: admin).body.string.contains("Nguyễn Thị Hoà Bình"))
            let audit = try await AuditEntry.query(on: app.db).filter(\.$entity == "person").sort(\.$seq).all()
            #expect(audit.map(\.action) == ["export-personal-data", "correct"])
            #expect(audit.last?.before?.contains("Nguyễn Thị Hòa") == true && audit.last?.after?.contains("Bình") == true)
        }
    }

    @Test("a year's export holds its data as JSON and every version's original file")
    func cycleExport() async throws {
        try await withApp { app in
            let s = try await SubmissionFixture.make(app)
            let pdf = Sample.pdf(pages: 1)
            #expect(try await upload(app, requirement: s.summary, token: s.officerC, fileName: "tom-tat.pdf", data: pdf).status == .created)
            #expect(try await upload(app, requirement: s.summary, token: s.officerC, fileName: "tom-tat-2.pdf", data: pdf + Data("%v2".utf8)).status == .created)
            #expect(try await send(app, .GET, "/api/v1/cycles/\(s.f.cycleID)/export.zip", token: s.officerC).status == .forbidden)
            let res = try await send(app, .GET, "/api/v1/cycles/\(s.f.cycleID)/export.zip", token: s.officerA)
            #expect(res.status == .ok && res.headers.contentType?.description == "application/zip")
            let file = URL(fileURLWithPath: NSTemporaryDirectory() + UUID().uuidString + ".zip")
            try Data(res.body.readableBytesView).write(to: file)
            let zip = try ZipBundleReader(url: file)
            for name in ["cycle.json", "milestones.json", "requirements.json", "submissions.json", "ranking.json", "ballots.json", "proposals.json"] {
                #expect(zip.paths.contains(name), "\(name) missing")
            }
            let submissions = try JSONDecoder().decode([SubmissionDTO].self, from: zip.data("submissions.json", limit: 1 << 20))
            #expect(submissions.map(\.version).sorted() == [1, 2])
            #expect(try zip.data("files/submissions/VPTU/TOMTAT-v1.pdf", limit: 1 << 20) == pdf)
            #expect(try zip.data("files/submissions/VPTU/TOMTAT-v2.pdf", limit: 1 << 20).count == pdf.count + 3)
            #expect(try await AuditEntry.query(on: app.db).filter(\.$action == "export").filter(\.$entity == "cycle").count() == 1)
        }
    }
}
