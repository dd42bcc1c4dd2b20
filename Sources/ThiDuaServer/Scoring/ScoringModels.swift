import Fluent
import Foundation
import ThiDuaCore

/// One version of a cycle's scoring table, stored as its validated JSON. Frozen once an assessment uses it:
/// later edits make a new version, so past scores are never re-read against a changed table.
final class ScoringTableRecord: Model, @unchecked Sendable {
    static let schema = "scoring_tables"

    @ID(key: .id) var id: UUID?
    @Field(key: "cycle_id") var cycleID: UUID
    @Field(key: "version") var version: Int
    @Field(key: "document") var document: String
    @OptionalField(key: "frozen_at") var frozenAt: Date?

    init() {}
}

/// A unit's self-assessment (tự chấm) for a cycle.
final class SelfAssessment: Model, @unchecked Sendable {
    static let schema = "self_assessments"

    @ID(key: .id) var id: UUID?
    @Field(key: "cycle_id") var cycleID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "table_version") var tableVersion: Int
    @OptionalField(key: "submitted_at") var submittedAt: Date?
    @Field(key: "is_late") var isLate: Bool

    init() {}
}

/// One leaf's self-score. Points are stored as decimal text, exact on every database.
final class SelfScore: Model, @unchecked Sendable {
    static let schema = "self_scores"

    @ID(key: .id) var id: UUID?
    @Field(key: "assessment_id") var assessmentID: UUID
    @Field(key: "code") var code: String
    @Field(key: "points") var points: String
    @OptionalField(key: "note") var note: String?

    init() {}
}

/// A file attached as evidence (minh chứng) to one criterion.
final class EvidenceFile: Model, @unchecked Sendable {
    static let schema = "evidence_files"

    @ID(key: .id) var id: UUID?
    @Field(key: "assessment_id") var assessmentID: UUID
    @Field(key: "code") var code: String
    @Field(key: "sha256") var sha256: String
    @Field(key: "size") var size: Int
    @Field(key: "content_type") var contentType: String
    @Field(key: "original_name") var originalName: String
    @Field(key: "uploader_id") var uploaderID: UUID
    @Field(key: "received_at") var receivedAt: Date

    init() {}
}

/// The secretariat's agreed score (điểm thống nhất) for one leaf of one unit.
final class AgreedScore: Model, @unchecked Sendable {
    static let schema = "agreed_scores"

    @ID(key: .id) var id: UUID?
    @Field(key: "cycle_id") var cycleID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "code") var code: String
    @Field(key: "points") var points: String
    @OptionalField(key: "reason") var reason: String?

    init() {}
}

/// A bonus (điểm thưởng) or penalty (điểm trừ) item for a unit, with its reason.
final class ScoreAdjustment: Model, @unchecked Sendable {
    static let schema = "score_adjustments"

    @ID(key: .id) var id: UUID?
    @Field(key: "cycle_id") var cycleID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "kind") var kind: AdjustmentKind
    @Field(key: "title") var title: String
    @Field(key: "points") var points: String
    @OptionalField(key: "penalty_kind") var penaltyKind: String?
    @Field(key: "reason") var reason: String

    init() {}
}

/// Every change to agreed scores and adjustments, kept as history.
final class ScoreHistory: Model, @unchecked Sendable {
    static let schema = "score_history"

    @ID(key: .id) var id: UUID?
    @Field(key: "cycle_id") var cycleID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "code") var code: String
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    @OptionalField(key: "reason") var reason: String?
    @Field(key: "actor") var actor: String
    @Field(key: "at") var at: Date

    init() {}
}

/// Lock and publication of a cycle's scores.
final class ScoringState: Model, @unchecked Sendable {
    static let schema = "scoring_states"

    @ID(key: .id) var id: UUID?
    @Field(key: "cycle_id") var cycleID: UUID
    @OptionalField(key: "locked_at") var lockedAt: Date?
    @OptionalField(key: "published_at") var publishedAt: Date?

    init() {}
}
