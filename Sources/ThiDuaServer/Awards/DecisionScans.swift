import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// The scanned copy of a decision: uploaded by whoever may record the decision, read by the bloc's members.
enum DecisionScans {
    static let maxBytes = 50 << 20
    static let kinds: [FileKind] = [.pdf, .jpeg, .png]

    static func dto(_ d: Decision) -> DecisionScanDTO? {
        guard let name = d.scanName, let type = d.scanType, let size = d.scanSize, let at = d.scanUploadedAt, let id = d.id else { return nil }
        return DecisionScanDTO(fileName: name, contentType: type, size: size, uploadedAt: LocalTime.rfc3339(at),
                               url: SiteURL.Path.apiDecisionScan.link(id), webURL: SiteURL.Path.decisionScan.link(id))
    }

    static func find(_ id: UUID, on req: Request) async throws -> (Decision, Cycle) {
        guard let d = try await Decision.find(id, on: req.db) else { throw AppError.notFound(req.t("award.decision_not_found")) }
        let (_, cycle) = try await ProposalService.find(d.proposalID, on: req)
        return (d, cycle)
    }

    /// Streamed to disk like any upload and checked by content; a new scan replaces the old one (both audited).
    static func upload(_ id: UUID, on req: Request) async throws -> Decision {
        let (d, cycle) = try await find(id, on: req)
        try req.authorize(.decide(cycle))
        let file = try await UploadReceiver.receive(req, maxBytes: maxBytes)
        do {
            let checked = try SubmissionService.check(file, kinds: kinds, maxPages: nil, maxBytes: maxBytes, on: req)
            try req.application.fileStore.commit(file.temporaryURL, sha256: file.sha256)
            let before = d.scanSHA256
            let actor = req.actorName
            let now = req.now
            return try await req.audited { db in
                d.scanSHA256 = file.sha256
                d.scanName = checked.name
                d.scanType = checked.kind.mimeType
                d.scanSize = file.size
                d.scanUploadedAt = now
                try await d.save(on: db)
                return (d, AuditRecord(actor: actor, action: "scan", entity: "decision", entityID: id.uuidString,
                                       before: before.map { ["sha256": $0] }, after: ["sha256": file.sha256, "name": checked.name]))
            }
        } catch {
            try? FileManager.default.removeItem(at: file.temporaryURL)
            throw error
        }
    }

    /// Readers: the administrator, reviewers, the secretariat and the officers of the cycle's member units.
    static func download(_ req: Request) async throws -> Response {
        let (d, cycle) = try await find(req.idParameter("decisionID"), on: req)
        let user = try req.user()
        try req.authorize(.readDecision(cycle, unitIsMember: try await Policy.unitIsMember(user, of: cycle.requireID(), on: req.db)))
        guard let sha = d.scanSHA256, let name = d.scanName else { throw AppError.notFound(req.t("award.no_scan")) }
        return try await SubmissionsAPI.stream(sha256: sha, type: d.scanType ?? "application/octet-stream", name: name, on: req)
    }
}
