import Foundation
import ThiDuaCore

/// Instants at the edges of the system: RFC 3339 with the +07:00 offset, as users and integrations read them.
enum LocalTime {
    /// Always "+07:00": a fixed offset, not the zone, whose rules before 1906 give local mean time (+07:06:30),
    /// which RFC 3339 cannot write. Vietnam has kept +07:00 since 1975.
    static func rfc3339(_ date: Date) -> String {
        RFC3339.format(date, offsetSeconds: 7 * 3600)
    }

    /// Accepts RFC 3339 with an explicit offset or Z (fractional seconds allowed), in `LocalDate.supportedYears`.
    static func parseRFC3339(_ text: String) -> Date? {
        guard let date = RFC3339.parse(text) else { return nil }
        return LocalDate.supportedYears.contains(RFC3339.localDate(date, offsetSeconds: 7 * 3600).year) ? date : nil
    }
}
