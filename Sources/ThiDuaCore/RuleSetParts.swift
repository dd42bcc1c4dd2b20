import Foundation

/// How many provincial flags a bloc may propose: a fixed count or a share of its members.
public enum FlagQuota: Codable, Equatable, Sendable {
    case absolute(Int)
    /// `fraction` of the member count (0 < fraction ≤ 1), rounded as stated.
    case share(fraction: Double, rounding: Rounding)

    /// How a share of the member count becomes a whole number of flags.
    public enum Rounding: String, Codable, Sendable, CaseIterable, DecodableChoice {
        case down, up, nearest
        public init(from decoder: Decoder) throws { self = try Self.decodeChoice(from: decoder) }
    }

    enum Kind: String, Codable, CaseIterable, DecodableChoice {
        case absolute, share
        init(from decoder: Decoder) throws { self = try Self.decodeChoice(from: decoder) }
    }

    enum CodingKeys: String, CodingKey { case kind, count, fraction, rounding }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Kind.self, forKey: .kind) {
        case .absolute:
            self = .absolute(try c.decodeWholeNumber(forKey: .count))
        case .share:
            self = .share(
                fraction: try c.decode(Double.self, forKey: .fraction),
                rounding: try c.decode(Rounding.self, forKey: .rounding)
            )
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .absolute(let count):
            try c.encode(Kind.absolute, forKey: .kind)
            try c.encode(count, forKey: .count)
        case .share(let fraction, let rounding):
            try c.encode(Kind.share, forKey: .kind)
            try c.encode(fraction, forKey: .fraction)
            try c.encode(rounding, forKey: .rounding)
        }
    }

    /// The number of flags for a bloc of `memberCount` units (never negative).
    public func flagCount(memberCount: Int) -> Int {
        switch self {
        case .absolute(let count):
            return max(0, count)
        case .share(let fraction, let rounding):
            // Snap to 9 decimals first so that 0.7 × 10 counts as 7, not 7.000000000000001.
            let exact = ((fraction * Double(max(0, memberCount))) * 1e9).rounded() / 1e9
            switch rounding {
            case .down: return Int(exact.rounded(.down))
            case .up: return Int(exact.rounded(.up))
            case .nearest: return Int(exact.rounded(.toNearestOrAwayFromZero))
            }
        }
    }
}

/// The share of votes a nominee needs, and what that share is taken of.
public struct VoteThreshold: Codable, Equatable, Sendable {
    /// The denominator of the vote share.
    public enum Base: String, Codable, Sendable, CaseIterable, DecodableChoice {
        case validBallots, membersPresent, allMembers
        public init(from decoder: Decoder) throws { self = try Self.decodeChoice(from: decoder) }
    }

    /// Whether reaching the fraction exactly is enough.
    public enum Comparison: String, Codable, Sendable, CaseIterable, DecodableChoice {
        case atLeast, moreThan
        public init(from decoder: Decoder) throws { self = try Self.decodeChoice(from: decoder) }
    }

    public var base: Base
    public var comparison: Comparison
    public var fraction: Double

    public init(base: Base, comparison: Comparison, fraction: Double) {
        self.base = base
        self.comparison = comparison
        self.fraction = fraction
    }

    /// Whether `votes` meet the threshold; false when the chosen denominator is zero.
    public func isMet(votes: Int, validBallots: Int, membersPresent: Int, allMembers: Int) -> Bool {
        let denominator: Int
        switch base {
        case .validBallots: denominator = validBallots
        case .membersPresent: denominator = membersPresent
        case .allMembers: denominator = allMembers
        }
        guard denominator > 0 else { return false }
        // Tolerance so that 0.7 × 10 = 7.000000000000001 still lets 7 votes count as "at least".
        let required = fraction * Double(denominator)
        switch comparison {
        case .atLeast: return Double(votes) >= required - 1e-9
        case .moreThan: return Double(votes) > required + 1e-9
        }
    }
}

/// Who may be nominated at all.
public struct Eligibility: Codable, Equatable, Sendable {
    /// Lowest agreed total a nominee may have; nil for no floor.
    public var minimumTotal: Double?
    /// Worst rank a nominee may hold (1 = only the first); nil for no limit.
    public var maximumRank: Int?
    /// Penalty kinds (codes) that rule a unit out whatever its score.
    public var excludedPenaltyKinds: [String]

    public init(minimumTotal: Double? = nil, maximumRank: Int? = nil, excludedPenaltyKinds: [String] = []) {
        self.minimumTotal = minimumTotal
        self.maximumRank = maximumRank
        self.excludedPenaltyKinds = excludedPenaltyKinds
    }

    enum CodingKeys: String, CodingKey { case minimumTotal, maximumRank, excludedPenaltyKinds }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        minimumTotal = try c.decodeIfPresent(Double.self, forKey: .minimumTotal)
        maximumRank = try c.decodeWholeNumberIfPresent(forKey: .maximumRank)
        excludedPenaltyKinds = try c.decodeIfPresent([String].self, forKey: .excludedPenaltyKinds) ?? []
    }
}

/// One rule for ordering units whose totals are equal, applied in list order.
public enum TieBreak: String, Codable, Sendable, CaseIterable, DecodableChoice {
    case higherBase, fewerPenaltyPoints, higherBonus
    /// Give tied units the same rank; only meaningful as the last rule.
    case sharedRank

    public init(from decoder: Decoder) throws { self = try Self.decodeChoice(from: decoder) }
}

/// A classification band: units with a total of at least `minimumTotal` get `label`.
public struct ClassificationBand: Codable, Equatable, Sendable {
    public var label: String
    public var minimumTotal: Double

    public init(label: String, minimumTotal: Double) {
        self.label = label
        self.minimumTotal = minimumTotal
    }
}

/// How totals are rounded before they are ranked and shown.
public struct Rounding: Codable, Equatable, Sendable {
    /// Rounding direction at the last kept decimal.
    public enum Mode: String, Codable, Sendable, CaseIterable, DecodableChoice {
        case halfUp, halfEven, down
        public init(from decoder: Decoder) throws { self = try Self.decodeChoice(from: decoder) }
    }

    public var decimals: Int
    public var mode: Mode

    public init(decimals: Int, mode: Mode) {
        self.decimals = decimals
        self.mode = mode
    }

    enum CodingKeys: String, CodingKey { case decimals, mode }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        decimals = try c.decodeWholeNumber(forKey: .decimals)
        mode = try c.decode(Mode.self, forKey: .mode)
    }

    /// Rounds in decimal, from the shortest text of `value`, so 2.675 (stored as
    /// 2.67499…) rounds half-up to 2.68 as a person would expect.
    public func apply(_ value: Double) -> Double {
        guard value.isFinite, var exact = Decimal(string: "\(value)") else { return value }
        var result = Decimal()
        let mode: NSDecimalNumber.RoundingMode
        switch self.mode {
        case .halfUp: mode = .plain  // half away from zero
        case .halfEven: mode = .bankers
        case .down: mode = value < 0 ? .up : .down  // truncate toward zero
        }
        NSDecimalRound(&result, &exact, max(0, decimals), mode)
        return NSDecimalNumber(decimal: result).doubleValue
    }
}
