import Foundation

/// How a voter may choose.
///
/// JSON shape: `{"kind": "approveUpTo", "maxChoices": 3}` or `{"kind": "exactlyOne"}`.
public enum ChoiceRule: Equatable, Sendable, Codable {
    /// Approve any number of candidates from none (a blank ballot) up to the given count.
    case approveUpTo(Int)
    /// Pick exactly one candidate; a blank ballot is invalid.
    case exactlyOne

    /// The most candidates one ballot may approve.
    public var maxChoices: Int {
        switch self {
        case .approveUpTo(let count): return max(0, count)
        case .exactlyOne: return 1
        }
    }

    enum Kind: String, Codable, CaseIterable, DecodableChoice {
        case approveUpTo, exactlyOne
        init(from decoder: Decoder) throws { self = try Self.decodeChoice(from: decoder) }
    }

    enum CodingKeys: String, CodingKey { case kind, maxChoices }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(Kind.self, forKey: .kind) {
        case .approveUpTo:
            let count = try c.decodeWholeNumber(forKey: .maxChoices)
            guard count >= 1 else { throw c.issue(.maxChoices, "số đơn vị được chọn tối đa phải từ 1 trở lên") }
            self = .approveUpTo(count)
        case .exactlyOne:
            self = .exactlyOne
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .approveUpTo(let count):
            try c.encode(Kind.approveUpTo, forKey: .kind)
            try c.encode(count, forKey: .maxChoices)
        case .exactlyOne:
            try c.encode(Kind.exactlyOne, forKey: .kind)
        }
    }
}

/// One stored ballot: the unit IDs (as strings) it approves; empty = blank ballot.
public struct CastBallot: Equatable, Hashable, Sendable, Codable {
    public var choices: [String]

    public init(choices: [String]) {
        self.choices = choices
    }

    /// A ballot that approves no one (phiếu trắng).
    public var isBlank: Bool { choices.isEmpty }
}

/// Whether one ballot counts, and if not, why (in Vietnamese, for the voter or the minutes).
public enum BallotValidity: Equatable, Sendable {
    case valid
    case invalid(String)

    /// True for `.valid`.
    public var isValid: Bool { self == .valid }
}

/// The rules a single ballot must follow before it is stored or counted.
public enum BallotRules {
    /// Checks one ballot against the candidates and the rule: unknown candidate, duplicates, too many,
    /// exactlyOne needs exactly one; self-vote (voterUnit among choices) when `selfVoteAllowed` is false.
    /// Blank ballots (no choice) are valid for approveUpTo, invalid for exactlyOne.
    ///
    /// The checks run in that order and the first failure is reported.
    /// - `blankConfirmed`: whether an empty paper was meant as a blank vote (phiếu trắng). An empty paper that was not
    ///   is refused, so one tap on "send" with nothing ticked never casts a vote by accident.
    /// - `name`: how a unit is named in a reason; a reason never shows an identifier.
    public static func validity(
        _ ballot: CastBallot,
        candidates: Set<String>,
        rule: ChoiceRule,
        voterUnit: String?,
        selfVoteAllowed: Bool,
        blankConfirmed: Bool = true,
        name: (String) -> String = { $0 }
    ) -> BallotValidity {
        let choices = ballot.choices
        if choices.contains(where: { !candidates.contains($0) }) {
            return .invalid("Phiếu có lựa chọn không thuộc danh sách bầu của vòng này.")
        }
        var seen = Set<String>()
        if let repeated = choices.first(where: { !seen.insert($0).inserted }) {
            return .invalid("Đơn vị “\(name(repeated))” được chọn hơn một lần trên cùng một phiếu.")
        }
        switch rule {
        case .approveUpTo:
            if choices.count > rule.maxChoices {
                return .invalid("Phiếu chọn \(choices.count) đơn vị, vượt quá số được chọn tối đa là \(rule.maxChoices).")
            }
            if choices.isEmpty && !blankConfirmed {
                return .invalid("Phiếu chưa chọn đơn vị nào. Hãy chọn đơn vị, hoặc đánh dấu “Bỏ phiếu trắng” nếu đơn vị không chọn ai.")
            }
        case .exactlyOne:
            if choices.isEmpty {
                return .invalid("Phiếu phải chọn đúng một đơn vị; phiếu trắng không hợp lệ.")
            }
            if choices.count > 1 {
                return .invalid("Phiếu phải chọn đúng một đơn vị, nhưng đã chọn \(choices.count) đơn vị.")
            }
        }
        if !selfVoteAllowed, let voter = voterUnit, choices.contains(voter) {
            return .invalid("Đơn vị không được tự bầu cho chính mình (\(name(voter))).")
        }
        return .valid
    }
}
