import Fluent
import Foundation
import Vapor

/// The documents page: every kind, ready to download as .docx or PDF, or the reason it is not yet.
enum DocumentsController {
    struct DocumentsPage: Encodable {
        var heading: String
        var cycleURL: String
        var rows: [Row]
        struct Row: Encodable { var label: String; var available: Bool; var reason: String?; var docx: String; var pdf: String?; var pdfReason: String? }
    }

    static func index(_ req: Request) async throws -> View {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        try req.authorize(.readCycleFiles(cycle))
        let file = { (name: String) in SiteURL.Path.document.link(cycle.id!, name) }
        let rows = try await DocumentService.list(cycle, on: req).map {
            DocumentsPage.Row(label: req.t($0.kind.labelKey), available: $0.available, reason: $0.reason, docx: file("\($0.kind.rawValue).docx"),
                     pdf: $0.pdf == nil ? nil : file("\($0.kind.rawValue).pdf"), pdfReason: $0.pdfReason)
        }
        return try await req.render("documents/index", title: req.t("documents_heading"),
                                    DocumentsPage(heading: req.t("documents_heading"), cycleURL: SiteURL.cycle(cycle.id!), rows: rows))
    }
}
