import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// `/api/v1/…requirements…` and `/api/v1/submissions/…`. The export and download handlers also serve the web pages.
enum SubmissionsAPI {
    static func listRequirements(_ req: Request) async throws -> [RequirementDTO] {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        return try await RequirementService.requirements(of: cycle.requireID(), on: req.db).map { try RequirementDTO($0.0, milestone: $0.1) }
    }

    static func createRequirement(_ req: Request) async throws -> Response {
        let r = try await RequirementService.create(in: req.idParameter("cycleID"), req.content.decode(RequirementInput.self), on: req)
        return try await RequirementService.dto(r, on: req.db).encodeResponse(status: .created, for: req)
    }

    static func updateRequirement(_ req: Request) async throws -> RequirementDTO {
        let r = try await RequirementService.update(req.idParameter("requirementID"), req.content.decode(RequirementInput.self), on: req)
        return try await RequirementService.dto(r, on: req.db)
    }

    static func deleteRequirement(_ req: Request) async throws -> HTTPStatus {
        try await RequirementService.delete(req.idParameter("requirementID"), on: req)
        return .noContent
    }

    static func upload(_ req: Request) async throws -> Response {
        let submission = try await SubmissionService.upload(to: req.idParameter("requirementID"), on: req)
        return try await SubmissionDTO(submission).encodeResponse(status: .created, for: req)
    }

    static func getSubmission(_ req: Request) async throws -> SubmissionDTO {
        try SubmissionDTO(await SubmissionService.authorizedFile(req.idParameter("submissionID"), on: req).0)
    }

    static func download(_ req: Request) async throws -> Response {
        let (submission, _) = try await SubmissionService.authorizedFile(req.idParameter("submissionID"), on: req)
        return try await stream(sha256: submission.sha256, type: submission.contentType, name: submission.originalName, on: req)
    }

    /// A stored file as an attachment, streamed from the file store; a file missing from disk is logged and answers 404.
    static func stream(sha256: String, type: String, name: String, on req: Request) async throws -> Response {
        let url = req.application.fileStore.url(for: sha256)
        guard FileManager.default.fileExists(atPath: url.path) else {
            req.logger.error("stored file missing", metadata: ["sha256": .string(sha256)])
            throw AppError.notFound(req.t("submission.file_missing"))
        }
        let response = try await req.fileio.asyncStreamFile(at: url.path)
        response.headers.replaceOrAdd(name: .contentType, value: type)
        response.headers.replaceOrAdd(name: .contentDisposition, value: attachment(name))
        return response
    }

    /// `attachment; filename="ascii"; filename*=UTF-8''…`, so every browser gets a safe name and Vietnamese survives.
    static func attachment(_ name: String) -> String {
        let ascii = FileName.ascii(name)
        let encoded = name.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: ".-_"))) ?? ascii
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    static func review(_ req: Request) async throws -> SubmissionDTO {
        try SubmissionDTO(await SubmissionService.review(req.idParameter("submissionID"), req.content.decode(ReviewInput.self), on: req))
    }

    struct ExtensionDTO: Content { var requirementID: UUID; var unitID: UUID; var dueAt: String }
    struct OriginalsDTO: Content { var requirementID: UUID; var unitID: UUID; var count: Int; var receivedAt: String }

    static func grantExtension(_ req: Request) async throws -> Response {
        let ext = try await SubmissionService.grantExtension(req.idParameter("requirementID"), req.content.decode(ExtensionInput.self), on: req)
        return try await ExtensionDTO(requirementID: ext.requirementID, unitID: ext.unitID, dueAt: LocalTime.rfc3339(ext.dueAt))
            .encodeResponse(status: .created, for: req)
    }

    static func recordOriginals(_ req: Request) async throws -> Response {
        let row = try await SubmissionService.recordOriginals(req.idParameter("requirementID"), req.content.decode(OriginalsInput.self), on: req)
        return try await OriginalsDTO(requirementID: row.requirementID, unitID: row.unitID, count: row.count,
                                      receivedAt: LocalTime.rfc3339(row.receivedAt)).encodeResponse(status: .created, for: req)
    }

    static func matrix(_ req: Request) async throws -> StatusMatrix {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        try req.authorize(.readCycleFiles(cycle))
        return try await StatusMatrix.build(for: cycle, on: req.db)
            .filtered(state: req.queryChoice("state", SubmissionState.allCases.map(\.rawValue)).flatMap(SubmissionState.init(rawValue:)),
                      sort: req.queryChoice("sort", ["unit", "received", "missing"]))
    }

    static func status(_ req: Request) async throws -> StatusMatrix { try await matrix(req) }

    static func statusCSV(_ req: Request) async throws -> Response {
        let m = try await matrix(req)
        let header = [req.t("unit_name")] + m.requirements.map(\.code)
        let rows = m.rows.map { row in [row.unitName] + row.cells.map { m.text($0, t: { req.t($0) }) } }
        return file(Data(CSV.document(header: header, rows: rows).utf8), type: "text/csv; charset=utf-8", name: "tinh-trang-ho-so.csv")
    }

    static func statusXLSX(_ req: Request) async throws -> Response {
        let m = try await matrix(req)
        let header = ([req.t("unit_name")] + m.requirements.map { "\($0.code) — \($0.title)" }).map(XLSXCell.text)
        let rows = m.rows.map { row in [XLSXCell.text(row.unitName)] + row.cells.map { .text(m.text($0, t: { req.t($0) })) } }
        let data = try XLSXWriter.data([XLSXSheet(name: req.t("dashboard_title"), rows: [header] + rows)])
        return file(data, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "tinh-trang-ho-so.xlsx")
    }

    static func file(_ data: Data, type: String, name: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: type)
        headers.replaceOrAdd(name: .contentDisposition, value: attachment(name))
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    static func bundle(_ req: Request) async throws -> Response {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        try req.authorize(.readCycleFiles(cycle))
        let url = try await CycleBundle.write(cycle, on: req)
        let response = try await req.fileio.asyncStreamFile(at: url.path) { _ in
            try? FileManager.default.removeItem(at: url)
        }
        response.headers.replaceOrAdd(name: .contentType, value: "application/zip")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"ho-so-\(cycle.year).zip\"")
        return response
    }
}
