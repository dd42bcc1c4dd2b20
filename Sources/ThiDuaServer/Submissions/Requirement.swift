import Fluent
import Foundation
import ThiDuaCore

/// Who must send a requirement.
enum Audience: String, LabelledValue {
    static let labelPrefix = "audience_"

    /// Every member unit of the cycle.
    case all
    /// The head unit only.
    case head
    /// The units a ballot nominated: rows appear in `requirement_targets` once a result exists.
    case nominated
}

/// A document each unit must send (yêu cầu hồ sơ). A requirement with parts groups them; only leaves take uploads.
final class Requirement: Model, @unchecked Sendable {
    static let schema = "requirements"

    @ID(key: .id) var id: UUID?
    @Parent(key: "cycle_id") var cycle: Cycle
    @OptionalField(key: "parent_id") var parentID: UUID?
    @Field(key: "code") var code: String
    @Field(key: "title") var title: String
    /// What the system does with its files (achievement reports go with the proposal); nil for most.
    @OptionalField(key: "role") var role: RequirementRole?
    @Field(key: "milestone_id") var milestoneID: UUID
    @Field(key: "audience") var audience: Audience
    /// Comma-separated `FileKind` raw values.
    @Field(key: "accepted_kinds") var acceptedKinds: String
    @Field(key: "max_bytes") var maxBytes: Int
    @OptionalField(key: "max_pages") var maxPages: Int?
    @Field(key: "originals_required") var originalsRequired: Int
    @OptionalField(key: "closed_at") var closedAt: Date?

    init() {}

    var kinds: [String] { acceptedKinds.split(separator: ",").map(String.init) }
}

/// A unit that must answer a `nominated` requirement.
final class RequirementTarget: Model, @unchecked Sendable {
    static let schema = "requirement_targets"

    @ID(key: .id) var id: UUID?
    @Field(key: "requirement_id") var requirementID: UUID
    @Field(key: "unit_id") var unitID: UUID

    init() {}

    init(requirementID: UUID, unitID: UUID) {
        self.requirementID = requirementID
        self.unitID = unitID
    }
}

/// A later due instant granted to one unit for one requirement.
final class DeadlineExtension: Model, @unchecked Sendable {
    static let schema = "deadline_extensions"

    @ID(key: .id) var id: UUID?
    @Field(key: "requirement_id") var requirementID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "due_at") var dueAt: Date

    init() {}
}

/// Signed paper originals received from a unit for a requirement.
final class PaperOriginals: Model, @unchecked Sendable {
    static let schema = "paper_originals"

    @ID(key: .id) var id: UUID?
    @Field(key: "requirement_id") var requirementID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "count") var count: Int
    @Field(key: "received_at") var receivedAt: Date

    init() {}
}

/// One uploaded version of a unit's answer to a requirement. The file itself is stored by its SHA-256.
final class Submission: Model, @unchecked Sendable {
    static let schema = "submissions"

    @ID(key: .id) var id: UUID?
    @Field(key: "requirement_id") var requirementID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "sha256") var sha256: String
    @Field(key: "size") var size: Int
    @Field(key: "content_type") var contentType: String
    @Field(key: "file_kind") var fileKind: String
    @Field(key: "original_name") var originalName: String
    @Field(key: "uploader_id") var uploaderID: UUID
    @Field(key: "received_at") var receivedAt: Date
    @Field(key: "is_late") var isLate: Bool
    @Field(key: "review") var review: SubmissionState.Review
    @OptionalField(key: "review_reason") var reviewReason: String?
    @OptionalField(key: "reviewed_by") var reviewedBy: String?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?

    init() {}
}
