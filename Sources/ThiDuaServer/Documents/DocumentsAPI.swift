import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// `/api/v1/cycles/{cycleID}/documents…`, `/api/v1/cycles/{cycleID}/plan-data` and `/api/v1/templates/{kind}`.
enum DocumentsAPI {
    static func list(_ req: Request) async throws -> [DocumentService.KindDTO] {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        try req.authorize(.readCycleFiles(cycle))
        return try await DocumentService.list(cycle, on: req)
    }

    /// `plan.docx` or `plan.pdf`.
    static func download(_ req: Request) async throws -> Response {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        let file = req.parameters.get("file") ?? ""
        let ext = (file as NSString).pathExtension
        let name = (file as NSString).deletingPathExtension
        guard ["docx", "pdf"].contains(ext), let kind = BuiltInTemplate(rawValue: name), DocumentService.kinds.contains(kind) else {
            throw AppError.notFound(req.t("problem.not-found.detail"))
        }
        return try await respond(kind, ext: ext, cycle: cycle, ballot: nil, on: req)
    }

    /// `GET /api/v1/ballots/{ballotID}/minutes.docx|pdf`: the count minutes of one round.
    static func ballotMinutes(_ req: Request) async throws -> Response {
        let (ballot, cycle) = try await BallotService.find(req.idParameter("ballotID"), on: req)
        let ext = ((req.parameters.get("file") ?? "") as NSString).pathExtension
        guard ["minutes.docx", "minutes.pdf"].contains(req.parameters.get("file") ?? "") else { throw AppError.notFound(req.t("problem.not-found.detail")) }
        guard ballot.status.hasResult else { throw AppError(.conflict, "document-unavailable", req.t("ballot.not_closed_yet")) }
        return try await respond(.countMinutes, ext: ext, cycle: cycle, ballot: ballot, on: req)
    }

    static func respond(_ kind: BuiltInTemplate, ext: String, cycle: Cycle, ballot: Ballot?, on req: Request) async throws -> Response {
        let (record, docx) = try await DocumentService.generate(kind, cycle: cycle, ballot: ballot, on: req)
        let cache = PDFConverter.cacheDirectory(req.application.settings)
        if ext == "docx" {
            if req.application.settings.preparePDFs {
                PDFConverter.prepare(docx, sha256: record.sha256, cacheDirectory: cache, logger: req.logger)
            }
            return SubmissionsAPI.file(docx, type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                       name: DocumentService.fileName(kind, number: record.number, year: cycle.year, ext: "docx", on: req))
        }
        do {
            let pdf = try await PDFConverter.shared.pdf(for: docx, sha256: record.sha256, cacheDirectory: cache)
            return SubmissionsAPI.file(pdf, type: "application/pdf", name: DocumentService.fileName(kind, number: record.number, year: cycle.year, ext: "pdf", on: req))
        } catch PDFConverter.Failure.missing {
            throw AppError(.serviceUnavailable, "pdf-unavailable", req.t("document.no_libreoffice"))
        } catch {
            req.logger.error("pdf conversion failed", metadata: ["error": "\(error)"])
            throw AppError(.serviceUnavailable, "pdf-unavailable", req.t("document.pdf_failed"))
        }
    }

    static func getPlanData(_ req: Request) async throws -> Response {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        try req.authorize(.readCycleFiles(cycle))
        let plan = try await PlanDataService.planData(cycle, on: req)
        return Response(status: .ok, headers: ["Content-Type": "application/json; charset=utf-8"], body: .init(string: AuditLog.json(plan)))
    }

    static func putPlanData(_ req: Request) async throws -> HTTPStatus {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        try req.authorize(.runCycle(cycle))
        let plan = try req.content.decode(PlanData.self)
        try await PlanDataService.replace(cycle, with: plan, on: req)
        return .noContent
    }

    static func templateKind(_ req: Request) throws -> (BuiltInTemplate, ThiDuaDocuments.HouseStyle) {
        guard let kind = BuiltInTemplate(rawValue: req.parameters.get("kind") ?? "") else {
            throw AppError.notFound(req.t("document.not_yet"))
        }
        let choice = try req.queryChoice("style", ThiDuaDocuments.HouseStyle.allCases.map(\.rawValue))
        let style = choice.flatMap(ThiDuaDocuments.HouseStyle.init(rawValue:)) ?? .party
        return (kind, style)
    }

    static func getTemplate(_ req: Request) async throws -> Response {
        try req.authorize(.manageDirectory)
        let (kind, style) = try templateKind(req)
        return SubmissionsAPI.file(try await DocumentService.template(kind, style: style, on: req),
                                   type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                   name: "mau-\(kind.rawValue)-\(style.rawValue).docx")
    }

    /// An uploaded template is validated: an unknown placeholder or an unbalanced loop is refused, named.
    static func putTemplate(_ req: Request) async throws -> HTTPStatus {
        try req.authorize(.manageDirectory)
        let (kind, style) = try templateKind(req)
        let data = try ScoringAPI.uploadedData(req)
        do {
            try DocxTemplate(data: data).validate(known: BuiltInTemplate.knownPlaceholders(kind))
        } catch {
            throw AppError.validation("file", error.message)
        }
        try await DocumentService.storeTemplate(data, kind: kind, style: style, on: req)
        return .noContent
    }
}

/// Earlier generations stay downloadable: the record list and each record's file.
enum DocumentRecordsAPI {
    struct RecordDTO: Content {
        var id: UUID
        var kind: String
        var number: String
        var sha256: String
        var dataHash: String
        var createdAt: String
        var url: String
    }

    static func list(_ req: Request) async throws -> [RecordDTO] {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        try req.authorize(.readCycleFiles(cycle))
        return try await DocumentService.records(of: cycle.requireID(), on: req.db).map {
            RecordDTO(id: $0.id!, kind: $0.kind.stored, number: $0.number, sha256: $0.sha256, dataHash: $0.dataHash,
                      createdAt: LocalTime.rfc3339($0.createdAt), url: SiteURL.Path.apiDocument.link($0.id!))
        }
    }

    static func download(_ req: Request) async throws -> Response {
        let record = try await DocumentService.record(req.idParameter("documentID"), on: req)
        let cycle = try await CycleService.find(record.cycleID, on: req)
        try req.authorize(.readCycleFiles(cycle))
        guard let data = FileManager.default.contents(atPath: req.application.fileStore.url(for: record.sha256).path) else {
            throw AppError.notFound(req.t("submission.file_missing"))
        }
        return SubmissionsAPI.file(data, type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                                   name: DocumentService.fileName(record.kind.template, number: record.number, year: cycle.year, ext: "docx", on: req))
    }
}
