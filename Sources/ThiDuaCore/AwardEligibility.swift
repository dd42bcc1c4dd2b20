import Foundation

/// One award a unit or person received: which award (the rule set's key or name) and for which year.
public struct AwardRecord: Sendable, Equatable, Hashable, Codable {
    public var award: String
    public var year: Int

    public init(award: String, year: Int) {
        self.award = award
        self.year = year
    }
}

/// An eligibility condition, as data from the rule set. In JSON:
/// `{"kind": "noConsecutive", "award": "provincialFlag"}` or
/// `{"kind": "requiresYears", "award": "chairmanMerit", "requiredAward": "excellentCollective", "years": 2}`.
public enum AwardRule: Sendable, Equatable, Codable {
    /// `award` is not given in two consecutive years.
    case noConsecutive(award: String)
    /// `award` needs `requiredAward` in `years` consecutive years up to the year before the proposal
    /// (or up to the proposal's year itself, when that year's `requiredAward` is already recorded).
    case requiresYears(award: String, requiredAward: String, years: Int)

    private enum CodingKeys: String, CodingKey { case kind, award, requiredAward, years }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try c.decode(String.self, forKey: .kind)
        switch kind {
        case "noConsecutive":
            self = .noConsecutive(award: try c.decode(String.self, forKey: .award))
        case "requiresYears":
            self = .requiresYears(
                award: try c.decode(String.self, forKey: .award),
                requiredAward: try c.decode(String.self, forKey: .requiredAward),
                years: try c.decode(Int.self, forKey: .years)
            )
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: c,
                debugDescription: "Unknown award rule “\(kind)”; expected noConsecutive or requiresYears"
            )
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .noConsecutive(let award):
            try c.encode("noConsecutive", forKey: .kind)
            try c.encode(award, forKey: .award)
        case .requiresYears(let award, let requiredAward, let years):
            try c.encode("requiresYears", forKey: .kind)
            try c.encode(award, forKey: .award)
            try c.encode(requiredAward, forKey: .requiredAward)
            try c.encode(years, forKey: .years)
        }
    }
}

/// Advisory checks while a proposal is built: a proposal that fails them can still be sent
/// with a recorded reason, so these are warnings, never errors.
public enum AwardEligibility {
    /// Vietnamese warnings for proposing `award` in `year` given the holder's history, in rule
    /// order, without repeats. Besides the rules, an award already recorded for `year` itself is
    /// always reported. Awards are matched by exact text after trimming (NFC and NFD are equal);
    /// `names` maps a rule-set key to the name shown in the warning (the key itself otherwise).
    ///
    /// - `noConsecutive`: "Đã nhận “X” năm 2022; quy định không tặng liên tiếp hai năm" for the
    ///   year before (and the year after, when history already has it).
    /// - `requiresYears`: "Cần 2 năm liên tục đạt “Y” (đã có: 2022)" when the run of consecutive
    ///   years of Y ending at `year` − 1 (or at `year`, if recorded) is shorter than N; the years
    ///   listed are those of Y among the N years before `year` and `year` itself.
    public static func warnings(
        award: String, year: Int, history: [AwardRecord], rules: [AwardRule], names: [String: String] = [:]
    ) -> [String] {
        let proposed = key(award)
        func title(_ award: String) -> String { "“" + (names[award] ?? names[key(award)] ?? key(award)) + "”" }
        func years(of award: String) -> Set<Int> {
            Set(history.filter { key($0.award) == key(award) }.map(\.year))
        }
        var out: [String] = []
        func add(_ warning: String) { if !out.contains(warning) { out.append(warning) } }

        if years(of: proposed).contains(year) {
            add("Đã nhận \(title(award)) năm \(year); đề nghị trùng năm đã được tặng")
        }
        for rule in rules {
            switch rule {
            case .noConsecutive(let ruleAward):
                guard key(ruleAward) == proposed else { continue }
                let held = years(of: proposed)
                for neighbour in [year - 1, year + 1] where held.contains(neighbour) {
                    add("Đã nhận \(title(award)) năm \(neighbour); quy định không tặng liên tiếp hai năm")
                }
            case .requiresYears(let ruleAward, let required, let count):
                guard key(ruleAward) == proposed, count > 0 else { continue }
                let held = years(of: required)
                var last = held.contains(year) ? year : year - 1
                var run = 0
                while held.contains(last), run < count {
                    run += 1
                    last -= 1
                }
                guard run < count else { continue }
                let window = held.filter { $0 >= year - count && $0 <= year }.sorted()
                let had = window.isEmpty ? "chưa có năm nào" : "đã có: " + window.map(String.init).joined(separator: ", ")
                add("Cần \(count) năm liên tục đạt \(title(required)) (\(had))")
            }
        }
        return out
    }

    /// Award text as compared: surrounding whitespace trimmed, inner runs of spaces as one.
    static func key(_ award: String) -> String {
        award.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
