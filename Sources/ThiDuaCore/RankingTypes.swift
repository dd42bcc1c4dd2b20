import Foundation

/// One penalty (điểm trừ) a unit received: its kind (matched by `Eligibility.excludedPenaltyKinds`) and points.
public struct PenaltyEntry: Sendable, Equatable, Codable {
    public var kind: String
    public var points: Decimal

    public init(kind: String, points: Decimal) {
        self.kind = kind
        self.points = points
    }
}

/// A unit's scores for ranking.
public struct UnitScores: Sendable, Equatable, Codable {
    /// The unit's ID; expected to be unique in one ranking.
    public var unit: String
    /// Leaf code → agreed points. A missing leaf counts as 0; codes that are not leaves of the table are ignored.
    public var leafPoints: [String: Decimal]
    /// The points of each bonus item (điểm thưởng), before the table's cap.
    public var bonus: [Decimal]
    public var penalties: [PenaltyEntry]

    public init(unit: String, leafPoints: [String: Decimal] = [:], bonus: [Decimal] = [], penalties: [PenaltyEntry] = []) {
        self.unit = unit
        self.leafPoints = leafPoints
        self.bonus = bonus
        self.penalties = penalties
    }
}

/// A unit's points in one top-level section of the table, for the per-section columns of the ranking.
public struct SectionSubtotal: Sendable, Equatable, Codable {
    public var code: String
    public var title: String
    /// Sum of the unit's points for the section's leaves (exact, not rounded).
    public var points: Decimal
    /// Sum of the section's leaf maxima.
    public var maxPoints: Decimal

    public init(code: String, title: String, points: Decimal, maxPoints: Decimal) {
        self.code = code
        self.title = title
        self.points = points
        self.maxPoints = maxPoints
    }
}

/// One line of the ranking (bảng tổng hợp điểm): subtotals, total, rank, classification and eligibility.
public struct RankedUnit: Sendable, Equatable, Codable {
    public var unit: String
    /// One entry per top-level section, in table order.
    public var sections: [SectionSubtotal]
    /// Sum of the leaf points (exact).
    public var base: Decimal
    /// Sum of the bonus items, capped at the table's `bonusCap`.
    public var bonus: Decimal
    /// Sum of the penalty points.
    public var penalty: Decimal
    /// base + bonus − penalty, rounded per the rule set.
    public var total: Decimal
    /// 1-based; tied units share a rank and the next rank is skipped (1, 1, 3).
    public var rank: Int
    /// Label of the classification band reached, or nil below the lowest band.
    public var classification: String?
    /// Whether the unit may be nominated under the rule set's eligibility rules.
    public var eligible: Bool
    /// Why not, in Vietnamese; empty when eligible.
    public var ineligibilityReasons: [String]

    public init(
        unit: String, sections: [SectionSubtotal], base: Decimal, bonus: Decimal, penalty: Decimal,
        total: Decimal, rank: Int, classification: String?, eligible: Bool, ineligibilityReasons: [String]
    ) {
        self.unit = unit
        self.sections = sections
        self.base = base
        self.bonus = bonus
        self.penalty = penalty
        self.total = total
        self.rank = rank
        self.classification = classification
        self.eligible = eligible
        self.ineligibilityReasons = ineligibilityReasons
    }
}
