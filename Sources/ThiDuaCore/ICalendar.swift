import Foundation

/// One entry of a unit's calendar: a deadline (an instant, no end) or a meeting (start and end).
public struct CalendarEvent: Sendable, Equatable, Codable {
    /// Globally unique and stable across feed refreshes, e.g. "milestone-42@thidua.local",
    /// so calendar programs update the event instead of duplicating it.
    public var uid: String
    public var start: Date
    /// nil for a deadline; the feed then says DURATION:PT0S.
    public var end: Date?
    public var summary: String
    public var description: String?
    public var location: String?

    public init(
        uid: String, start: Date, end: Date? = nil, summary: String,
        description: String? = nil, location: String? = nil
    ) {
        self.uid = uid
        self.start = start
        self.end = end
        self.summary = summary
        self.description = description
        self.location = location
    }
}

/// RFC 5545 calendar feeds, with all times shown in Asia/Ho_Chi_Minh.
public enum ICalendar {
    /// The zone every DTSTART/DTEND is written in.
    public static let timeZoneID = "Asia/Ho_Chi_Minh"

    /// RFC 5545 VCALENDAR (PRODID, VERSION, CALSCALE, METHOD:PUBLISH, X-WR-CALNAME,
    /// X-WR-TIMEZONE:Asia/Ho_Chi_Minh), a VTIMEZONE for Asia/Ho_Chi_Minh (+07:00, no DST), VEVENTs
    /// with DTSTAMP (`now`, UTC), DTSTART;TZID=Asia/Ho_Chi_Minh:… (local time, whole seconds),
    /// DTEND if any and not before the start (else DURATION:PT0S), SUMMARY/DESCRIPTION/LOCATION
    /// escaped (\\ ; , \n), TRANSP:TRANSPARENT for deadlines, CRLF line ends, and lines folded
    /// at 75 octets without splitting UTF-8.
    /// Serve it as `text/calendar; charset=utf-8`.
    public static func feed(name: String, events: [CalendarEvent], now: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//ThiDua//ThiDua Calendar//VI",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escape(name),
            "X-WR-TIMEZONE:" + timeZoneID,
            "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
            "X-PUBLISHED-TTL:PT6H",
            "BEGIN:VTIMEZONE",
            "TZID:" + timeZoneID,
            "X-LIC-LOCATION:" + timeZoneID,
            "BEGIN:STANDARD",
            "TZOFFSETFROM:+0700",
            "TZOFFSETTO:+0700",
            "TZNAME:+07",
            "DTSTART:19700101T000000",
            "END:STANDARD",
            "END:VTIMEZONE",
        ]
        let stamp = utcStamp(now)
        for event in events {
            lines.append("BEGIN:VEVENT")
            lines.append("UID:" + escape(event.uid))
            lines.append("DTSTAMP:" + stamp)
            lines.append("DTSTART;TZID=\(timeZoneID):" + localStamp(event.start))
            let hasEnd = event.end.map { wholeSeconds($0) >= wholeSeconds(event.start) } ?? false
            if let end = event.end, hasEnd {
                lines.append("DTEND;TZID=\(timeZoneID):" + localStamp(end))
            } else {
                lines.append("DURATION:PT0S")
            }
            lines.append("SUMMARY:" + escape(event.summary))
            if let text = event.description { lines.append("DESCRIPTION:" + escape(text)) }
            if let text = event.location { lines.append("LOCATION:" + escape(text)) }
            // A deadline is a moment, not busy time; a meeting keeps the default OPAQUE.
            if !hasEnd { lines.append("TRANSP:TRANSPARENT") }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }
}
