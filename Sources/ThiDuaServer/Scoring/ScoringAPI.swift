import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// `/api/v1/cycles/{cycleID}/scoring-table…`, `…/self-assessment…`, `…/agreed-scores`, `…/scores/…`, `…/ranking…`.
enum ScoringAPI {
    static func cycle(_ req: Request) async throws -> Cycle { try await CycleService.find(req.idParameter("cycleID"), on: req) }

    static func getTable(_ req: Request) async throws -> ScoringTable {
        try await ScoringTableService.table(cycleID: cycle(req).requireID(), on: req).1
    }

    static func putTable(_ req: Request) async throws -> ScoringTable {
        let record = try await ScoringTableService.put(cycleID: req.idParameter("cycleID"), req.content.decode(ScoringTable.self), on: req)
        return try ScoringTableService.decode(record)
    }

    /// The uploaded workbook: a raw body, or the `file` field of a multipart form.
    static func uploadedData(_ req: Request) throws -> Data {
        if req.headers.contentType?.type == "multipart" {
            struct Upload: Content { var file: File }
            return Data(buffer: try req.content.decode(Upload.self).file.data)
        }
        guard let body = req.body.data, body.readableBytes > 0 else { throw AppError.validation("file", req.t("upload.empty")) }
        return Data(buffer: body)
    }

    static func importTable(_ req: Request) async throws -> ScoringTable {
        let cycle = try await cycle(req)
        try req.authorize(.runCycle(cycle))
        let previous = try await ScoringTableService.current(cycleID: cycle.requireID(), on: req.db).map(ScoringTableService.decode)
        let parsed: (rows: [ScoringSheetRow], issues: [ScoringSheetIssue])
        let data = try uploadedData(req)
        // Seconds of CPU for a large sheet: on the thread pool, so the event loop keeps answering others.
        do { parsed = try await req.application.threadPool.runIfActive { try ScoringSheet.read(data, table: nil) } } catch let error as XLSXReadError {
            throw AppError.validation("file", error.description)
        }
        guard parsed.issues.isEmpty else {
            throw AppError.validation("file", req.t("scoring.import_issues", ["count": String(parsed.issues.count),
                                                                              "list": parsed.issues.prefix(20).map(\.description).joined(separator: "\n")]))
        }
        let table = ScoringTableService.table(from: parsed.rows, keeping: previous)
        return try ScoringTableService.decode(await ScoringTableService.put(cycleID: cycle.requireID(), table, on: req))
    }

    static func copyTable(_ req: Request) async throws -> ScoringTable {
        try ScoringTableService.decode(await ScoringTableService.copyFromPreviousYear(cycleID: req.idParameter("cycleID"), on: req))
    }

    /// The same rows as the XLSX, for tools that want plain CSV.
    static func assessmentCSV(_ req: Request) async throws -> Response {
        let (cycleID, unitID) = try ids(req)
        let data = try await AssessmentService.exportXLSX(cycleID: cycleID, unitID: unitID, on: req)
        let rows: [ScoringSheetRow]
        do { rows = try ScoringSheet.read(data, table: nil).rows } catch { throw AppError(.internalServerError, "internal", req.t("problem.internal.detail")) }
        let text = { (d: Decimal?) in d.map(number) ?? "" }
        let csv = CSV.document(header: [req.t("milestone_code"), req.t("milestone_title"), req.t("max_points"), req.t("self_score"),
                                        req.t("agreed_score"), req.t("note")],
                               rows: rows.map { [$0.code, $0.title, text($0.maxPoints), text($0.selfScore), text($0.agreedScore), $0.note ?? ""] })
        return SubmissionsAPI.file(Data(csv.utf8), type: "text/csv; charset=utf-8", name: "tu-cham-diem.csv")
    }

    static func tableXLSX(_ req: Request) async throws -> Response {
        let (_, table) = try await ScoringTableService.table(cycleID: cycle(req).requireID(), on: req)
        return SubmissionsAPI.file(try ScoringSheet.write(ScoringTableService.rows(table)),
                                   type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "bang-cham-diem.xlsx")
    }

    static func ids(_ req: Request) throws -> (UUID, UUID) { (try req.idParameter("cycleID"), try req.idParameter("unitID")) }

    static func getAssessment(_ req: Request) async throws -> SelfAssessmentDTO {
        let (cycleID, unitID) = try ids(req)
        try await AssessmentService.authorizeRead(unitID: unitID, cycle: CycleService.find(cycleID, on: req), on: req)
        return try await AssessmentService.dto(cycleID: cycleID, unitID: unitID, on: req)
    }

    static func putAssessment(_ req: Request) async throws -> SelfAssessmentDTO {
        let (cycleID, unitID) = try ids(req)
        try await AssessmentService.put(cycleID: cycleID, unitID: unitID, req.content.decode(SelfAssessmentInput.self).scores, on: req)
        return try await AssessmentService.dto(cycleID: cycleID, unitID: unitID, on: req)
    }

    static func submitAssessment(_ req: Request) async throws -> SelfAssessmentDTO {
        let (cycleID, unitID) = try ids(req)
        return try await AssessmentService.submit(cycleID: cycleID, unitID: unitID, on: req)
    }

    static func importAssessment(_ req: Request) async throws -> SelfAssessmentDTO {
        let (cycleID, unitID) = try ids(req)
        try req.authorize(.submitFor(unitID: unitID, await CycleService.find(cycleID, on: req)))
        return try await AssessmentService.importXLSX(cycleID: cycleID, unitID: unitID, data: uploadedData(req), on: req)
    }

    static func assessmentXLSX(_ req: Request) async throws -> Response {
        let (cycleID, unitID) = try ids(req)
        return SubmissionsAPI.file(try await AssessmentService.exportXLSX(cycleID: cycleID, unitID: unitID, on: req),
                                   type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "tu-cham-diem.xlsx")
    }

    static func uploadEvidence(_ req: Request) async throws -> Response {
        let (cycleID, unitID) = try ids(req)
        let e = try await AssessmentService.uploadEvidence(cycleID: cycleID, unitID: unitID, code: req.query[String.self, at: "code"], on: req)
        return try await EvidenceDTO(id: e.requireID(), code: e.code, fileName: e.originalName, size: e.size, contentType: e.contentType)
            .encodeResponse(status: .created, for: req)
    }

    static func evidenceFile(_ req: Request) async throws -> Response {
        let (evidence, url) = try await AssessmentService.evidenceFile(req.idParameter("evidenceID"), on: req)
        let response = try await req.fileio.asyncStreamFile(at: url.path)
        response.headers.replaceOrAdd(name: .contentType, value: evidence.contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: SubmissionsAPI.attachment(evidence.originalName))
        return response
    }

    static func getAgreed(_ req: Request) async throws -> AgreedScoresDTO {
        let (cycleID, unitID) = try ids(req)
        try await AssessmentService.authorizeRead(unitID: unitID, cycle: CycleService.find(cycleID, on: req), on: req)
        return try await AgreementService.dto(cycleID: cycleID, unitID: unitID, on: req.db)
    }

    static func putAgreed(_ req: Request) async throws -> AgreedScoresDTO {
        let (cycleID, unitID) = try ids(req)
        return try await AgreementService.put(cycleID: cycleID, unitID: unitID, req.content.decode(AgreedScoresInput.self), on: req)
    }

    static func lock(_ req: Request) async throws -> ScoringStateDTO {
        try await AgreementService.setState(cycleID: req.idParameter("cycleID"), action: .lock, reason: nil, on: req)
    }

    static func unlock(_ req: Request) async throws -> ScoringStateDTO {
        try await AgreementService.setState(cycleID: req.idParameter("cycleID"), action: .unlock,
                                            reason: req.content.decode(ReasonInput.self).reason, on: req)
    }

    /// The body is optional: a reason is needed only while some units are not scored.
    static func publish(_ req: Request) async throws -> ScoringStateDTO {
        let reason = req.body.data == nil ? nil : try req.content.decode(OptionalReasonInput.self).reason
        return try await AgreementService.setState(cycleID: req.idParameter("cycleID"), action: .publish, reason: reason, on: req)
    }

    static func ranking(_ req: Request) async throws -> [RankingRowDTO] {
        let cycle = try await cycle(req)
        try await RankingService.authorizeRead(cycle, on: req)
        return try await RankingService.ranking(cycle, on: req.db)
    }

    static func rankingXLSX(_ req: Request) async throws -> Response {
        let rows = try await ranking(req)
        return SubmissionsAPI.file(try RankingService.xlsx(rows, on: req),
                                   type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "bang-tong-hop-diem.xlsx")
    }
}
