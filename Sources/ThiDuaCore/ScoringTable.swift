import Foundation

/// A node of the scoring table (bảng chấm điểm): a section, criterion or sub-criterion. Leaves carry points.
public struct ScoringNode: Codable, Equatable, Sendable {
    /// Hierarchical code such as "I", "I.2", "I.2.a"; unique in its table.
    public var code: String
    public var title: String
    /// How to score the criterion (hướng dẫn chấm), shown to units and reviewers.
    public var guidance: String?
    /// Maximum points (điểm tối đa); leaves only.
    public var maxPoints: Decimal?
    /// Scores must be whole multiples of this step, e.g. 0.25; leaves only; nil = any value.
    public var step: Decimal?
    /// Whether a self-score needs evidence (minh chứng) attached.
    public var evidenceRequired: Bool
    public var children: [ScoringNode]

    public var isLeaf: Bool { children.isEmpty }

    public init(
        code: String, title: String, guidance: String? = nil, maxPoints: Decimal? = nil,
        step: Decimal? = nil, evidenceRequired: Bool = false, children: [ScoringNode] = []
    ) {
        self.code = code
        self.title = title
        self.guidance = guidance
        self.maxPoints = maxPoints
        self.step = step
        self.evidenceRequired = evidenceRequired
        self.children = children
    }

    enum CodingKeys: String, CodingKey { case code, title, guidance, maxPoints, step, evidenceRequired, children }

    /// `evidenceRequired` (false) and `children` ([]) may be left out of the JSON.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        title = try c.decode(String.self, forKey: .title)
        guidance = try c.decodeIfPresent(String.self, forKey: .guidance)
        maxPoints = try c.decodeIfPresent(Decimal.self, forKey: .maxPoints)
        step = try c.decodeIfPresent(Decimal.self, forKey: .step)
        evidenceRequired = try c.decodeIfPresent(Bool.self, forKey: .evidenceRequired) ?? false
        children = try c.decodeIfPresent([ScoringNode].self, forKey: .children) ?? []
    }

    /// The leaves at or below this node, depth-first (the node itself if it is a leaf).
    public var leaves: [ScoringNode] {
        var result: [ScoringNode] = []
        collectLeaves(into: &result)
        return result
    }

    /// The sum of the leaf maxima at or below this node.
    public var totalMaxPoints: Decimal {
        isLeaf ? (maxPoints ?? 0) : children.reduce(Decimal(0)) { $0 + $1.totalMaxPoints }
    }

    func collectLeaves(into result: inout [ScoringNode]) {
        if isLeaf {
            result.append(self)
        } else {
            for child in children { child.collectLeaves(into: &result) }
        }
    }
}

/// One item of the penalty catalogue (điểm trừ).
public struct PenaltyItem: Codable, Equatable, Sendable {
    public var code: String
    public var title: String
    /// Points deducted each time the item applies.
    public var points: Decimal
    /// Kind code, e.g. "kyLuat", matched by `Eligibility.excludedPenaltyKinds`.
    public var kind: String

    public init(code: String, title: String, points: Decimal, kind: String) {
        self.code = code
        self.title = title
        self.points = points
        self.kind = kind
    }
}

/// A cycle's scoring table (bảng chấm điểm): the criteria tree, the bonus cap and the penalty catalogue.
public struct ScoringTable: Codable, Equatable, Sendable {
    /// Top-level sections (I, II, …); their subtotals are shown separately in the ranking.
    public var sections: [ScoringNode]
    /// Cap on the bonus points (điểm thưởng) a unit may receive.
    public var bonusCap: Decimal
    public var penaltyItems: [PenaltyItem]
    /// True for the demo table, which must not be mistaken for a real one.
    public var isIllustrative: Bool

    public init(sections: [ScoringNode], bonusCap: Decimal, penaltyItems: [PenaltyItem] = [], isIllustrative: Bool = false) {
        self.sections = sections
        self.bonusCap = bonusCap
        self.penaltyItems = penaltyItems
        self.isIllustrative = isIllustrative
    }

    enum CodingKeys: String, CodingKey { case sections, bonusCap, penaltyItems, isIllustrative }

    /// `penaltyItems` ([]) and `isIllustrative` (false) may be left out of the JSON.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        sections = try c.decode([ScoringNode].self, forKey: .sections)
        bonusCap = try c.decode(Decimal.self, forKey: .bonusCap)
        penaltyItems = try c.decodeIfPresent([PenaltyItem].self, forKey: .penaltyItems) ?? []
        isIllustrative = try c.decodeIfPresent(Bool.self, forKey: .isIllustrative) ?? false
    }

    /// Every leaf, depth-first in table order.
    public var leaves: [ScoringNode] {
        var result: [ScoringNode] = []
        for section in sections { section.collectLeaves(into: &result) }
        return result
    }

    /// The sum of the leaf maxima: the most base points a unit can get.
    public var basePoints: Decimal {
        sections.reduce(Decimal(0)) { $0 + $1.totalMaxPoints }
    }

    /// The node with this code anywhere in the tree, or nil.
    public func node(code: String) -> ScoringNode? {
        var stack = sections.reversed() as [ScoringNode]
        while let next = stack.popLast() {
            if next.code == code { return next }
            stack.append(contentsOf: next.children.reversed())
        }
        return nil
    }
}

/// A scoring table that failed validation, naming the node or penalty item at fault.
public struct ScoringTableError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Code of the node or penalty item at fault; nil for the table as a whole or a node without a code.
    public var code: String?
    /// Vietnamese explanation.
    public var message: String

    public init(code: String?, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { code.map { "\($0): \(message)" } ?? message }
}
