import Foundation

/// RFC 3339 instants by arithmetic. Foundation's `ISO8601DateFormatter` builds an ICU formatter per instance, and
/// an instance per call made date formatting a fifth of every API read's time (perf, issue 16); an instant at a
/// fixed offset needs only the civil date of a day number.
public enum RFC3339 {
    /// "2023-12-05T23:59:59+07:00": whole seconds, as `ISO8601DateFormatter` writes them.
    public static func format(_ date: Date, offsetSeconds: Int) -> String {
        let (d, second) = split(date, offsetSeconds: offsetSeconds)
        var text = "\(pad(d.year, 4))-\(pad(d.month, 2))-\(pad(d.day, 2))T"
        text += "\(pad(second / 3600, 2)):\(pad(second / 60 % 60, 2)):\(pad(second % 60, 2))"
        if offsetSeconds == 0 { return text + "Z" }
        let magnitude = abs(offsetSeconds) / 60
        return text + (offsetSeconds < 0 ? "-" : "+") + "\(pad(magnitude / 60, 2)):\(pad(magnitude % 60, 2))"
    }

    /// "YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)", `T` or `t`, `Z` or `z`. A date or time that does not exist
    /// (30 February, 24:00, a 60th second) is refused rather than rolled over.
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        func number(_ at: Int, _ width: Int) -> Int? {
            guard at + width <= b.count else { return nil }
            var value = 0
            for c in b[at..<at + width] {
                guard (48...57).contains(c) else { return nil }
                value = value * 10 + Int(c - 48)
            }
            return value
        }
        guard b.count >= 20, b[4] == ascii("-"), b[7] == ascii("-"), b[10] == ascii("T") || b[10] == ascii("t"),
              b[13] == ascii(":"), b[16] == ascii(":"),
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...LocalDate.daysInMonth(year: year, month: month)).contains(day),
              hour < 24, minute < 60, second < 60 else { return nil }
        var i = 19
        var fraction = 0.0
        if b[i] == ascii(".") {
            var scale = 0.1
            i += 1
            let start = i
            while i < b.count, (48...57).contains(b[i]) {
                fraction += Double(b[i] - 48) * scale
                scale /= 10
                i += 1
            }
            guard i > start else { return nil }
        }
        guard i < b.count else { return nil }
        let offset: Int
        if b[i] == ascii("Z") || b[i] == ascii("z") {
            guard i + 1 == b.count else { return nil }
            offset = 0
        } else {
            guard b[i] == ascii("+") || b[i] == ascii("-"), i + 6 == b.count, b[i + 3] == ascii(":"),
                  let h = number(i + 1, 2), let m = number(i + 4, 2), h <= 23, m <= 59 else { return nil }
            offset = (b[i] == ascii("-") ? -1 : 1) * (h * 3600 + m * 60)
        }
        let days = LocalDate(year: year, month: month, day: day).dayNumber
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// The civil date at the offset.
    public static func localDate(_ date: Date, offsetSeconds: Int) -> LocalDate { split(date, offsetSeconds: offsetSeconds).0 }

    private static func split(_ date: Date, offsetSeconds: Int) -> (LocalDate, Int) {
        // As ICU does: to the millisecond first, then whole seconds toward the past.
        let local = Int(((date.timeIntervalSince1970 * 1000).rounded() / 1000).rounded(.down)) + offsetSeconds
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        return (LocalDate(dayNumber: days), local - days * 86_400)
    }

    private static func ascii(_ c: Unicode.Scalar) -> UInt8 { UInt8(ascii: c) }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
