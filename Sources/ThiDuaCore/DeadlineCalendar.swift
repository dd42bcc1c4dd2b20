import Foundation

/// Working days and local-day instants in Asia/Ho_Chi_Minh, given a set of public holidays.
public struct DeadlineCalendar: Sendable {
    /// Always Asia/Ho_Chi_Minh, never the machine zone; the fixed +07:00 fallback only
    /// matters on a system without tz data (the zone has had no DST since 1975).
    public static let zone: TimeZone =
        TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!

    /// Days off on which no work is done (Tết, 30/4, 2/9, and compensating days off).
    public let holidays: Set<LocalDate>
    /// Saturdays or Sundays officially worked to make up for a bridged day off ("ngày làm bù").
    public let makeUpWorkingDays: Set<LocalDate>

    private let gregorian: Calendar

    public init(holidays: Set<LocalDate>) {
        self.init(holidays: holidays, makeUpWorkingDays: [])
    }

    public init(holidays: Set<LocalDate>, makeUpWorkingDays: Set<LocalDate>) {
        self.holidays = holidays
        self.makeUpWorkingDays = makeUpWorkingDays
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Self.zone
        self.gregorian = calendar
    }

    /// Not a Saturday, Sunday or holiday — unless it is an official make-up working day.
    public func isWorkingDay(_ d: LocalDate) -> Bool {
        if holidays.contains(d) { return false }
        if makeUpWorkingDays.contains(d) { return true }
        let weekday = d.weekdayIndex
        return weekday != 0 && weekday != 6
    }

    /// Adds `days`: plain days for `.calendar`; for `.working`, counts only working days
    /// (negative counts backwards; 0 on a non-working day moves to the next working day).
    public func adding(_ days: Int, _ kind: DayKind, to d: LocalDate) -> LocalDate {
        switch kind {
        case .calendar:
            return d.addingCalendarDays(days)
        case .working:
            var current = d.dayNumber
            if days == 0 {
                while !isWorkingDay(LocalDate(dayNumber: current)) { current += 1 }
                return LocalDate(dayNumber: current)
            }
            let step = days > 0 ? 1 : -1
            var remaining = abs(days)
            while remaining > 0 {
                current += step
                if isWorkingDay(LocalDate(dayNumber: current)) { remaining -= 1 }
            }
            return LocalDate(dayNumber: current)
        }
    }

    /// 23:59:59 local time of `d`: the instant "before dd/mm/yyyy" means in this product.
    public func endOfDay(_ d: LocalDate) -> Date {
        instant(d, hour: 23, minute: 59, second: 59)
    }

    /// `hour`:`minute`:00 local time of `d`.
    public func instant(_ d: LocalDate, hour: Int, minute: Int) -> Date {
        instant(d, hour: hour, minute: minute, second: 0)
    }

    /// Asia/Ho_Chi_Minh has kept +07:00 since 13/06/1975: from 1976 on, local dates and times are arithmetic, with no
    /// ICU calendar in the way (every page words its dates; perf, issue 16). Earlier instants ask the zone's rules.
    static let fixedOffsetSince = Date(timeIntervalSince1970: 189_302_400 - 7 * 3600)

    /// The local date (in Asia/Ho_Chi_Minh) on which `instant` falls.
    public func localDate(of instant: Date) -> LocalDate {
        if instant >= Self.fixedOffsetSince { return RFC3339.localDate(instant, offsetSeconds: 7 * 3600) }
        let parts = gregorian.dateComponents([.year, .month, .day], from: instant)
        return LocalDate(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// Local hour and minute of `instant`, for wording such as "08 giờ 00".
    public func localTime(of instant: Date) -> (hour: Int, minute: Int) {
        if instant >= Self.fixedOffsetSince {
            let local = Int(instant.timeIntervalSince1970.rounded(.down)) + 7 * 3600
            let second = ((local % 86_400) + 86_400) % 86_400
            return (second / 3600, second / 60 % 60)
        }
        let parts = gregorian.dateComponents([.hour, .minute], from: instant)
        return (parts.hour ?? 0, parts.minute ?? 0)
    }

    private func instant(_ d: LocalDate, hour: Int, minute: Int, second: Int) -> Date {
        // Build from the normalised date so that out-of-range days roll over the same way
        // as the day-number arithmetic does.
        let date = LocalDate(dayNumber: d.dayNumber)
        let parts = DateComponents(
            timeZone: Self.zone, year: date.year, month: date.month, day: date.day,
            hour: hour, minute: minute, second: second
        )
        if let instant = gregorian.date(from: parts) { return instant }
        // Unreachable for valid Gregorian dates; fall back to the fixed offset.
        let seconds = date.dayNumber * 86_400 + hour * 3600 + minute * 60 + second - 7 * 3600
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
