import Foundation

/// What a person has to do next, as the home page ("Việc cần làm") lists it: pure rules over the cycle's state, so
/// the order and the wording of a countdown are tested without a server.
public enum Todo {
    /// One thing a unit owes: a file for a requirement (or its self-assessment), with its deadline and state.
    public struct Item: Equatable, Sendable {
        public enum Kind: Sendable { case requirement, selfAssessment }

        public var kind: Kind = .requirement
        /// The requirement's ID, or the assessment's own key.
        public var key: String
        public var title: String
        public var dueAt: Date
        public var state: SubmissionState
        /// Why the secretariat returned it, for a returned item.
        public var reason: String?

        public init(key: String, title: String, dueAt: Date, state: SubmissionState, reason: String? = nil) {
            (self.key, self.title, self.dueAt, self.state, self.reason) = (key, title, dueAt, state, reason)
        }
    }

    /// The unit's open items: returned ones first (someone waits for the correction), then what is missing, soonest
    /// deadline first. What was sent, accepted or is not asked of the unit is not a to-do.
    public static func open(_ items: [Item]) -> [Item] {
        items.filter { $0.state == .missing || $0.state == .returned }
            .sorted { ($0.state == .returned ? 0 : 1, $0.dueAt, $0.key) < ($1.state == .returned ? 0 : 1, $1.dueAt, $1.key) }
    }

    /// "còn 3 ngày", "còn 5 giờ", "còn 20 phút", "hết hạn hôm nay"… or "quá hạn 2 ngày": whole units, rounded down,
    /// so a deadline never reads later than it is.
    public static func countdown(now: Date, due: Date) -> String {
        let seconds = due.timeIntervalSince(now)
        let span = abs(seconds)
        let text: String
        if span >= 86_400 {
            text = "\(Int(span / 86_400)) ngày"
        } else if span >= 3_600 {
            text = "\(Int(span / 3_600)) giờ"
        } else {
            text = "\(max(Int(span / 60), 1)) phút"
        }
        return seconds >= 0 ? "còn \(text)" : "quá hạn \(text)"
    }

    /// The secretariat's counts for one requirement: how many units sent and wait for review, how many have not sent.
    public struct Tally: Equatable, Sendable {
        public var awaitingReview: Int
        public var notSent: Int
        public init(awaitingReview: Int, notSent: Int) { (self.awaitingReview, self.notSent) = (awaitingReview, notSent) }
    }

    /// Over the states of every target unit for one requirement; a late file still waits for review.
    public static func tally(_ states: [SubmissionState]) -> Tally {
        Tally(awaitingReview: states.filter { $0 == .sent || $0 == .late }.count,
              notSent: states.filter { $0 == .missing || $0 == .returned }.count)
    }
}
