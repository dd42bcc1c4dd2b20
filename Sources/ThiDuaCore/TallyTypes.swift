import Foundation

/// Everything one round's count needs: the candidates, the rules and the ballots or their totals.
public struct TallyInput: Sendable {
    /// Candidate unit IDs in display order; this order also breaks display ties in `counts`.
    public var candidates: [String]
    public var rule: ChoiceRule
    public var threshold: VoteThreshold
    /// How many may win (≥ 1).
    public var quota: Int
    public var allMembers: Int
    /// Member units present; each has one vote, so this is also the number of eligible voters.
    public var membersPresent: Int
    /// Ballots issued on paper; nil for electronic (a paper count carries its own figure).
    public var ballotsIssued: Int?
    /// Electronic: the valid stored ballots. Ignored by `Tally.paper`.
    public var validBallots: [CastBallot]
    /// Electronic: how many stored ballots were invalid. Ignored by `Tally.paper`.
    public var invalidCount: Int

    public init(
        candidates: [String],
        rule: ChoiceRule,
        threshold: VoteThreshold,
        quota: Int,
        allMembers: Int,
        membersPresent: Int,
        ballotsIssued: Int? = nil,
        validBallots: [CastBallot] = [],
        invalidCount: Int = 0
    ) {
        self.candidates = candidates
        self.rule = rule
        self.threshold = threshold
        self.quota = quota
        self.allMembers = allMembers
        self.membersPresent = membersPresent
        self.ballotsIssued = ballotsIssued
        self.validBallots = validBallots
        self.invalidCount = invalidCount
    }
}

/// A paper count entered by the counting committee (Ban kiểm phiếu).
public struct PaperCount: Sendable, Equatable {
    /// Ballots handed out (số phiếu phát ra).
    public var issued: Int
    /// Ballots returned to the box (số phiếu thu về).
    public var cast: Int
    /// Invalid ballots among those cast (số phiếu không hợp lệ).
    public var invalid: Int
    /// Votes per candidate unit ID; a missing candidate has 0 votes.
    public var counts: [String: Int]

    public init(issued: Int, cast: Int, invalid: Int, counts: [String: Int]) {
        self.issued = issued
        self.cast = cast
        self.invalid = invalid
        self.counts = counts
    }

    /// Valid ballots: cast minus invalid.
    public var valid: Int { cast - invalid }
}

/// Why a paper count was refused; `description` is the Vietnamese message shown to the committee.
public enum PaperCountError: Error, Equatable, Sendable, CustomStringConvertible {
    case issuedExceedsPresent(issued: Int, present: Int)
    case castExceedsIssued(cast: Int, issued: Int)
    case invalidExceedsCast
    case countExceedsValid(candidate: String, votes: Int, valid: Int)
    case totalExceedsLimit(total: Int, limit: Int)
    case unknownCandidate(String)
    case negative

    public var description: String { message(name: { $0 }) }

    /// The message with each unit named by `name`, so the committee reads names, never identifiers.
    public func message(name: (String) -> String) -> String {
        switch self {
        case .issuedExceedsPresent(let issued, let present):
            return "Số phiếu phát ra (\(issued)) vượt quá số đơn vị có mặt (\(present)); mỗi đơn vị có mặt nhận một phiếu."
        case .castExceedsIssued(let cast, let issued):
            return "Số phiếu thu về (\(cast)) vượt quá số phiếu phát ra (\(issued))."
        case .invalidExceedsCast:
            return "Số phiếu không hợp lệ vượt quá số phiếu thu về."
        case .countExceedsValid(let candidate, let votes, let valid):
            return "Số phiếu bầu cho “\(name(candidate))” (\(votes)) vượt quá số phiếu hợp lệ (\(valid))."
        case .totalExceedsLimit(let total, let limit):
            return "Tổng số phiếu bầu cho các đơn vị (\(total)) vượt quá mức tối đa cho phép (\(limit))."
        case .unknownCandidate:
            return "Số liệu kiểm phiếu có đơn vị không thuộc danh sách bầu của vòng này."
        case .negative:
            return "Số liệu kiểm phiếu không được là số âm."
        }
    }
}

/// The outcome of one round: figures, each candidate's votes and share, the winners and any tie.
public struct TallyResult: Equatable, Sendable, Codable {
    /// One candidate's line in the count.
    public struct Count: Equatable, Sendable, Codable {
        public var candidate: String
        public var votes: Int
        /// votes ÷ `thresholdBase`, rounded half-up to 4 decimal places; 0 when the base is 0.
        public var share: Decimal
        public var passes: Bool

        public init(candidate: String, votes: Int, share: Decimal, passes: Bool) {
            self.candidate = candidate
            self.votes = votes
            self.share = share
            self.passes = passes
        }
    }

    public var eligibleVoters: Int
    public var ballotsCast: Int
    public var valid: Int
    public var invalid: Int
    /// The number the share is computed against.
    public var thresholdBase: Int
    /// Sorted: votes descending, then candidate display order.
    public var counts: [Count]
    /// Winners up to the quota, in order of votes, only those passing.
    public var outcome: [String]
    /// Candidates tied at the cut-off (non-empty ⇒ a run-off is needed); `outcome` then holds only
    /// those strictly above the tie.
    public var tie: [String]
    /// quota − outcome.count when `tie` is non-empty, else 0.
    public var seatsLeftForRunoff: Int

    public init(
        eligibleVoters: Int, ballotsCast: Int, valid: Int, invalid: Int, thresholdBase: Int,
        counts: [Count], outcome: [String], tie: [String], seatsLeftForRunoff: Int
    ) {
        self.eligibleVoters = eligibleVoters
        self.ballotsCast = ballotsCast
        self.valid = valid
        self.invalid = invalid
        self.thresholdBase = thresholdBase
        self.counts = counts
        self.outcome = outcome
        self.tie = tie
        self.seatsLeftForRunoff = seatsLeftForRunoff
    }

    /// True when a run-off among `tie` is needed.
    public var needsRunoff: Bool { !tie.isEmpty }
}
