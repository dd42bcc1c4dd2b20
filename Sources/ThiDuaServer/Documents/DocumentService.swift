import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Official documents of a cycle, rendered from templates with the cycle's data.
enum DocumentService {
    /// The cycle's documents, in the order of the year (a count's minutes are made per ballot, from its page).
    static let kinds: [BuiltInTemplate] = [.plan, .invitation, .minutes, .proposal, .scoreSummary]

    struct KindDTO: Content {
        var kind: BuiltInTemplate
        var available: Bool
        var reason: String?
        var docx: String?
        var pdf: String?
        var pdfReason: String?
    }

    /// Why a kind cannot be made yet, from the data it needs.
    static func missing(_ kind: BuiltInTemplate, cycle: Cycle, on db: Database) async throws -> String? {
        let cycleID = try cycle.requireID()
        switch kind {
        case .invitation, .minutes:
            return try await ConferenceService.find(cycleID: cycleID, on: db) == nil ? "document.no_conference" : nil
        case .proposal:
            return (try await ConferenceOutcomes.latestOutcome(kind: .flag, cycleID: cycleID, on: db) ?? []).isEmpty ? "document.no_nominees" : nil
        case .scoreSummary:
            return try await RankingService.ranking(cycle, on: db).contains(where: \.scored) ? nil : "document.no_ranking"
        case .plan, .countMinutes, .decision:
            return nil
        }
    }

    static func list(_ cycle: Cycle, on req: Request) async throws -> [KindDTO] {
        let id = try cycle.requireID().uuidString
        let pdfReason = PDFConverter.sofficePath == nil ? req.t("document.no_libreoffice") : nil
        var missing: [BuiltInTemplate: String] = [:]
        for kind in kinds { missing[kind] = try await Self.missing(kind, cycle: cycle, on: req.db) }
        return kinds.map { kind in
            let available = missing[kind] == nil
            return KindDTO(kind: kind, available: available, reason: missing[kind].map { req.t($0) },
                           docx: available ? SiteURL.Path.apiCycleDocument.link(id, "\(kind.rawValue).docx") : nil,
                           pdf: available && pdfReason == nil ? SiteURL.Path.apiCycleDocument.link(id, "\(kind.rawValue).pdf") : nil,
                           pdfReason: available ? pdfReason : nil)
        }
    }

    static func style(of cycle: Cycle, on db: Database) async throws -> ThiDuaDocuments.HouseStyle {
        let bloc = try await CycleService.bloc(of: cycle, on: db)
        return ThiDuaDocuments.HouseStyle(rawValue: (bloc?.houseStyle ?? .state).rawValue) ?? .state
    }

    /// The template in force: the administrator's upload for this kind and style, else the built-in one.
    /// A template filled with `value`; a template that cannot be filled is a 422 that says why.
    static func render(_ template: Data, _ value: DocxValue, on req: Request) throws -> Data {
        do { return try DocxTemplate(data: template).render(value) } catch {
            throw AppError(.unprocessableEntity, "template", req.t("document.render_failed", ["detail": error.message]))
        }
    }

    /// A document outside a bloc's cycle (the province's), as a `.docx` download from the template in force.
    static func download(_ kind: BuiltInTemplate, _ value: DocxValue, name: String, on req: Request) async throws -> Response {
        let file = try render(try await template(kind, style: .state, on: req), value, on: req)
        return SubmissionsAPI.file(file, type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", name: name)
    }

    static func template(_ kind: BuiltInTemplate, style: ThiDuaDocuments.HouseStyle, on req: Request) async throws -> Data {
        if let record = try await templateRecord(kind, style: style, on: req.db),
           let data = FileManager.default.contents(atPath: req.application.fileStore.url(for: record.sha256).path) {
            return data
        }
        return BuiltInTemplate.docx(kind, style: style)
    }

    /// The administrator's upload for this kind and style, if any.
    static func templateRecord(_ kind: BuiltInTemplate, style: ThiDuaDocuments.HouseStyle, on db: Database) async throws -> DocumentTemplateRecord? {
        try await DocumentTemplateRecord.query(on: db).filter(\.$kind == kind).filter(\.$style == style).first()
    }

    /// Stores an (already validated) uploaded template as the one in force for this kind and style; audited.
    static func storeTemplate(_ data: Data, kind: BuiltInTemplate, style: ThiDuaDocuments.HouseStyle, on req: Request) async throws {
        let sha = try req.application.fileStore.store(data)
        let actor = req.actorName
        let now = req.now
        try await req.audited { db in
            let record = try await templateRecord(kind, style: style, on: db) ?? DocumentTemplateRecord()
            let before = record.id == nil ? nil : record.sha256
            (record.kind, record.style, record.sha256, record.uploadedBy, record.uploadedAt) = (kind, style, sha, actor, now)
            try await record.save(on: db)
            return ((), AuditRecord(actor: actor, action: "template", entity: "template", entityID: "\(kind.rawValue)/\(style.rawValue)",
                                    before: before, after: sha))
        }
    }

    /// The cycle's generated documents, newest first: earlier generations stay downloadable.
    static func records(of cycleID: UUID, on db: Database) async throws -> [GeneratedDocument] {
        try await GeneratedDocument.query(on: db).filter(\.$cycleID == cycleID).sort(\.$createdAt, .descending).all()
    }

    /// One generated document's record, or 404.
    static func record(_ id: UUID, on req: Request) async throws -> GeneratedDocument {
        guard let record = try await GeneratedDocument.find(id, on: req.db) else {
            throw AppError.notFound(req.t("problem.not-found.detail"))
        }
        return record
    }

    /// Renders, stores and records; the same data and template give back the earlier record and file.
    static func generate(_ kind: BuiltInTemplate, cycle: Cycle, ballot: Ballot? = nil, on req: Request) async throws -> (GeneratedDocument, Data) {
        try req.authorize(.readCycleFiles(cycle))
        let content = try await DocumentContentBuilder.content(kind, cycle: cycle, ballot: ballot, on: req)
        let style = try await style(of: cycle, on: req.db)
        var templateData = try await template(kind, style: style, on: req)
        if kind == .scoreSummary, try await DocumentTemplateRecord.query(on: req.db).filter(\.$kind == kind).first() == nil {
            templateData = BuiltInTemplate.docx(kind, style: style, columns: content.columns)
        }
        let recordKind = DocumentRecordKind(kind, ballotID: ballot?.id)
        let dataHash = AuthService.sha256Hex(Data(content.json.utf8) + templateData)
        let cycleID = try cycle.requireID()
        if let existing = try await GeneratedDocument.query(on: req.db).filter(\.$cycleID == cycleID).filter(\.$kind == recordKind)
            .filter(\.$dataHash == dataHash).first(),
           let data = FileManager.default.contents(atPath: req.application.fileStore.url(for: existing.sha256).path) {
            return (existing, data)
        }
        let data = try render(templateData, content.value, on: req)
        let sha = try req.application.fileStore.store(data)
        let actor = req.actorName
        let now = req.now
        let record: GeneratedDocument = try await req.audited { db in
            let doc = GeneratedDocument()
            doc.cycleID = cycleID
            doc.kind = recordKind
            doc.number = content.number
            doc.sha256 = sha
            doc.dataHash = dataHash
            doc.createdAt = now
            try await doc.create(on: db)
            return (doc, AuditRecord(actor: actor, action: "generate", entity: "document", entityID: try doc.requireID().uuidString,
                                     before: String?.none, after: ["kind": recordKind.stored, "number": content.number, "sha256": sha]))
        }
        return (record, data)
    }

    /// "Kế hoạch 05-KH-KTĐ 2023.docx": what the document is, its number (a "/" cannot be in a file name) and its year,
    /// as a secretary would file it; sent with an ASCII fallback ("Ke-hoach-05-KH-KTD-2023.docx").
    static func fileName(_ kind: BuiltInTemplate, number: String, year: Int, ext: String, on req: Request) -> String {
        let number = number.replacingOccurrences(of: "/", with: "-")
        return [req.t(kind.fileNameKey), number, String(year)].filter { !$0.isEmpty }.joined(separator: " ") + "." + ext
    }
}
