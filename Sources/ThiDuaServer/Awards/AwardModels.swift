import Fluent
import Foundation
import ThiDuaCore

/// A person who may be nominated, known by name within a unit; `foldedName` serves diacritic-free search.
final class Person: Model, @unchecked Sendable {
    static let schema = "people"

    @ID(key: .id) var id: UUID?
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "full_name") var fullName: String
    @Field(key: "folded_name") var foldedName: String
    @OptionalField(key: "position") var position: String?
    /// `PositionLevel`'s raw value; nil when not recorded.
    @OptionalField(key: "position_level") var positionLevel: String?

    init() {}
}

/// A collective or an individual proposed for an award in a cycle.
final class Nominee: Model, @unchecked Sendable {
    static let schema = "nominees"

    @ID(key: .id) var id: UUID?
    @Field(key: "cycle_id") var cycleID: UUID
    @Field(key: "kind") var kind: NomineeKind
    @Field(key: "unit_id") var unitID: UUID
    @OptionalField(key: "person_id") var personID: UUID?
    /// The collective's name (a unit or a part of one), or the person's name.
    @Field(key: "label") var label: String
    @Field(key: "award") var award: String
    @Field(key: "source") var source: NomineeSource

    init() {}
}

/// A proposal (tờ trình) grouping nominees: draft → sent → decided.
final class Proposal: Model, @unchecked Sendable {
    static let schema = "proposals"

    @ID(key: .id) var id: UUID?
    @Field(key: "cycle_id") var cycleID: UUID
    @Field(key: "title") var title: String
    @Field(key: "status") var status: ProposalStatus
    @OptionalField(key: "sent_at") var sentAt: Date?
    @OptionalField(key: "override_reason") var overrideReason: String?
    /// The provincial board's last review: why it was returned (empty once accepted), when, and by whom.
    @OptionalField(key: "return_reason") var returnReason: String?
    @OptionalField(key: "reviewed_at") var reviewedAt: Date?
    @OptionalField(key: "reviewed_by") var reviewedBy: String?

    init() {}
}

final class ProposalNominee: Model, @unchecked Sendable {
    static let schema = "proposal_nominees"

    @ID(key: .id) var id: UUID?
    @Field(key: "proposal_id") var proposalID: UUID
    @Field(key: "nominee_id") var nomineeID: UUID

    init() {}
}

/// A decision (quyết định) on a proposal, with its number, date and issuer.
final class Decision: Model, @unchecked Sendable {
    static let schema = "decisions"

    @ID(key: .id) var id: UUID?
    @Field(key: "proposal_id") var proposalID: UUID
    @Field(key: "number") var number: String
    @Field(key: "date") var date: String
    @Field(key: "issuer") var issuer: String
    @Field(key: "recorded_at") var recordedAt: Date
    /// `AwardMethod`'s raw value; nil for decisions recorded before it was asked (counted as regular).
    @OptionalField(key: "method") var method: String?
    /// The scanned decision (a PDF or an image), in the file store; nil until uploaded.
    @OptionalField(key: "scan_sha256") var scanSHA256: String?
    @OptionalField(key: "scan_name") var scanName: String?
    @OptionalField(key: "scan_type") var scanType: String?
    @OptionalField(key: "scan_size") var scanSize: Int?
    @OptionalField(key: "scan_uploaded_at") var scanUploadedAt: Date?

    init() {}
}

/// A document a proposal is sent with: a generated one (its letter) or a unit's submission (an achievement report).
final class ProposalAttachment: Model, @unchecked Sendable {
    static let schema = "proposal_documents"

    @ID(key: .id) var id: UUID?
    @Field(key: "proposal_id") var proposalID: UUID
    @Field(key: "role") var role: ProposalAttachmentRole
    @OptionalField(key: "generated_document_id") var generatedDocumentID: UUID?
    @OptionalField(key: "submission_id") var submissionID: UUID?
    @Field(key: "linked_at") var linkedAt: Date

    init() {}
}

/// One line of the award history: what a unit or person received (or was refused), by which decision, which year.
final class AwardEntry: Model, @unchecked Sendable {
    static let schema = "awards"

    @ID(key: .id) var id: UUID?
    @Field(key: "decision_id") var decisionID: UUID
    @Field(key: "nominee_id") var nomineeID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @OptionalField(key: "person_id") var personID: UUID?
    @Field(key: "award") var award: String
    @Field(key: "year") var year: Int
    @Field(key: "awarded") var awarded: Bool

    init() {}
}
