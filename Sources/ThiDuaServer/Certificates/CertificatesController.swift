import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The board's certificates page: a year's awards to print, ticked by default, and each blank's calibration.
enum CertificatesController {
    struct Row: Encodable {
        var id: UUID
        var recipient: String
        var detail: String
        var bloc: String
        var decision: String
        var url: String
    }

    struct Group: Encodable {
        var award: String
        var awardName: String
        var blankName: String
        var rows: [Row]
        var printURL: String
    }

    struct Blank: Encodable { var key: String; var name: String; var url: String; var testURL: String; var saved: Bool }
    struct Year: Encodable { var year: Int; var url: String; var current: Bool }

    struct Page: Encodable {
        var year: Int?
        var years: [Year]
        var groups: [Group]
        var blanks: [Blank]
        var printURL: String
    }

    static func page(_ req: Request) async throws -> View {
        try req.authorize(.printCertificates)
        let years = try await AwardEntry.query(on: req.db).filter(\.$awarded == true).unique().all(\.$year).sorted(by: >)
        let chosen = req.query[Int.self, at: "year"].flatMap { years.contains($0) ? $0 : nil } ?? years.first
        var recipients: [CertificateRecipientDTO] = []
        if let chosen { recipients = try await CertificatePrinting.recipients(year: chosen, award: nil, on: req) }
        var groups: [Group] = []
        for r in recipients {
            let row = Row(id: r.awardID, recipient: r.recipient, detail: r.detail, bloc: r.bloc,
                          decision: req.t("certificate.decision", ["number": r.decisionNumber,
                                                                   "date": LocalDate.supported(r.decisionDate).map(VietnameseDate.short) ?? r.decisionDate]),
                          url: r.webURL)
            if let i = groups.firstIndex(where: { $0.award == r.award }) { groups[i].rows.append(row); continue }
            groups.append(Group(award: r.award, awardName: r.awardName, blankName: req.t("certificate.blank.\(r.blank.rawValue)"), rows: [row],
                                printURL: SiteURL.Path.certificatesPDF.link() + "?year=\(r.year)&award=\(r.award)"))
        }
        var blanks: [Blank] = []
        for blank in CertificateBlank.allCases {
            let (_, record) = try await CertificateLayouts.layout(blank, on: req)
            blanks.append(Blank(key: blank.rawValue, name: req.t("certificate.blank.\(blank.rawValue)"),
                                url: SiteURL.Path.certificateLayout.link(blank.rawValue),
                                testURL: SiteURL.Path.certificateTestPage.link(blank.rawValue), saved: record != nil))
        }
        return try await req.render("awards/certificates", title: req.t("certificate_title"), Page(
            year: chosen, years: years.map { Year(year: $0, url: SiteURL.Path.certificates.link() + "?year=\($0)", current: $0 == chosen) },
            groups: groups, blanks: blanks, printURL: SiteURL.Path.certificatesPDF.link()))
    }

    /// The web's copies of the API's PDFs: same code, same checks.
    static func print(_ req: Request) async throws -> Response { try await CertificatesAPI.print(req) }
    static func one(_ req: Request) async throws -> Response { try await CertificatesAPI.one(req) }
}
