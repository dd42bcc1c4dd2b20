import Foundation
import ThiDuaCore
import Vapor

/// A requirement as the API shows it, with the due instant of its milestone.
struct RequirementDTO: Content {
    var id: UUID
    var cycleID: UUID
    var parentID: UUID?
    var code: String
    var title: String
    var milestoneID: UUID
    var milestoneCode: String
    var dueAt: String
    var audience: Audience
    var acceptedKinds: [String]
    var maxBytes: Int
    var maxPages: Int?
    var originalsRequired: Int
    var closedAt: String?
    var role: RequirementRole?

    init(_ r: Requirement, milestone: Milestone) throws {
        id = try r.requireID()
        cycleID = r.$cycle.id
        parentID = r.parentID
        code = r.code
        title = r.title
        milestoneID = r.milestoneID
        milestoneCode = milestone.code
        role = r.role
        dueAt = LocalTime.rfc3339(milestone.dueAt)
        audience = r.audience
        acceptedKinds = r.kinds
        maxBytes = r.maxBytes
        maxPages = r.maxPages
        originalsRequired = r.originalsRequired
        closedAt = r.closedAt.map(LocalTime.rfc3339)
    }
}

/// Create or change a requirement. `milestone` is a milestone ID or code of the same cycle.
/// `closed: true` closes it hard (uploads refused from then on); `false` reopens it.
struct RequirementInput: Content {
    var code: String?
    var title: String?
    var milestone: String?
    var parentID: UUID?
    var audience: Audience?
    var acceptedKinds: [String]?
    var maxBytes: Int?
    var maxPages: Int?
    var originalsRequired: Int?
    var closed: Bool?
    /// What the system does with its files; given, it is set (there is no way to clear it in this version).
    var role: RequirementRole?
}

/// One stored version of a unit's answer.
struct SubmissionDTO: Content {
    var id: UUID
    var unitID: UUID
    var requirementID: UUID
    var version: Int
    var sha256: String
    var size: Int
    var contentType: String
    var fileName: String
    var receivedAt: String
    var isLate: Bool
    var review: SubmissionState.Review
    var reviewReason: String?
    var reviewedAt: String?

    init(_ s: Submission) throws {
        id = try s.requireID()
        unitID = s.unitID
        requirementID = s.requirementID
        version = s.version
        sha256 = s.sha256
        size = s.size
        contentType = s.contentType
        fileName = s.originalName
        receivedAt = LocalTime.rfc3339(s.receivedAt)
        isLate = s.isLate
        review = s.review
        reviewReason = s.reviewReason
        reviewedAt = s.reviewedAt.map(LocalTime.rfc3339)
    }
}

struct ReviewInput: Content {
    var decision: SubmissionState.ReviewDecision
    var reason: String?
}

struct ExtensionInput: Content {
    var unitID: UUID
    var dueAt: String
}

struct OriginalsInput: Content {
    var unitID: UUID
    var count: Int
    var receivedAt: String?
}
