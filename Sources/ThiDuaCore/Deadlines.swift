import Foundation

/// Whether a relative deadline counts every day or only working days.
public enum DayKind: String, Codable, Sendable, CaseIterable {
    case calendar, working

    /// The localisation key of its name, as `LabelledValue` types have (its decoding is the rule sets' own).
    public var labelKey: String { "day_kind_" + rawValue }

    public init(from decoder: Decoder) throws {
        self = try Self.decodeChoice(from: decoder)
    }
}

extension DayKind: DecodableChoice {}

/// How a milestone's due instant is fixed.
public enum DueRule: Equatable, Sendable {
    /// An explicit instant.
    case instant(Date)
    /// "Before 05/12/2023": 23:59:59 local time of that day.
    case endOfLocalDay(LocalDate)
    /// The end of the local day `offsetDays` (calendar or working) days after another milestone.
    case relative(to: String, offsetDays: Int, dayKind: DayKind)

    /// The key this rule depends on, if any.
    public var base: String? {
        if case .relative(let base, _, _) = self { return base }
        return nil
    }
}

/// One milestone of a plan: its key and the rule that fixes its due instant.
public struct MilestoneRule: Equatable, Sendable {
    /// The server passes UUID strings; tests and rule sets use codes such as "CONFERENCE".
    public var key: String
    public var rule: DueRule

    public init(key: String, rule: DueRule) {
        self.key = key
        self.rule = rule
    }
}

/// Why a set of milestone rules cannot be resolved to instants.
public enum DeadlineError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `milestone` is relative to `base`, which is not among the rules.
    case unknownBase(milestone: String, base: String)
    /// The keys on the cycle in dependency order, the first repeated at the end.
    case cycle([String])
    /// The milestone's date is invalid or falls outside years 1…9999.
    case outOfRange(milestone: String)

    public var description: String {
        switch self {
        case .unknownBase(let milestone, let base):
            return "Mốc thời gian “\(milestone)” được tính theo mốc “\(base)” nhưng mốc này không tồn tại"
        case .cycle(let keys):
            return "Mốc thời gian tạo thành vòng lặp: " + keys.joined(separator: " → ")
        case .outOfRange(let milestone):
            return "Mốc thời gian “\(milestone)” có ngày không hợp lệ hoặc nằm ngoài phạm vi cho phép"
        }
    }
}
