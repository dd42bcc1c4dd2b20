import Fluent
import Foundation
import NIOConcurrencyHelpers
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Each blank's calibration: the saved one, else the standard starting point; saving checks it whole and is audited.
/// Each province calibrates its own (`BoardScope.province`): its blanks and its printer.
enum CertificateLayouts {
    static func layout(_ blank: CertificateBlank, province: String, on db: Database) async throws -> (CertificateLayout, CertificateLayoutRecord?) {
        guard let record = try await saved(blank, province: province, on: db),
              let saved = try? JSONDecoder().decode(CertificateLayout.self, from: Data(record.document.utf8)) else {
            return (.standard(blank), nil)
        }
        return (saved, record)
    }

    private static func saved(_ blank: CertificateBlank, province: String, on db: Database) async throws -> CertificateLayoutRecord? {
        try await CertificateLayoutRecord.query(on: db).filter(\.$province == province).filter(\.$blank == blank.rawValue).first()
    }

    /// The user's province's calibration of `blank`.
    static func layout(_ blank: CertificateBlank, on req: Request) async throws -> (CertificateLayout, CertificateLayoutRecord?) {
        try await layout(blank, province: BoardScope.province(on: req), on: req.db)
    }

    static func dto(_ layout: CertificateLayout, _ record: CertificateLayoutRecord?) -> CertificateLayoutDTO {
        CertificateLayoutDTO(layout: layout, saved: record != nil, updatedAt: record.map { LocalTime.rfc3339($0.updatedAt) },
                             updatedBy: record?.updatedBy, testPageURL: SiteURL.Path.apiCertificateTestPage.link(layout.blank.rawValue))
    }

    static func blank(_ req: Request) throws -> CertificateBlank {
        guard let blank = req.parameters.get("blank").flatMap(CertificateBlank.init(rawValue:)) else {
            throw AppError.notFound(req.t("certificate.unknown_blank"))
        }
        return blank
    }

    /// The problems of a layout in the user's words; empty when it can be saved.
    static func problems(_ layout: CertificateLayout, on req: Request) -> [String] {
        CertificatePlacement.problems(layout).map { message($0, on: req) }
    }

    static func message(_ problem: CertificateProblem, on req: Request) -> String {
        func field(_ f: CertificateField) -> [String: String] { ["field": req.t("certificate.field.\(f.rawValue)")] }
        return switch problem {
        case .pageSize: req.t("certificate.problem.page_size")
        case .offset: req.t("certificate.problem.offset")
        case let .outside(f): req.t("certificate.problem.outside", field(f))
        case let .size(f): req.t("certificate.problem.size", field(f))
        case let .duplicate(f): req.t("certificate.problem.duplicate", field(f))
        case let .doesNotFit(f): req.t("certificate.problem.does_not_fit", field(f))
        }
    }

    /// Saves `layout` for its blank (the path's blank wins over the body's), replacing the one before; both are in
    /// the audit entry.
    static func save(_ layout: CertificateLayout, blank: CertificateBlank, on req: Request) async throws -> CertificateLayoutDTO {
        try req.authorize(.printCertificates)
        var layout = layout
        layout.blank = blank
        if let text = layout.achievement {
            let clean = try Validate.optionalName(text, "achievement", max: 300, on: req)
            layout.achievement = clean?.isEmpty == false ? clean : nil
        }
        let problems = problems(layout, on: req)
        guard problems.isEmpty else { throw AppError.validation("layout", problems.joined(separator: " ")) }
        let document = String(decoding: try JSONEncoder.sorted.encode(layout), as: UTF8.self)
        let actor = req.actorName
        let now = req.now
        let province = try await BoardScope.province(on: req)
        let record = try await req.audited { db in
            let existing = try await saved(blank, province: province, on: db)
            let record = existing ?? CertificateLayoutRecord()
            let before = existing?.document
            record.province = province
            record.blank = blank.rawValue
            record.document = document
            record.updatedAt = now
            record.updatedBy = actor
            try await record.save(on: db)
            return (record, AuditRecord(actor: actor, action: "calibrate", entity: "certificate_layout", entityID: blank.rawValue,
                                        before: before.map { ["layout": $0] }, after: ["layout": document]))
        }
        return dto(layout, record)
    }
}

extension JSONEncoder {
    /// Keys in order, so a saved layout and its audit entry read the same each time.
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}

extension Application {
    private struct FontsKey: StorageKey { typealias Value = NIOLockedValueBox<PDFFonts?> }

    /// Called once while the app is configured, before any request: storage is not for writing concurrently.
    func prepareCertificateFonts() { storage[FontsKey.self] = NIOLockedValueBox(nil) }

    /// The certificate font, read from disk on first use and kept; a missing font is a clear refusal, not a crash.
    func certificateFonts(on req: Request) throws -> PDFFonts {
        let folders = settings.fontFolders
        let box = storage[FontsKey.self] ?? NIOLockedValueBox(nil)
        return try box.withLockedValue { cached in
            if let cached { return cached }
            do {
                let fonts = try CertificateFonts.load(folders: folders)
                cached = fonts
                return fonts
            } catch {
                throw AppError(.serviceUnavailable, "font", req.t("certificate.no_font", ["folders": folders.joined(separator: ", ")]))
            }
        }
    }
}
