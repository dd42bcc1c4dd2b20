import Foundation

/// A local calendar date in Asia/Ho_Chi_Minh.
public struct LocalDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    // Plain year/month/day with no zone attached, so that "05/12/2023" in a plan means the same
    // day on every machine; arithmetic goes through a day number (days since 1970-01-01), which
    // keeps it independent of `Calendar` and of the machine zone.
    public var year: Int
    public var month: Int
    public var day: Int

    /// Does not validate, so callers can build a date and check `isValid` later
    /// (rule-set validation reports such dates with a field name).
    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly "YYYY-MM-DD"; nil for any other shape or an impossible day (2023-02-30).
    public init?(iso: String) {
        let bytes = Array(iso.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
            return nil
        }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
        guard isValid else { return nil }
    }

    /// The years the product takes at its edges (cycles, deadlines, dates typed or sent): a year outside is a typo
    /// ("0017" for "2017"), and far dates would be shown in the zone's local mean time, not +07:00.
    public static let supportedYears = 2000...2100

    /// `iso` parsed, when it is a real day within `supportedYears`.
    public static func supported(_ iso: String) -> LocalDate? {
        guard let date = LocalDate(iso: iso.trimmingCharacters(in: .whitespaces)), supportedYears.contains(date.year) else {
            return nil
        }
        return date
    }

    /// "2023-12-05".
    public var iso: String {
        "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))"
    }

    public var description: String { iso }

    /// True when the date exists in the proleptic Gregorian calendar (years 1…9999).
    public var isValid: Bool {
        (1...9999).contains(year) && (1...12).contains(month)
            && day >= 1 && day <= Self.daysInMonth(year: year, month: month)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let date = LocalDate(iso: text) else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: decoder.codingPath,
                debugDescription: "Invalid local date \(text)",
                underlyingError: FieldIssue("ngày “\(text)” không hợp lệ, cần dạng YYYY-MM-DD")
            ))
        }
        self = date
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(abs(value))
        let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
        return value < 0 ? "-" + padded : padded
    }
}

extension LocalDate {
    /// Days since 1970-01-01 (H. Hinnant's days_from_civil); out-of-range days roll over.
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = (month + 9) % 12
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Inverse of `dayNumber` (civil_from_days).
    init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let d = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let m = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        self.init(year: yearOfEra + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// 0 = Sunday … 6 = Saturday; 1970-01-01 was a Thursday.
    var weekdayIndex: Int {
        let r = (dayNumber + 4) % 7
        return r < 0 ? r + 7 : r
    }

    func addingCalendarDays(_ n: Int) -> LocalDate {
        LocalDate(dayNumber: dayNumber + n)
    }
}

/// A Vietnamese explanation carried inside a `DecodingError`, so that rule-set loading can
/// report it under the field's JSON path instead of Foundation's English text.
struct FieldIssue: Error, Sendable {
    let message: String
    init(_ message: String) { self.message = message }
}
