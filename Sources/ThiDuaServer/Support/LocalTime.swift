import Foundation
import ThiDuaCore

/// Instants at the edges of the system: RFC 3339 with the +07:00 offset, as users and integrations read them.
enum LocalTime {
    /// Always "+07:00": a fixed offset, not the zone, whose rules before 1906 give local mean time (+07:06:30),
    /// which RFC 3339 cannot write. Vietnam has kept +07:00 since 1975.
    static let offset = TimeZone(secondsFromGMT: 7 * 3600)!

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = offset
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Accepts RFC 3339 with an explicit offset or Z (fractional seconds allowed), in `LocalDate.supportedYears`.
    static func parseRFC3339(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard hasValidOffset(text), let date = plain.date(from: text) ?? fractional.date(from: text) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = offset
        return LocalDate.supportedYears.contains(calendar.component(.year, from: date)) ? date : nil
    }

    /// RFC 3339 § 5.6: "Z", or ±HH:MM with HH ≤ 23 and MM ≤ 59. The formatter alone takes "+99:00".
    static func hasValidOffset(_ text: String) -> Bool {
        if text.hasSuffix("Z") || text.hasSuffix("z") { return true }
        let tail = Array(text.utf8.suffix(6))
        guard tail.count == 6, tail[0] == UInt8(ascii: "+") || tail[0] == UInt8(ascii: "-"), tail[3] == UInt8(ascii: ":"),
              let hours = Int(String(decoding: tail[1...2], as: UTF8.self)), let minutes = Int(String(decoding: tail[4...5], as: UTF8.self))
        else { return false }
        return (0...23).contains(hours) && (0...59).contains(minutes) && tail[1...2].allSatisfy { (48...57).contains($0) }
    }
}
