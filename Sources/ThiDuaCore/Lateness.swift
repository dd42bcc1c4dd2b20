import Foundation

/// When a submission counts as late: the server's receipt instant against the due instant,
/// a unit's extension replacing the milestone's instant, and the rule set's grace period after it.
public enum Lateness {
    /// The instant that applies to one unit: its extension when granted, else the milestone's.
    public static func effectiveDue(milestoneDue: Date, extensionDue: Date?) -> Date {
        extensionDue ?? milestoneDue
    }

    /// Late only strictly after due + grace; a receipt exactly at the instant is on time.
    public static func isLate(receivedAt: Date, due: Date, graceMinutes: Int) -> Bool {
        receivedAt > due.addingTimeInterval(TimeInterval(max(graceMinutes, 0) * 60))
    }
}

/// Where a unit stands on one requirement, as the secretariat's dashboard shows it.
public enum SubmissionState: String, LabelledValue {
    case missing, sent, late, returned, accepted
    /// The unit is not a target of the requirement (another audience, or not nominated).
    case notRequired = "not-required"

    public static let labelPrefix = "state_"

    /// The review state of a unit's latest version.
    public enum Review: String, LabelledValue {
        case pending, accepted, returned

        public static let labelPrefix = "review_"
    }

    /// What the secretariat decides on a version: accept it, or return it to the unit (with a reason).
    public enum ReviewDecision: String, LabelledValue {
        case accept
        case `return`

        public static let labelPrefix = "review_decision_"

        /// The review state the decision leaves the version in.
        public var review: Review { self == .accept ? .accepted : .returned }
        /// A return tells the unit what to fix.
        public var needsReason: Bool { self == .return }
        /// The message once it is recorded.
        public var doneKey: String {
            switch self {
            case .accept: return "review_saved_accepted"
            case .return: return "review_saved_returned"
            }
        }
    }

    /// From the latest version only: a new version after a return goes back to review.
    public static func of(latest: (review: Review, isLate: Bool)?) -> SubmissionState {
        guard let latest else { return .missing }
        switch latest.review {
        case .accepted: return .accepted
        case .returned: return .returned
        case .pending: return latest.isLate ? .late : .sent
        }
    }
}
