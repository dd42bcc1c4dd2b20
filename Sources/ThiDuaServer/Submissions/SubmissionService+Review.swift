import Fluent
import Foundation
import ThiDuaCore
import Vapor

extension SubmissionService {
    /// Accept, or return with a reason; a returned item goes back to the unit's checklist.
    static func review(_ id: UUID, _ input: ReviewInput, on req: Request) async throws -> Submission {
        let submission = try await find(id, on: req)
        let requirement = try await RequirementService.find(submission.requirementID, on: req)
        let cycle = try await CycleService.find(requirement.$cycle.id, on: req)
        try req.authorize(.runCycle(cycle))
        let decision = input.decision.review
        // Stored as cleaned text (UserText); required when returning.
        let reason = try Validate.optionalText(input.reason, "reason", max: 2000, on: req)
        if input.decision.needsReason, reason == nil { throw AppError.validation("reason", req.t("review.reason_required")) }
        let before = try SubmissionDTO(submission)
        let actor = req.actorName
        let now = req.now
        // The notice is stored and mailed in Vietnamese, whatever the reviewer's interface language.
        let localizer = req.application.localizer
        let noticeTitle = localizer.text("notice.submission_returned.title", Localizer.defaultLanguage, ["code": requirement.code])
        let noticeBody = localizer.text("notice.submission_returned.body", Localizer.defaultLanguage, ["reason": reason ?? ""])
        return try await req.audited { db in
            if decision == .returned {
                try await NoticeService.notifyUnit(
                    submission.unitID, title: noticeTitle, body: noticeBody,
                    link: SiteURL.checklist(cycle.id!), dedupeKey: "return:\(id):\(submission.version)", now: now, on: db)
            }
            submission.review = decision
            submission.reviewReason = reason
            submission.reviewedBy = actor
            submission.reviewedAt = now
            try await submission.save(on: db)
            return (submission, AuditRecord(actor: actor, action: "review", entity: "submission", entityID: id.uuidString,
                                            before: before, after: try SubmissionDTO(submission)))
        }
    }

    /// Grants one unit a later due instant and re-decides the late flag of what it already sent.
    static func grantExtension(_ requirementID: UUID, _ input: ExtensionInput, on req: Request) async throws -> DeadlineExtension {
        let requirement = try await RequirementService.find(requirementID, on: req)
        let cycle = try await CycleService.find(requirement.$cycle.id, on: req)
        try req.authorize(.runCycle(cycle))
        guard try await RequirementService.targets(of: requirement, cycle: cycle, on: req.db).contains(input.unitID) else {
            throw AppError.validation("unitID", req.t("upload.not_target", ["code": requirement.code]))
        }
        let due: Date
        if let date = LocalDate.supported(input.dueAt) {
            due = DeadlineCalendar(holidays: []).endOfDay(date)
        } else if let instant = LocalTime.parseRFC3339(input.dueAt) {
            due = instant
        } else {
            throw AppError.validation("dueAt", req.t("milestone.bad_due_at"))
        }
        let grace = try await graceMinutes(of: cycle, on: req.db)
        let actor = req.actorName
        return try await req.audited { db in
            let ext = try await DeadlineExtension.query(on: db).filter(\.$requirementID == requirementID)
                .filter(\.$unitID == input.unitID).first() ?? DeadlineExtension()
            let before = ext.id == nil ? nil : LocalTime.rfc3339(ext.dueAt)
            ext.requirementID = requirementID
            ext.unitID = input.unitID
            ext.dueAt = due
            try await ext.save(on: db)
            for s in try await Submission.query(on: db).filter(\.$requirementID == requirementID).filter(\.$unitID == input.unitID).all() {
                s.isLate = Lateness.isLate(receivedAt: s.receivedAt, due: due, graceMinutes: grace)
                try await s.save(on: db)
            }
            return (ext, AuditRecord(actor: actor, action: "extend", entity: "requirement", entityID: requirementID.uuidString,
                                     before: before.map { ["unitID": input.unitID.uuidString, "dueAt": $0] },
                                     after: ["unitID": input.unitID.uuidString, "dueAt": LocalTime.rfc3339(due)]))
        }
    }

    /// Records how many signed paper originals a unit delivered, and when.
    static func recordOriginals(_ requirementID: UUID, _ input: OriginalsInput, on req: Request) async throws -> PaperOriginals {
        let requirement = try await RequirementService.find(requirementID, on: req)
        let cycle = try await CycleService.find(requirement.$cycle.id, on: req)
        try req.authorize(.runCycle(cycle))
        guard try await RequirementService.targets(of: requirement, cycle: cycle, on: req.db).contains(input.unitID) else {
            throw AppError.validation("unitID", req.t("upload.not_target", ["code": requirement.code]))
        }
        guard (0...100).contains(input.count) else { throw AppError.validation("count", req.t("originals.bad_count")) }
        var given: Date?
        if let text = input.receivedAt, !text.isEmpty {
            guard let instant = LocalTime.parseRFC3339(text) else { throw AppError.validation("receivedAt", req.t("milestone.bad_due_at")) }
            given = instant
        }
        let receivedAt = given ?? req.now
        let actor = req.actorName
        return try await req.audited { db in
            let row = try await PaperOriginals.query(on: db).filter(\.$requirementID == requirementID)
                .filter(\.$unitID == input.unitID).first() ?? PaperOriginals()
            let before = row.id == nil ? nil : ["count": String(row.count), "receivedAt": LocalTime.rfc3339(row.receivedAt)]
            row.requirementID = requirementID
            row.unitID = input.unitID
            row.count = input.count
            row.receivedAt = receivedAt
            try await row.save(on: db)
            return (row, AuditRecord(actor: actor, action: "originals", entity: "requirement", entityID: requirementID.uuidString,
                                     before: before, after: ["unitID": input.unitID.uuidString, "count": String(input.count),
                                                             "receivedAt": LocalTime.rfc3339(receivedAt)]))
        }
    }

    /// The file of one version, for whoever may read that unit's files.
    static func authorizedFile(_ id: UUID, on req: Request) async throws -> (Submission, URL) {
        let submission = try await find(id, on: req)
        let requirement = try await RequirementService.find(submission.requirementID, on: req)
        let cycle = try await CycleService.find(requirement.$cycle.id, on: req)
        try req.authorize(.readUnitFiles(unitID: submission.unitID, cycle))
        return (submission, req.application.fileStore.url(for: submission.sha256))
    }
}
