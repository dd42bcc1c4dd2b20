import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The board's certificates through the API: who can be printed for a year, the calibration of each blank, the PDFs.
enum CertificatesAPI {
    /// `GET /api/v1/certificates?year=&award=`
    static func list(_ req: Request) async throws -> [CertificateRecipientDTO] {
        try req.authorize(.printCertificates)
        return try await CertificatePrinting.recipients(year: try year(req), award: req.query["award"], on: req)
    }

    /// `GET /api/v1/certificates/print.pdf?year=&award=&blank=&ids=`: every recipient of the year (and award), or those
    /// named in `ids` (repeated, or separated by commas), on the chosen blank or on their awards' own.
    static func print(_ req: Request) async throws -> Response {
        try req.authorize(.printCertificates)
        var recipients = try await CertificatePrinting.recipients(year: try year(req), award: req.query["award"], on: req)
        let ids = Self.ids(req)
        if !ids.isEmpty { recipients = recipients.filter { ids.contains($0.awardID) } }
        return try await CertificatePrinting.pdf(recipients, blank: try blankQuery(req), on: req)
    }

    /// `GET /api/v1/awards/{awardID}/certificate.pdf`: one recipient's certificate.
    static func one(_ req: Request) async throws -> Response {
        try req.authorize(.printCertificates)
        let id = try req.idParameter("awardID")
        guard let entry = try await AwardEntry.find(id, on: req.db), entry.awarded else {
            throw AppError.notFound(req.t("certificate.none"))
        }
        let recipients = try await CertificatePrinting.recipients(year: entry.year, award: entry.award, on: req).filter { $0.awardID == id }
        return try await CertificatePrinting.pdf(recipients, blank: try blankQuery(req), on: req)
    }

    /// `GET /api/v1/certificates/layouts`: every blank's calibration, saved or standard.
    static func layouts(_ req: Request) async throws -> [CertificateLayoutDTO] {
        try req.authorize(.printCertificates)
        var out: [CertificateLayoutDTO] = []
        for blank in CertificateBlank.allCases {
            let (layout, record) = try await CertificateLayouts.layout(blank, on: req)
            out.append(CertificateLayouts.dto(layout, record))
        }
        return out
    }

    /// `PUT /api/v1/certificates/layouts/{blank}`
    static func putLayout(_ req: Request) async throws -> CertificateLayoutDTO {
        try req.authorize(.printCertificates)
        let blank = try CertificateLayouts.blank(req)
        let layout = try req.content.decode(CertificateLayout.self)
        return try await CertificateLayouts.save(layout, blank: blank, on: req)
    }

    static func year(_ req: Request) throws -> Int {
        guard let text = req.query[String.self, at: "year"], let year = Int(text), (1900...2200).contains(year) else {
            throw AppError.validation("year", req.t("certificate.bad_year"))
        }
        return year
    }

    static func blankQuery(_ req: Request) throws -> CertificateBlank? {
        guard let text = req.query[String.self, at: "blank"], !text.isEmpty else { return nil }
        guard let blank = CertificateBlank(rawValue: text) else { throw AppError.validation("blank", req.t("certificate.unknown_blank")) }
        return blank
    }

    /// `ids` as a form's ticked boxes send it (the key repeated) or as a program may (commas); unknown words are ignored.
    static func ids(_ req: Request) -> Set<UUID> {
        let items = URLComponents(string: req.url.string)?.queryItems ?? []
        return Set(items.filter { $0.name == "ids" || $0.name == "ids[]" }.flatMap { ($0.value ?? "").split(separator: ",") }
            .compactMap { UUID(uuidString: $0.trimmingCharacters(in: .whitespaces)) })
    }
}
