import Foundation
import Testing
@testable import ThiDuaCore

/// The arithmetic formatter replaces Foundation's on every API read, so it must write and read what Foundation did.
@Suite("RFC 3339 by arithmetic")
struct RFC3339Tests {
    static func foundation(offset: Int, fractional: Bool = false) -> ISO8601DateFormatter {
        let f = ISO8601DateFormatter()
        f.timeZone = TimeZone(secondsFromGMT: offset)!
        f.formatOptions = fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return f
    }

    @Test("writes what ISO8601DateFormatter writes, for 20,000 instants from 1900 to 2200 at four offsets")
    func formatMatchesFoundation() {
        var rng = SplitMix64(seed: 42)
        for offset in [7 * 3600, 0, -5 * 3600 - 1800, 14 * 3600] {
            let reference = Self.foundation(offset: offset)
            for _ in 0..<5_000 {
                // Fractions included: both must truncate, not round, a .999 s instant.
                let date = Date(timeIntervalSince1970: Double.random(in: -2_208_988_800...7_258_118_400, using: &rng))
                #expect(RFC3339.format(date, offsetSeconds: offset) == reference.string(from: date))
            }
        }
    }

    @Test("reads back what it writes and what Foundation reads, fractions included")
    func parseRoundTrips() throws {
        var rng = SplitMix64(seed: 7)
        let reference = Self.foundation(offset: 0, fractional: true)
        for _ in 0..<5_000 {
            let date = Date(timeIntervalSince1970: Double(Int.random(in: 0...4_102_444_800, using: &rng)))
            #expect(RFC3339.parse(RFC3339.format(date, offsetSeconds: 7 * 3600)) == date)
            let text = reference.string(from: date.addingTimeInterval(0.25))
            #expect(RFC3339.parse(text) == reference.date(from: text))
        }
        #expect(RFC3339.parse("2023-12-05T08:00:00+07:00") == Date(timeIntervalSince1970: 1_701_738_000))
        #expect(RFC3339.parse("2023-12-05t01:00:00z") == Date(timeIntervalSince1970: 1_701_738_000))
        #expect(RFC3339.format(Date(timeIntervalSince1970: 1_701_795_599), offsetSeconds: 7 * 3600) == "2023-12-05T23:59:59+07:00")
    }

    @Test("refuses what is not an instant: no offset, a bad offset, a day or time that does not exist", arguments: [
        "2023-12-05T08:00:00", "2023-12-05 08:00:00+07:00", "2023-12-05T08:00:00+7:00", "2023-12-05T08:00:00+24:00",
        "2023-12-05T08:00:00+07:60", "2023-02-29T08:00:00Z", "2023-12-05T24:00:00Z", "2023-12-05T08:60:00Z",
        "2023-12-05T08:00:60Z", "2023-12-05T08:00:00.Z", "2023-13-05T08:00:00Z", "2023-12-05T08:00:00Z ", "",
        "２０２３-12-05T08:00:00Z", "2023-12-05T08:00:00+0700",
    ])
    func refusals(_ text: String) {
        #expect(RFC3339.parse(text) == nil, "\(text)")
    }

    @Test("local dates and times by arithmetic agree with the Asia/Ho_Chi_Minh zone from 1976 to 2200, and use it before")
    func localDateMatchesZone() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = DeadlineCalendar.zone
        let deadlines = DeadlineCalendar(holidays: [])
        var rng = SplitMix64(seed: 3)
        for _ in 0..<5_000 {
            let instant = Date(timeIntervalSince1970: Double.random(in: -1_000_000_000...7_258_118_400, using: &rng))
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
            #expect(deadlines.localDate(of: instant) == LocalDate(year: parts.year!, month: parts.month!, day: parts.day!))
            #expect(VietnameseDate.hourMinute(instant) == String(format: "%02d:%02d", parts.hour!, parts.minute!))
        }
    }
}
