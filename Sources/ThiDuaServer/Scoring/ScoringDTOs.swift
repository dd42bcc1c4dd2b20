import Foundation
import ThiDuaCore
import Vapor

/// The scoring table travels as JSON as it is.
extension ScoringTable: Content {}

/// One leaf's points and note in a self-assessment.
struct ScoreEntry: Content, Equatable {
    var code: String
    var points: Decimal
    var note: String?
}

struct SelfAssessmentInput: Content {
    var scores: [ScoreEntry]
}

struct EvidenceDTO: Content {
    var id: UUID
    var code: String
    var fileName: String
    var size: Int
    var contentType: String
}

/// A unit's self-assessment with its evidence; `complete` says whether every leaf is scored.
struct SelfAssessmentDTO: Content {
    var cycleID: UUID
    var unitID: UUID
    var tableVersion: Int
    var submittedAt: String?
    var isLate: Bool
    var complete: Bool
    var base: Decimal
    var scores: [ScoreEntry]
    var evidence: [EvidenceDTO]
}

struct AgreedEntry: Content {
    var code: String
    var points: Decimal
    var reason: String?
}

struct AdjustmentEntry: Content {
    var title: String
    var points: Decimal
    var reason: String
    /// For penalties: the kind the rule set's eligibility may exclude.
    var kind: String?
}

/// The secretariat's agreement for one unit; `bonus` and `penalties` replace the unit's lists when given.
struct AgreedScoresInput: Content {
    var scores: [AgreedEntry]?
    var bonus: [AdjustmentEntry]?
    var penalties: [AdjustmentEntry]?
}

struct AgreedScoresDTO: Content {
    var unitID: UUID
    var scores: [AgreedEntry]
    var bonus: [AdjustmentEntry]
    var penalties: [AdjustmentEntry]
}

struct ReasonInput: Content {
    var reason: String
}

/// Lock and publication of a cycle's scores.
struct ScoringStateDTO: Content {
    var lockedAt: String?
    var publishedAt: String?
}

/// A reason that only some cases require (publishing while units are not scored).
struct OptionalReasonInput: Content {
    var reason: String?
}
