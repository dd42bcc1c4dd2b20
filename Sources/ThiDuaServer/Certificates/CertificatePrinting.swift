import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// The awards of a year as certificates to print: read from the recorded decisions, set onto a blank's calibration.
enum CertificatePrinting {
    /// Every award given in `year` (optionally of one kind), with its recipient's texts: a fixed number of queries.
    static func recipients(year: Int, award: String?, on req: Request) async throws -> [CertificateRecipientDTO] {
        let db = req.db
        var query = AwardEntry.query(on: db).filter(\.$year == year).filter(\.$awarded == true)
        if let award { query = query.filter(\.$award == award) }
        let entries = try await query.all()
        func byID<M: Model>(_ rows: [M]) -> [UUID: M] where M.IDValue == UUID {
            Dictionary(rows.compactMap { r in r.id.map { ($0, r) } }, uniquingKeysWith: { a, _ in a })
        }
        let nominees = byID(try await Nominee.query(on: db).filter(\.$id ~~ Set(entries.map(\.nomineeID))).all())
        let people = byID(try await Person.query(on: db).filter(\.$id ~~ Set(entries.compactMap(\.personID))).all())
        let units = byID(try await Unit.query(on: db).filter(\.$id ~~ Set(entries.map(\.unitID))).all())
        let decisions = byID(try await Decision.query(on: db).filter(\.$id ~~ Set(entries.map(\.decisionID))).all())
        let cycles = byID(try await Cycle.query(on: db).filter(\.$id ~~ Set(nominees.values.map(\.cycleID))).all())
        let blocs = byID(try await Bloc.query(on: db).filter(\.$id ~~ Set(cycles.values.map(\.$bloc.id))).all())
        let scope = try await BoardScope.blocIDs(on: req)
        let names = try await StatisticsReport.awardNames(cycles: Array(cycles.values), on: db)
        let rows = entries.compactMap { e -> CertificateRecipientDTO? in
            guard let id = e.id, let nominee = nominees[e.nomineeID], let decision = decisions[e.decisionID] else { return nil }
            let bloc = cycles[nominee.cycleID].flatMap { blocs[$0.$bloc.id] }
            if let scope, !scope.contains(bloc?.id ?? UUID()) { return nil }
            let unit = units[e.unitID]?.name ?? ""
            let person = e.personID.flatMap { people[$0] }
            let detail = person.map { [$0.position, unit].compactMap { $0?.isEmpty == false ? $0 : nil }.joined(separator: ", ") } ?? ""
            return CertificateRecipientDTO(
                awardID: id, year: e.year, award: e.award, awardName: names[e.award] ?? e.award,
                recipient: person?.fullName ?? nominee.label, detail: detail, bloc: bloc?.name ?? "", place: bloc?.place ?? "",
                decisionNumber: decision.number, decisionDate: decision.date, blank: .forAward(e.award),
                url: SiteURL.Path.apiCertificate.link(id), webURL: SiteURL.Path.certificate.link(id))
        }
        return VietnameseText.sorted(rows, by: { "\($0.awardName) \($0.recipient)" })
    }

    /// The texts printed for one recipient: the decision's date is the certificate's date, at the bloc's place.
    static func texts(_ r: CertificateRecipientDTO, achievement layoutAchievement: String? = nil, on req: Request) -> [CertificateField: String] {
        let date = LocalDate.supported(r.decisionDate)
        let achievement = layoutAchievement.map {
            $0.replacingOccurrences(of: "{year}", with: String(r.year)).replacingOccurrences(of: "{bloc}", with: r.bloc)
        } ?? (r.blank == .flag
            ? req.t("certificate.achievement.flag", ["year": String(r.year), "bloc": r.bloc])
            : req.t("certificate.achievement.other", ["year": String(r.year)]))
        var texts: [CertificateField: String] = [.recipient: r.recipient, .achievement: achievement,
                                                 .decision: req.t("certificate.decision", ["number": r.decisionNumber,
                                                                                           "date": date.map(VietnameseDate.short) ?? r.decisionDate])]
        if !r.detail.isEmpty { texts[.detail] = r.detail }
        if let date { texts[.placeDate] = r.place.isEmpty ? VietnameseDate.day(date).capitalizedFirst : "\(r.place), \(VietnameseDate.day(date))" }
        return texts
    }

    /// One PDF with a page per recipient, on `blank` (or each award's own blank when all share it).
    static func pdf(_ recipients: [CertificateRecipientDTO], blank: CertificateBlank?, on req: Request) async throws -> Response {
        try req.authorize(.printCertificates)
        guard !recipients.isEmpty else { throw AppError.notFound(req.t("certificate.none")) }
        let chosen = blank ?? recipients[0].blank
        guard blank != nil || recipients.allSatisfy({ $0.blank == chosen }) else {
            throw AppError.validation("blank", req.t("certificate.mixed_blanks"))
        }
        let (layout, _) = try await CertificateLayouts.layout(chosen, on: req)
        let fonts = try req.application.certificateFonts(on: req)
        let pages = recipients.map { texts($0, achievement: layout.achievement, on: req) }
        let title = req.t("certificate.blank.\(chosen.rawValue)")
        let data: Data
        do {
            // A year's batch sets hundreds of pages and compresses the fonts: on the thread pool, not the event loop.
            data = try await req.application.threadPool.runIfActive {
                try CertificatePDF.certificates(pages, layout: layout, fonts: fonts, title: title)
            }
        } catch let problem as CertificateProblem {
            let who = zip(recipients, pages).first { (try? CertificatePlacement.place($0.1, on: layout, measure: PDFFontMeasure(fonts))) == nil }?.0
            throw AppError.validation("layout", (CertificateLayouts.message(problem, on: req))
                                      + (who.map { " " + req.t("certificate.whose", ["name": $0.recipient]) } ?? ""))
        } catch let PDFWriter.Problem.missingGlyphs(characters) {
            throw AppError.validation("font", req.t("certificate.missing_glyphs", ["characters": String(characters)]))
        }
        let name = recipients.count == 1 ? "\(recipients[0].recipient).pdf" : req.t("certificate.file", ["year": String(recipients[0].year)])
        return SubmissionsAPI.file(data, type: "application/pdf", name: name)
    }

    /// The test page of a blank: rulers, the boxes, a sample, the instructions.
    static func testPage(_ req: Request) async throws -> Response {
        try req.authorize(.printCertificates)
        let blank = try CertificateLayouts.blank(req)
        let (layout, _) = try await CertificateLayouts.layout(blank, on: req)
        let fonts = try req.application.certificateFonts(on: req)
        let labels = Dictionary(uniqueKeysWithValues: CertificateField.allCases.map { ($0, req.t("certificate.field.\($0.rawValue)")) })
        let samples = Dictionary(uniqueKeysWithValues: CertificateField.allCases.map { ($0, req.t("certificate.sample.\($0.rawValue)")) })
        let instructions = (1...4).map { req.t("certificate.instructions.\($0)") }
        let data = try CertificatePDF.testPage(layout, fonts: fonts, labels: labels, samples: samples, instructions: instructions,
                                               title: req.t("certificate_test_page"))
        return SubmissionsAPI.file(data, type: "application/pdf",
                                   name: req.t("certificate.test_file", ["blank": req.t("certificate.blank.\(blank.rawValue)")]))
    }
}

extension String {
    /// "ngày 05…" → "Ngày 05…", for a date that starts its line.
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
