import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// One blank's calibration as a form: the blank's size, the printer's shift, and each field's box, in millimetres.
/// A refused form is shown again as typed, with the reason, so nothing measured is lost.
enum CertificateLayoutController {
    struct FieldRow: Encodable {
        var key: String
        var name: String
        var x: String, y: String, width: String, size: String, maxLines: String
        var center: Bool, bold: Bool, italic: Bool
    }

    struct Page: Encodable {
        var blank: String
        var blankName: String
        var pageWidth: String, pageHeight: String, offsetX: String, offsetY: String
        var fields: [FieldRow]
        var achievement: String
        var error: String?
        var updated: String?
        var testURL: String
        var backURL: String
        var action: String
    }

    static func page(_ req: Request) async throws -> View {
        try req.authorize(.printCertificates)
        let blank = try CertificateLayouts.blank(req)
        let (layout, record) = try await CertificateLayouts.layout(blank, on: req)
        let updated = record.map { req.t("certificate.updated", ["when": VietnameseDate.long($0.updatedAt), "who": $0.updatedBy]) }
        return try await render(layout, error: nil, updated: updated, on: req)
    }

    static func render(_ layout: CertificateLayout, error: String?, updated: String?, on req: Request) async throws -> View {
        let blank = layout.blank.rawValue
        let rows = CertificateField.allCases.compactMap { key -> FieldRow? in
            guard let f = layout.layout(of: key) else { return nil }
            return FieldRow(key: key.rawValue, name: req.t("certificate.field.\(key.rawValue)"), x: mm(f.x), y: mm(f.y), width: mm(f.width),
                            size: mm(f.size), maxLines: String(f.maxLines), center: f.alignment == .center, bold: f.bold, italic: f.italic)
        }
        return try await req.render("awards/certificate-layout", title: req.t("certificate.layout_title", ["blank": req.t("certificate.blank.\(blank)")]),
                                    Page(blank: blank, blankName: req.t("certificate.blank.\(blank)"), pageWidth: mm(layout.pageWidth),
                                         pageHeight: mm(layout.pageHeight), offsetX: mm(layout.offsetX), offsetY: mm(layout.offsetY),
                                         fields: rows, achievement: layout.achievement ?? "", error: error, updated: updated,
                                         testURL: SiteURL.Path.certificateTestPage.link(blank),
                                         backURL: SiteURL.Path.certificates.link(), action: SiteURL.Path.certificateLayout.link(blank)))
    }

    /// Saves the form; a number may be written with a decimal comma ("12,5"), as people here write it.
    static func save(_ req: Request) async throws -> Response {
        try req.authorize(.printCertificates)
        let blank = try CertificateLayouts.blank(req)
        let form = (try? req.content.decode([String: String].self)) ?? [:]
        let (current, _) = try await CertificateLayouts.layout(blank, on: req)
        var bad: [String] = []
        func number(_ name: String, _ label: String, _ fallback: Double) -> Double {
            let text = (form[name] ?? "").trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
            if text.isEmpty, name.hasPrefix("offset") { return 0 }
            guard let value = Double(text), value.isFinite else { bad.append(label); return fallback }
            return value
        }
        var layout = current
        layout.pageWidth = number("pageWidth", req.t("certificate_page_width"), current.pageWidth)
        layout.pageHeight = number("pageHeight", req.t("certificate_page_height"), current.pageHeight)
        layout.offsetX = number("offsetX", req.t("certificate_offset_x"), 0)
        layout.offsetY = number("offsetY", req.t("certificate_offset_y"), 0)
        let achievement = (form["achievement"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        layout.achievement = achievement.isEmpty ? nil : achievement
        layout.fields = current.fields.map { f in
            let k = f.field.rawValue, name = req.t("certificate.field.\(k)")
            var g = f
            g.x = number("\(k).x", name, f.x)
            g.y = number("\(k).y", name, f.y)
            g.width = number("\(k).width", name, f.width)
            g.size = number("\(k).size", name, f.size)
            g.maxLines = Int(number("\(k).maxLines", name, Double(f.maxLines)).rounded())
            g.alignment = form["\(k).center"] == "on" ? .center : .left
            g.bold = form["\(k).bold"] == "on"
            g.italic = form["\(k).italic"] == "on"
            return g
        }
        do {
            guard bad.isEmpty else {
                throw AppError.validation("layout", req.t("certificate.problem.number", ["fields": Array(Set(bad)).sorted().joined(separator: ", ")]))
            }
            _ = try await CertificateLayouts.save(layout, blank: blank, on: req)
        } catch let error as AppError where error.status == .unprocessableEntity {
            let response = try await render(layout, error: error.detail, updated: nil, on: req).encodeResponse(for: req)
            response.status = .unprocessableEntity
            return response
        }
        req.setFlash(Flash(kind: .ok, message: req.t("certificate.saved")))
        return req.redirect(to: SiteURL.Path.certificateLayout.link(blank.rawValue))
    }

    /// "12,5": millimetres as the form shows them, with a decimal comma and no needless zeros.
    static func mm(_ v: Double) -> String {
        var s = String(format: "%.2f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s.replacingOccurrences(of: ".", with: ",")
    }
}
