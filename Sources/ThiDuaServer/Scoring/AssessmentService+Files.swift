import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

extension AssessmentService {
    /// The unit's sheet in the shape units already use: code, title, maximum, self-score, agreed score, note.
    static func exportXLSX(cycleID: UUID, unitID: UUID, on req: Request) async throws -> Data {
        let cycle = try await CycleService.find(cycleID, on: req)
        try await authorizeRead(unitID: unitID, cycle: cycle, on: req)
        let dto = try await dto(cycleID: cycleID, unitID: unitID, on: req)
        guard let record = try await ScoringTableService.version(dto.tableVersion, cycleID: cycleID, on: req.db) else {
            throw AppError.notFound(req.t("scoring_no_table"))
        }
        let agreed = try await AgreementService.agreedPoints(cycleID: cycleID, unitID: unitID, on: req.db)
        let rows = ScoringTableService.rows(
            try ScoringTableService.decode(record),
            selfScores: Dictionary(dto.scores.map { ($0.code, $0.points) }, uniquingKeysWith: { a, _ in a }),
            agreed: agreed, notes: Dictionary(dto.scores.compactMap { e in e.note.map { (e.code, $0) } }, uniquingKeysWith: { a, _ in a }))
        return try ScoringSheet.write(rows)
    }

    /// All-or-nothing: every issue is reported with its sheet, row and column, and nothing is saved unless there is none.
    static func importXLSX(cycleID: UUID, unitID: UUID, data: Data, on req: Request) async throws -> SelfAssessmentDTO {
        var (_, table) = try await ScoringTableService.table(cycleID: cycleID, on: req)
        if let a = try await assessment(cycleID: cycleID, unitID: unitID, on: req.db),
           let record = try await ScoringTableService.version(a.tableVersion, cycleID: cycleID, on: req.db) {
            table = try ScoringTableService.decode(record)
        }
        let parsed: (rows: [ScoringSheetRow], issues: [ScoringSheetIssue])
        let shape = ScoringTableService.shape(table)
        do { parsed = try await req.application.threadPool.runIfActive { try ScoringSheet.read(data, table: shape) } } catch let error as XLSXReadError {
            throw AppError.validation("file", error.description)
        }
        guard parsed.issues.isEmpty else {
            let list = parsed.issues.prefix(20).map(\.description).joined(separator: "\n")
            throw AppError.validation("file", req.t("scoring.import_issues", ["count": String(parsed.issues.count), "list": list]))
        }
        let entries = parsed.rows.compactMap { row in row.selfScore.map { ScoreEntry(code: row.code, points: $0, note: row.note) } }
            .filter { table.node(code: $0.code)?.isLeaf == true }
        try await put(cycleID: cycleID, unitID: unitID, entries, on: req)
        return try await dto(cycleID: cycleID, unitID: unitID, on: req)
    }

    /// Evidence for one criterion: the same streamed, content-checked upload as submissions.
    static func uploadEvidence(cycleID: UUID, unitID: UUID, code: String?, on req: Request) async throws -> EvidenceFile {
        let cycle = try await CycleService.find(cycleID, on: req)
        try req.authorize(.submitFor(unitID: unitID, cycle))
        let code = try Validate.text(code, "code", max: 40, on: req)
        // Evidence may come before the first save: people attach files as they go through the table, so the
        // (empty) assessment is started here rather than refusing the file.
        if try await assessment(cycleID: cycleID, unitID: unitID, on: req.db) == nil {
            try await put(cycleID: cycleID, unitID: unitID, [], on: req)
        }
        guard let a = try await assessment(cycleID: cycleID, unitID: unitID, on: req.db) else {
            throw AppError.conflict(req.t("scoring.score_first"))
        }
        guard a.submittedAt == nil else { throw AppError.conflict(req.t("scoring.already_submitted")) }
        if try await state(cycleID: cycleID, on: req.db)?.lockedAt != nil { throw AppError.conflict(req.t("scoring.locked")) }
        guard let record = try await ScoringTableService.version(a.tableVersion, cycleID: cycleID, on: req.db),
              try ScoringTableService.decode(record).node(code: code)?.isLeaf == true else {
            throw AppError.validation("code", req.t("scoring.unknown_code", ["code": code]))
        }
        let limits = Requirement()
        limits.code = code
        limits.acceptedKinds = "pdf,docx,xlsx,png,jpeg,zip"
        limits.maxBytes = RequirementService.defaultMaxBytes
        let file = try await UploadReceiver.receive(req, maxBytes: limits.maxBytes)
        do {
            let checked = try SubmissionService.check(file, against: limits, on: req)
            try req.application.fileStore.commit(file.temporaryURL, sha256: file.sha256)
            let evidence = EvidenceFile()
            evidence.assessmentID = try a.requireID()
            evidence.code = code
            evidence.sha256 = file.sha256
            evidence.size = file.size
            evidence.contentType = checked.kind.mimeType
            evidence.originalName = checked.name
            evidence.uploaderID = try req.user().requireID()
            evidence.receivedAt = req.now
            let actor = req.actorName
            return try await req.audited { db in
                try await evidence.create(on: db)
                return (evidence, AuditRecord(actor: actor, action: "evidence", entity: "assessment", entityID: try a.requireID().uuidString,
                                              before: String?.none, after: ["code": code, "sha256": file.sha256]))
            }
        } catch {
            try? FileManager.default.removeItem(at: file.temporaryURL)
            throw error
        }
    }

    static func evidenceFile(_ id: UUID, on req: Request) async throws -> (EvidenceFile, URL) {
        guard let evidence = try await EvidenceFile.find(id, on: req.db),
              let a = try await SelfAssessment.find(evidence.assessmentID, on: req.db) else {
            throw AppError.notFound(req.t("submission.not_found"))
        }
        let cycle = try await CycleService.find(a.cycleID, on: req)
        try await authorizeRead(unitID: a.unitID, cycle: cycle, on: req)
        return (evidence, req.application.fileStore.url(for: evidence.sha256))
    }
}
