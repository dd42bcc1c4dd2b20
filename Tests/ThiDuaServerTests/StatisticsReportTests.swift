import Fluent
import Foundation
import Testing
import ThiDuaCore
import ThiDuaDocuments
import VaporTesting
@testable import ThiDuaServer

/// The yearly statistics workbook counts exactly the awards the recorded decisions gave (issue 17).
@Suite("The statistics workbook")
struct StatisticsReportTests {
    /// Generated decisions: for each seed, a proposal decided with random nominees, some refused, some of another year.
    static func decide(_ app: Application, _ s: ScoringFixture, seed: UInt64) async throws {
        var random = SplitMix64(seed: seed)
        let p = Proposal()
        (p.cycleID, p.title, p.status) = (s.f.cycleID, "Tờ trình \(seed)", .decided)
        try await p.create(on: app.db)
        let d = Decision()
        (d.proposalID, d.number, d.date, d.issuer, d.recordedAt) = (try p.requireID(), "\(seed)/QĐ-UBND", "2024-01-20", "UBND tỉnh", testNow)
        // Some decisions recorded before the method was asked (nil), the others by one of the methods.
        d.method = random.next() % 4 == 0 ? nil : AwardMethod.allCases[Int(random.next() % 6)].rawValue
        try await d.create(on: app.db)
        let kinds = ["provincialFlag", "excellentCollective", "baseEmulationSoldier", "chairmanMerit"]
        for i in 0..<Int(3 + random.next() % 12) {
            let n = Nominee()
            let collective = random.next() % 2 == 0
            (n.cycleID, n.kind, n.unitID, n.label) = (s.f.cycleID, collective ? .collective : .individual, [s.f.unitA, s.f.unitB, s.f.unitC][i % 3], "Đề nghị \(seed)-\(i)")
            (n.award, n.source) = (kinds[Int(random.next() % 4)], .dossier)
            if !collective {
                let person = Person()
                (person.unitID, person.fullName, person.foldedName) = (n.unitID, n.label, VietnameseText.fold(n.label))
                person.positionLevel = random.next() % 3 == 0 ? nil : PositionLevel.allCases[Int(random.next() % UInt64(PositionLevel.allCases.count))].rawValue
                try await person.create(on: app.db)
                n.personID = person.id
            }
            try await n.create(on: app.db)
            let e = AwardEntry()
            (e.decisionID, e.nomineeID, e.unitID, e.award) = (try d.requireID(), try n.requireID(), n.unitID, n.award)
            e.personID = n.personID
            (e.year, e.awarded) = (random.next() % 5 == 0 ? 2022 : 2023, random.next() % 6 != 0)
            try await e.create(on: app.db)
        }
    }

    /// Each sheet's cells as text, row by row (numbers as written), for the tests that read a workbook back.
    static func sheets(_ data: Data) throws -> [[String]] {
        try XLSXReader.read(data).map { sheet in
            sheet.cells.sorted { $0.key < $1.key }.map { cell -> String in
                switch cell.value.value {
                case .text(let text): return text
                case .number(let number): return "\(number)"
                default: return ""
                }
            }
        }
    }

    @Test("the workbook opens in LibreOffice Calc and prints the form's headings and rows",
          .enabled(if: PDFConverter.sofficePath != nil && ExternalTools.pdftotext != nil))
    func opensInCalc() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            try await Self.decide(app, s, seed: 21)
            let res = try await send(app, .GET, "/api/v1/statistics/2023", token: try await token(app, "reviewer"))
            let work = FileManager.default.temporaryDirectory.appendingPathComponent("stats-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: work) }
            let xlsx = work.appendingPathComponent("thong-ke.xlsx")
            try Data(res.body.readableBytesView).write(to: xlsx)
            _ = try ExternalTools.run(PDFConverter.sofficePath!, ["-env:UserInstallation=file://\(work.path)/profile", "--headless",
                                                         "--convert-to", "pdf", "--outdir", work.path, xlsx.path])
            let text = try ExternalTools.run(ExternalTools.pdftotext!, ["-layout", work.appendingPathComponent("thong-ke.pdf").path, "-"])
                .precomposedStringWithCanonicalMapping
            for heading in ["Biểu số: 0601.N/BNV-TĐKT", "SỐ PHONG TRÀO THI ĐUA", "Biểu số: 0603.N/BNV-TĐKT", "SỐ LƯỢNG KHEN THƯỞNG", "Năm 2023", "Mã số", "Chia theo phương thức khen thưởng",
                            "Kháng chiến", "NGƯỜI LẬP BIỂU"] {
                #expect(text.contains(heading), "\(heading) not printed")
            }
            // Each form prints on one landscape page, whole: its number, its last column's heading and the signatures.
            func page(_ n: Int) throws -> String {
                try ExternalTools.run(ExternalTools.pdftotext!, ["-f", "\(n)", "-l", "\(n)", "-layout", work.appendingPathComponent("thong-ke.pdf").path, "-"])
                    .precomposedStringWithCanonicalMapping
            }
            let (first, second) = (try page(1), try page(2))
            for part in ["Biểu số: 0601.N/BNV-TĐKT", "Cơ quan, tổ chức, đơn vị", "Thi đua thường xuyên hàng năm", "THỦ TRƯỞNG ĐƠN VỊ"] {
                #expect(first.contains(part), "page 1 lacks \(part)")
            }
            for part in ["Biểu số: 0603.N/BNV-TĐKT", "Huy hiệu (kỷ niệm", "Kháng chiến", "THỦ TRƯỞNG ĐƠN VỊ"] {
                #expect(second.contains(part), "page 2 lacks \(part)")
            }
            #expect(!first.contains("0603.N"))
        }
    }

    @Test("each sheet's rows add up to the awards given that year, kind by kind, for the board only")
    func totalsEqualTheDecisions() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            for seed in [11, 12, 13] as [UInt64] { try await Self.decide(app, s, seed: seed) }
            let reviewer = try await token(app, "reviewer")
            let res = try await send(app, .GET, "/api/v1/statistics/2023", token: reviewer)
            #expect(res.status == .ok)
            let sheets = try Self.sheets(Data(res.body.readableBytesView))
            let given = try await AwardEntry.query(on: app.db).filter(\.$year == 2023).filter(\.$awarded == true).all()
            #expect(given.count > 0)
            let byAward = sheets[2]
            // The totals row: "Tổng cộng", then total, collectives, individuals.
            let total = try #require(byAward.firstIndex(of: "Tổng cộng"))
            #expect(byAward[total + 1] == String(given.count), "\(byAward)")
            let nominees = try await Nominee.query(on: app.db).all()
            let collectives = given.filter { e in nominees.first { $0.id == e.nomineeID }?.kind == .collective }.count
            #expect(byAward[total + 2] == String(collectives) && byAward[total + 3] == String(given.count - collectives))
            // Each kind's row counts that kind's awards.
            for kind in AwardKind.common where given.contains(where: { $0.award == kind.key }) {
                let at = try #require(byAward.firstIndex(of: kind.name), "no row for \(kind.name)")
                #expect(byAward[at + 1] == String(given.filter { $0.award == kind.key }.count))
            }
            // The bloc sheet adds up to the same total, and the sheet names what the system does not hold yet.
            let byBloc = sheets[3]
            #expect(byBloc[try #require(byBloc.firstIndex(of: "Tổng cộng")) + 1] == String(given.count))
            #expect(byAward.contains { $0.contains("Thường xuyên") }, "the sheet says how older decisions count")
            // By method: each method's row counts its decisions' awards, those before the method was asked as regular.
            let decisions = try await Decision.query(on: app.db).all()
            func method(_ e: AwardEntry) -> AwardMethod {
                decisions.first { $0.id == e.decisionID }?.method.flatMap(AwardMethod.init(rawValue:)) ?? .regular
            }
            let byMethod = sheets[4]
            for m in AwardMethod.allCases where given.contains(where: { method($0) == m }) {
                let label = app.localizer.text(m.labelKey, "vi")
                let at = try #require(byMethod.firstIndex(of: label), "no row for \(label)")
                #expect(byMethod[at + 1] == String(given.filter { method($0) == m }.count))
            }
            // Individuals by level: every individual counted once, those without a level apart.
            let people = try await Person.query(on: app.db).all()
            let individuals = given.filter { $0.personID != nil }
            let byLevel = sheets[5]
            #expect(byLevel[try #require(byLevel.firstIndex(of: "Tổng cộng")) + 1] == String(individuals.count))
            let unrecorded = individuals.filter { e in people.first { $0.id == e.personID }?.positionLevel == nil }.count
            if unrecorded > 0 { #expect(byLevel[try #require(byLevel.firstIndex(of: "Chưa ghi vị trí")) + 1] == String(unrecorded)) }
            #expect(try await send(app, .GET, "/api/v1/statistics/2023", token: s.head).status == .forbidden)

            // Biểu 0603: the form's own heading, and its rows equal the province's awards in the database.
            let form = try XLSXReader.read(Data(res.body.readableBytesView))[1]
            func text(_ r: Int, _ c: Int) -> String? { if case .text(let t)? = form.cell(r, c)?.value { t } else { nil } }
            func number(_ r: Int, _ c: Int) -> Int? { if case .number(let n)? = form.cell(r, c)?.value { NSDecimalNumber(decimal: n).intValue } else { nil } }
            #expect(form.name == "Biểu 0603.N" && text(1, 1) == "Biểu số: 0603.N/BNV-TĐKT")
            let rowOf = Dictionary(uniqueKeysWithValues: (1...form.maxRow).compactMap { r in text(r, 2).map { ($0, r) } })
            let onForm = given.filter { ["provincialFlag", "chairmanMerit"].contains($0.award) }
            let formTotal = try #require(rowOf["01"])
            #expect(number(formTotal, 4) == onForm.count && number(formTotal, 5) == onForm.filter { $0.award == "chairmanMerit" }.count)
            #expect(number(formTotal, 7) == onForm.filter { $0.award == "provincialFlag" }.count)
            let individualsOnForm = onForm.filter { $0.personID != nil }
            #expect(number(try #require(rowOf["05"]), 4) == individualsOnForm.count)
            let workers = individualsOnForm.filter { e in people.first { $0.id == e.personID }?.positionLevel == PositionLevel.directWorker.rawValue }
            #expect(number(try #require(rowOf["10"]), 4) == workers.count)
            #expect(number(try #require(rowOf["11"]), 4) == onForm.filter { method($0) == .regular }.count)
            #expect(number(try #require(rowOf["03"]), 4) == nil, "enterprises are not held: left for the board")
        }
    }

    /// Biểu 0601's coded row `code`: its total and one value per launching level, as the board's workbook for `year` says.
    static func form0601(_ app: Application, year: Int, token: String, row code: String) async throws -> [Int] {
        let res = try await send(app, .GET, "/api/v1/statistics/\(year)", token: token)
        let form = try #require(try XLSXReader.read(Data(res.body.readableBytesView)).first)
        #expect(form.name == "Biểu 0601.N")
        func text(_ r: Int, _ c: Int) -> String? { if case .text(let t)? = form.cell(r, c)?.value { t } else { nil } }
        #expect(text(1, 1) == "Biểu số: 0601.N/BNV-TĐKT")
        let row = try #require((1...form.maxRow).first { text($0, 2) == code }, "no row \(code)")
        return (3...6).compactMap { c in if case .number(let n)? = form.cell(row, c)?.value { NSDecimalNumber(decimal: n).intValue } else { nil } }
    }

    @Test("biểu 0601 counts each bloc's emulation year of that year as one movement, and follows the cycles")
    func movementsFollowTheCycles() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            let reviewer = try await token(app, "reviewer")
            let years2023 = try await Cycle.query(on: app.db).filter(\.$year == 2023).count()
            #expect(years2023 > 0)
            let before = try await Self.form0601(app, year: 2023, token: reviewer, row: "04")
            #expect(before == [years2023, 0, years2023, 0])
            #expect(try await Self.form0601(app, year: 2024, token: reviewer, row: "01") == [0, 0, 0, 0])
            // A third bloc runs 2023 and the fixture's bloc 2024: each year's form follows.
            let bloc = Bloc(name: "Khối các huyện", issuer: "UBND tỉnh", houseStyle: .state)
            try await bloc.create(on: app.db)
            let cycle = try await Cycle.find(s.f.cycleID, on: app.db)!
            for (blocID, year) in [(try bloc.requireID(), 2023), (s.f.blocID, 2024)] {
                try await Cycle(blocID: blocID, year: year, headUnitID: cycle.$headUnit.id, deputyUnitID: cycle.$deputyUnit.id, ruleSetID: nil)
                    .create(on: app.db)
            }
            for code in ["01", "04", "07", "12"] {
                let after = try await Self.form0601(app, year: 2023, token: reviewer, row: code)
                #expect(after == [years2023 + 1, 0, years2023 + 1, 0], "row \(code)")
            }
            #expect(try await Self.form0601(app, year: 2024, token: reviewer, row: "12") == [1, 0, 1, 0])
            #expect(try await Self.form0601(app, year: 2023, token: reviewer, row: "11") == [0, 0, 0, 0])
        }
    }
}
