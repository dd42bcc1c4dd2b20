import Foundation

/// Where a milestone stands relative to now on the cycle's timeline.
public enum MilestoneStatus: String, LabelledValue {
    public static let labelPrefix = "status_"

    /// Due before now; the server shows it as "Đã qua hạn".
    case overdue
    /// The earliest due instant at or after now (every milestone tied at it).
    case next
    /// Any later milestone.
    case upcoming
}

/// Classifies resolved milestones for display on the timeline.
public enum MilestoneTimeline: Sendable {
    /// overdue: due < now; next: the earliest due ≥ now (all tied at that instant are next);
    /// upcoming: others. A milestone due exactly now is still open, hence `next`.
    public static func statuses(_ due: [String: Date], now: Date) -> [String: MilestoneStatus] {
        let nextInstant = due.values.filter { $0 >= now }.min()
        return due.mapValues { instant in
            if instant < now { return .overdue }
            return instant == nextInstant ? .next : .upcoming
        }
    }
}
