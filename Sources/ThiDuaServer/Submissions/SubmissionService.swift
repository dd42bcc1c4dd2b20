import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Receiving files: checks in order of cheapness, and nothing stored unless every check passed.
enum SubmissionService {
    static func find(_ id: UUID, on req: Request) async throws -> Submission {
        guard let submission = try await Submission.find(id, on: req.db) else {
            throw AppError.notFound(req.t("submission.not_found"))
        }
        return submission
    }

    /// Every version a unit sent to these requirements, newest first.
    static func versions(of unitID: UUID, requirements: [UUID], on db: Database) async throws -> [Submission] {
        try await Submission.query(on: db).filter(\.$unitID == unitID).filter(\.$requirementID ~~ requirements)
            .sort(\.$version, .descending).all()
    }

    static func upload(to requirementID: UUID, on req: Request) async throws -> Submission {
        let user = try req.user()
        let requirement = try await RequirementService.find(requirementID, on: req)
        let cycle = try await CycleService.find(requirement.$cycle.id, on: req)
        // Refuse before reading a byte when the answer cannot be yes; who asks, first.
        try req.authorize(.submitToCycle(cycle))
        if let closedAt = requirement.closedAt, req.now >= closedAt {
            throw AppError(.conflict, "requirement-closed", req.t("upload.closed", ["code": requirement.code]))
        }
        if try await Requirement.query(on: req.db).filter(\.$parentID == requirementID).count() > 0 {
            throw AppError.validation("requirementID", req.t("upload.group", ["code": requirement.code]))
        }
        let receivedAt = req.now
        let file = try await UploadReceiver.receive(req, maxBytes: requirement.maxBytes)
        do {
            let unitID = try unit(for: user, field: req.query[String.self, at: "unitID"] ?? file.fields["unitID"], on: req)
            try req.authorize(.sendTo(unitID: unitID, cycle, code: requirement.code,
                                      unitIsTarget: try await RequirementService.targets(of: requirement, cycle: cycle, on: req.db).contains(unitID)))
            let checked = try check(file, against: requirement, on: req)
            let due = try await dueInstant(of: requirement, unitID: unitID, on: req.db)
            let grace = try await graceMinutes(of: cycle, on: req.db)
            try req.application.fileStore.commit(file.temporaryURL, sha256: file.sha256)
            let submission = Submission()
            submission.requirementID = requirementID
            submission.unitID = unitID
            submission.sha256 = file.sha256
            submission.size = file.size
            submission.contentType = checked.kind.mimeType
            submission.fileKind = checked.kind.rawValue
            submission.originalName = checked.name
            submission.uploaderID = try user.requireID()
            submission.receivedAt = receivedAt
            submission.isLate = Lateness.isLate(receivedAt: receivedAt, due: due, graceMinutes: grace)
            submission.review = .pending
            return try await store(submission, actor: user.username, on: req)
        } catch {
            try? FileManager.default.removeItem(at: file.temporaryURL)
            throw error
        }
    }

    /// An officer sends for their own unit; the secretariat must name the unit.
    private static func unit(for user: User, field: String?, on req: Request) throws -> UUID {
        if let field, !field.isEmpty {
            guard let id = UUID(uuidString: field) else { throw AppError.validation("unitID", req.t("validation.uuid", ["field": "unitID"])) }
            return id
        }
        guard let own = user.$unit.id else { throw AppError.validation("unitID", req.t("upload.unit_required")) }
        return own
    }

    /// The next version is numbered inside the transaction; two uploads racing for the same number
    /// make one fail on the unique index, and `audited` retries it as the next version.
    private static func store(_ submission: Submission, actor: String, on req: Request) async throws -> Submission {
        try await req.audited { db in
            let latest = try await Submission.query(on: db).filter(\.$requirementID == submission.requirementID)
                .filter(\.$unitID == submission.unitID).max(\.$version) ?? 0
            submission.id = UUID()
            submission.version = latest + 1
            submission.$id.exists = false
            try await submission.create(on: db)
            let dto = try SubmissionDTO(submission)
            return (submission, AuditRecord(actor: actor, action: "upload", entity: "submission", entityID: dto.id.uuidString,
                                            before: SubmissionDTO?.none, after: dto))
        }
    }

    static func dueInstant(of requirement: Requirement, unitID: UUID, on db: Database) async throws -> Date {
        guard let milestone = try await Milestone.find(requirement.milestoneID, on: db) else { throw Abort(.internalServerError) }
        let ext = try await DeadlineExtension.query(on: db).filter(\.$requirementID == requirement.requireID())
            .filter(\.$unitID == unitID).first()
        return Lateness.effectiveDue(milestoneDue: milestone.dueAt, extensionDue: ext?.dueAt)
    }

    static func graceMinutes(of cycle: Cycle, on db: Database) async throws -> Int {
        guard let id = cycle.$ruleSet.id, let record = try await RuleSetRecord.find(id, on: db),
              let ruleSet = try? RuleSet.decode(Data(record.document.utf8)) else { return 0 }
        return ruleSet.gracePeriodMinutes
    }
}
