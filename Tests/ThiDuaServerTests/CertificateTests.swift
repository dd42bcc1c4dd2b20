import Fluent
import Foundation
import Testing
import ThiDuaCore
import ThiDuaDocuments
import VaporTesting
@testable import ThiDuaServer

/// Certificates for the board (issue 17): the recorded awards printed onto a blank's saved calibration, read back
/// from the PDF with `pdftotext -bbox`; skipped where poppler or the font is missing (`.ci/run` installs both).
@Suite("Certificates on blanks")
struct CertificateTests {
    static let available = ExternalTools.pdftotext != nil && (try? CertificateFonts.load(folders: CertificateFonts.folders(configured: nil))) != nil
    static let k = CertificatePlacement.pointsPerMillimetre

    /// Each page's words with their left edge and top, in points.
    static func pages(_ pdf: Data) throws -> [[(text: String, x: Double, y: Double)]] {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("cert-\(UUID().uuidString).pdf")
        try pdf.write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let html = try ExternalTools.run(ExternalTools.pdftotext!, ["-bbox", file.path, "-"])
        let word = try NSRegularExpression(pattern: #"<word xMin="([0-9.]+)" yMin="([0-9.]+)"[^>]*>([^<]*)</word>"#)
        return html.components(separatedBy: "</page>").dropLast().map { chunk in
            let ns = chunk as NSString
            return word.matches(in: chunk, range: NSRange(location: 0, length: ns.length)).map { m in
                (ns.substring(with: m.range(at: 3)).precomposedStringWithCanonicalMapping,
                 Double(ns.substring(with: m.range(at: 1)))!, Double(ns.substring(with: m.range(at: 2)))!)
            }
        }
    }

    static func body(_ res: TestingHTTPResponse) -> Data { Data(res.body.readableBytesView) }

    @Test("a year's awards list and print one page each, with each recipient's name; only the board may", .enabled(if: available))
    func printsTheRecordedAwards() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            for seed in [21, 22] as [UInt64] { try await StatisticsReportTests.decide(app, s, seed: seed) }
            let reviewer = try await token(app, "reviewer")
            let given = try await AwardEntry.query(on: app.db).filter(\.$year == 2023).filter(\.$awarded == true).all()
            let list = try await send(app, .GET, "/api/v1/certificates?year=2023", token: reviewer)
            #expect(list.status == .ok)
            let rows = try JSONDecoder().decode([CertificateRecipientDTO].self, from: Self.body(list))
            #expect(Set(rows.map(\.awardID)) == Set(given.compactMap(\.id)))
            #expect(try await send(app, .GET, "/api/v1/certificates?year=2023", token: s.head).status == .forbidden)
            #expect(try await send(app, .GET, "/api/v1/certificates?year=2023", token: nil).status == .unauthorized)

            // One award kind at a time: a page per recipient, each with its own name, in the list's order.
            let award = try #require(rows.first?.award)
            let ofKind = rows.filter { $0.award == award }
            let pdf = try await send(app, .GET, "/api/v1/certificates/print.pdf?year=2023&award=\(award)", token: reviewer)
            #expect(pdf.status == .ok && pdf.headers.contentType?.description == "application/pdf")
            let pages = try Self.pages(Self.body(pdf))
            #expect(pages.count == ofKind.count)
            for (page, row) in zip(pages, ofKind) {
                let text = page.map(\.text).joined(separator: " ")
                #expect(text.contains(row.recipient), "\(row.recipient) not on its page: \(text)")
                #expect(text.contains(row.decisionNumber))
            }
            // Ticked boxes: only those.
            let two = ofKind.prefix(2).map(\.awardID.uuidString)
            let chosen = try await send(app, .GET, "/api/v1/certificates/print.pdf?year=2023&award=\(award)&ids=\(two.joined(separator: "&ids="))",
                                        token: reviewer)
            #expect(try Self.pages(Self.body(chosen)).count == two.count)
            #expect(try await send(app, .GET, "/api/v1/certificates/print.pdf?year=2023&award=\(award)", token: s.head).status == .forbidden)
            // Awards printed on different blanks are not mixed in one file unless a blank is chosen.
            if Set(rows.map(\.blank)).count > 1 {
                let mixed = try await send(app, .GET, "/api/v1/certificates/print.pdf?year=2023", token: reviewer)
                #expect(mixed.status == .unprocessableEntity && (mixed.problem?.detail ?? "").contains("phôi"))
            }
            #expect(try await send(app, .GET, "/api/v1/certificates/print.pdf?year=hai", token: reviewer).status == .unprocessableEntity)
        }
    }

    @Test("a saved calibration moves the printed text by what was measured; a bad one is refused and the old one kept",
          .enabled(if: available))
    func calibrationIsSavedAndUsed() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            try await StatisticsReportTests.decide(app, s, seed: 31)
            let reviewer = try await token(app, "reviewer")
            let entry = try #require(try await AwardEntry.query(on: app.db).filter(\.$year == 2023).filter(\.$awarded == true).first())
            let path = "/api/v1/awards/\(try entry.requireID())/certificate.pdf?blank=merit"
            let before = try #require(try Self.pages(Self.body(try await send(app, .GET, path, token: reviewer))).first)

            var layout = CertificateLayout.standard(.merit)
            layout.offsetX = 4.5
            layout.offsetY = -3
            let json = String(decoding: try JSONEncoder().encode(layout), as: UTF8.self)
            let saved = try await send(app, .PUT, "/api/v1/certificates/layouts/merit", token: reviewer, json: json)
            #expect(saved.status == .ok)
            let after = try #require(try Self.pages(Self.body(try await send(app, .GET, path, token: reviewer))).first)
            #expect(before.map(\.text) == after.map(\.text) && !before.isEmpty)
            for (a, b) in zip(before, after) {
                #expect(abs(a.x - b.x - 4.5 * Self.k) < 0.05 && abs(b.y - a.y - 3 * Self.k) < 0.05, "\(a.text) moved wrongly")
            }

            // A box past the blank's edge: 422 naming the box, and the saved calibration stays.
            var wrong = layout
            wrong.fields[0].x = 400
            let refused = try await send(app, .PUT, "/api/v1/certificates/layouts/merit", token: reviewer,
                                         json: String(decoding: try JSONEncoder().encode(wrong), as: UTF8.self))
            #expect(refused.status == .unprocessableEntity)
            #expect((refused.problem?.detail ?? "").contains("Tên tập thể, cá nhân"), "\(refused.body.string)")
            let layouts = try JSONDecoder().decode([CertificateLayoutDTO].self,
                                                   from: Self.body(try await send(app, .GET, "/api/v1/certificates/layouts", token: reviewer)))
            #expect(layouts.first { $0.layout.blank == .merit }?.layout == layout)
            #expect(layouts.first { $0.layout.blank == .flag }?.saved == false)
            #expect(try await send(app, .PUT, "/api/v1/certificates/layouts/merit", token: s.head, json: json).status == .forbidden)
            let audits = try await AuditEntry.query(on: app.db).filter(\.$entity == "certificate_layout").all()
            #expect(audits.count == 1, "the refused layout wrote nothing")
            // The province's own wording of the achievement, with the year filled in, replaces the standard line.
            var worded = layout
            worded.achievement = "Đã lập thành tích xuất sắc tiêu biểu năm {year}"
            let wordedSaved = try await send(app, .PUT, "/api/v1/certificates/layouts/merit", token: reviewer,
                                             json: String(decoding: try JSONEncoder().encode(worded), as: UTF8.self))
            #expect(wordedSaved.status == .ok)
            let text = try #require(try Self.pages(Self.body(try await send(app, .GET, path, token: reviewer))).first).map(\.text)
                .joined(separator: " ")
            #expect(text.contains("tiêu biểu năm \(entry.year)") && !text.contains("{year}"), "\(text)")
            // The test page follows the same calibration.
            let test = try await send(app, .GET, "/api/v1/certificates/layouts/merit/test.pdf", token: reviewer)
            #expect(test.status == .ok)
            let ruler = try Self.pages(Self.body(test)).first ?? []
            #expect(ruler.contains { $0.text == "50" }, "the ruler is printed")
        }
    }

    @Test("the calibration form takes a decimal comma and shows a refused form again with its reason", .enabled(if: available))
    func calibrationForm() async throws {
        try await withApp { app in
            _ = try await ScoringFixture.make(app)
            var browser = Browser(app: app)
            _ = try await browser.signIn("reviewer")
            let page = try await browser.get("/board/certificates/layouts/commendation")
            #expect(page.status == .ok && page.body.string.contains("Căn chỉnh phôi"))
            let csrf = try #require(Browser.csrf(in: page.body.string))
            var form = ["csrfToken": csrf, "pageWidth": "297", "pageHeight": "210", "offsetX": "2,5", "offsetY": "-1"]
            for f in CertificateLayout.standard(.commendation).fields {
                let k = f.field.rawValue
                form["\(k).x"] = CertificateLayoutController.mm(f.x)
                form["\(k).y"] = CertificateLayoutController.mm(f.y)
                form["\(k).width"] = CertificateLayoutController.mm(f.width)
                form["\(k).size"] = CertificateLayoutController.mm(f.size)
                form["\(k).maxLines"] = String(f.maxLines)
                if f.alignment == .center { form["\(k).center"] = "on" }
            }
            let ok = try await browser.post("/board/certificates/layouts/commendation", form)
            #expect(ok.status == .seeOther)
            let (layout, record) = try await CertificateLayouts.layout(.commendation, province: "", on: app.db)
            #expect(record != nil && layout.offsetX == 2.5 && layout.offsetY == -1)
            #expect(layout.fields.first { $0.field == .recipient }?.bold == false, "an unticked box is saved unticked")

            form["offsetX"] = "hai"
            form["recipient.y"] = "999"
            let refused = try await browser.post("/board/certificates/layouts/commendation", form)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("value=\"999\""), "the form comes back with what was typed")
            #expect(refused.body.string.contains("Các ô sau không phải là số: Độ lệch ngang"), "the reason names the box")
            #expect(try await CertificateLayouts.layout(.commendation, province: "", on: app.db).0 == layout, "nothing saved")
            var other = Browser(app: app)
            _ = try await other.signIn("officer.a")
            #expect(try await other.get("/board/certificates").status == .forbidden)
        }
    }

    @Test("without the font the board is told what to install, not shown a crash")
    func missingFont() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            try await StatisticsReportTests.decide(app, s, seed: 41)
            app.settings.fontFolders = [FileManager.default.temporaryDirectory.appendingPathComponent("no-fonts-here").path]
            let res = try await send(app, .GET, "/api/v1/certificates/layouts/flag/test.pdf", token: try await token(app, "reviewer"))
            #expect(res.status == .serviceUnavailable)
            #expect((res.problem?.detail ?? "").contains("Times New Roman"))
        }
    }
}
