import Foundation

/// A milestone a rule set proposes for every new cycle, identified by a code such as "SCORING".
public struct DefaultDeadline: Codable, Equatable, Sendable {
    /// When the milestone falls due, in the rule set's own terms.
    public enum Due: Equatable, Sendable {
        /// JSON `"dueLocal": "2023-12-05"`: 23:59:59 local of that day.
        case endOfLocalDay(LocalDate)
        /// JSON `"dueLocal"` with `"hour"` (and optionally `"minute"`): that local time.
        case localTime(LocalDate, hour: Int, minute: Int)
        /// JSON `"relativeTo"`, `"offsetDays"`, `"dayKind"`: end of the day n days after another code.
        case relative(to: String, offsetDays: Int, dayKind: DayKind)
    }

    public var code: String
    public var title: String
    public var due: Due
    /// JSON `"role": "scoring"`: what the cycle's milestone made from it is for.
    public var role: MilestoneRole?

    public init(code: String, title: String, due: Due, role: MilestoneRole? = nil) {
        self.code = code
        self.title = title
        self.due = due
        self.role = role
    }

    enum CodingKeys: String, CodingKey {
        case code, title, dueLocal, hour, minute, relativeTo, offsetDays, dayKind, role
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        code = try c.decode(String.self, forKey: .code)
        title = try c.decode(String.self, forKey: .title)
        role = try c.decodeIfPresent(MilestoneRole.self, forKey: .role)
        // The JSON is flat; exactly one of the two shapes must be present, and fields of
        // the other shape are refused rather than silently ignored.
        switch (c.contains(.dueLocal), c.contains(.relativeTo)) {
        case (true, true):
            throw c.issue(.relativeTo, "chỉ được khai báo một trong hai trường dueLocal hoặc relativeTo")
        case (false, false):
            throw c.issue(.dueLocal, "thiếu trường bắt buộc: cần dueLocal hoặc relativeTo")
        case (true, false):
            for key in [CodingKeys.offsetDays, .dayKind] where c.contains(key) {
                throw c.issue(key, "trường này chỉ dùng cùng relativeTo")
            }
            let date = try c.decode(LocalDate.self, forKey: .dueLocal)
            let hour = try c.decodeWholeNumberIfPresent(forKey: .hour)
            let minute = try c.decodeWholeNumberIfPresent(forKey: .minute)
            if let hour {
                due = .localTime(date, hour: hour, minute: minute ?? 0)
            } else if minute != nil {
                throw c.issue(.hour, "thiếu giờ (hour) khi đã khai báo phút (minute)")
            } else {
                due = .endOfLocalDay(date)
            }
        case (false, true):
            for key in [CodingKeys.hour, .minute] where c.contains(key) {
                throw c.issue(key, "mốc tương đối luôn hết hạn vào cuối ngày, không khai báo giờ phút")
            }
            due = .relative(
                to: try c.decode(String.self, forKey: .relativeTo),
                offsetDays: try c.decodeWholeNumber(forKey: .offsetDays),
                dayKind: try c.decode(DayKind.self, forKey: .dayKind)
            )
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(title, forKey: .title)
        try c.encodeIfPresent(role, forKey: .role)
        switch due {
        case .endOfLocalDay(let date):
            try c.encode(date, forKey: .dueLocal)
        case .localTime(let date, let hour, let minute):
            try c.encode(date, forKey: .dueLocal)
            try c.encode(hour, forKey: .hour)
            try c.encode(minute, forKey: .minute)
        case .relative(let base, let offset, let kind):
            try c.encode(base, forKey: .relativeTo)
            try c.encode(offset, forKey: .offsetDays)
            try c.encode(kind, forKey: .dayKind)
        }
    }

    /// The deadline as a `MilestoneRule` keyed by its code, with local times fixed by `calendar`.
    public func milestoneRule(in calendar: DeadlineCalendar) -> MilestoneRule {
        switch due {
        case .endOfLocalDay(let date):
            return MilestoneRule(key: code, rule: .endOfLocalDay(date))
        case .localTime(let date, let hour, let minute):
            return MilestoneRule(key: code, rule: .instant(calendar.instant(date, hour: hour, minute: minute)))
        case .relative(let base, let offset, let kind):
            return MilestoneRule(key: code, rule: .relative(to: base, offsetDays: offset, dayKind: kind))
        }
    }
}
