import Foundation
import Testing
@testable import ThiDuaCore

/// Unfolds and parses `ICalendar.feed` output, and (when python's icalendar is installed)
/// hands it to a real parser.
@Suite struct ICalendarTests {
    static let now = instant("2023-12-10T09:00:00+07:00")
    static let longSummary = "Hạn nộp báo cáo tổng kết công tác thi đua, khen thưởng năm 2023 và "
        + "phương hướng nhiệm vụ năm 2024 của Ủy ban Kiểm tra Đảng ủy Khối các cơ quan tỉnh Lào Cai 🇻🇳"
    static let events = [
        CalendarEvent(uid: "milestone-1@thidua.local", start: instant("2023-12-19T23:59:59+07:00"),
                      summary: "Hạn nộp: Báo cáo tự chấm điểm", description: "Nộp trên ThiĐua.\nMẫu số 02; bản PDF, có chữ ký",
                      location: nil),
        CalendarEvent(uid: "conference-7@thidua.local", start: instant("2023-12-26T08:00:00+07:00"),
                      end: instant("2023-12-26T11:30:00+07:00"), summary: "Hội nghị tổng kết Khối",
                      description: nil, location: "Hội trường A, Tỉnh ủy; tầng 3"),
        CalendarEvent(uid: "milestone-2@thidua.local", start: instant("2024-01-05T23:59:59+07:00"),
                      summary: longSummary, description: String(repeating: "Ghi chú \\ dài, ", count: 12)),
    ]
    static var feed: String { ICalendar.feed(name: "Lịch thi đua — Ban Dân vận Tỉnh ủy", events: events, now: now) }

    @Test func physicalLinesAreCRLFFoldedAndValidUTF8() throws {
        let data = Data(Self.feed.utf8)
        #expect(Self.feed.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!Self.feed.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        var folded = 0
        for raw in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).dropLast() {
            #expect(raw.last == UInt8(ascii: "\r"))
            #expect(raw.count - 1 <= 75, "line of \(raw.count - 1) octets")
            #expect(String(data: Data(raw), encoding: .utf8) != nil, "a fold split a UTF-8 sequence")
            if raw.first == UInt8(ascii: " ") { folded += 1 }
        }
        #expect(folded >= 3)
    }

    @Test func structureAndTimes() throws {
        let lines = unfold(Self.feed)
        #expect(Array(lines.prefix(5)) == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ThiDua//ThiDua Calendar//VI",
                                           "CALSCALE:GREGORIAN", "METHOD:PUBLISH"])
        #expect(lines.contains("X-WR-TIMEZONE:Asia/Ho_Chi_Minh"))
        #expect(lines.contains("X-WR-CALNAME:Lịch thi đua — Ban Dân vận Tỉnh ủy"))
        for component in ["VCALENDAR", "VTIMEZONE", "STANDARD", "VEVENT"] {
            #expect(lines.filter { $0 == "BEGIN:\(component)" }.count == lines.filter { $0 == "END:\(component)" }.count)
        }
        #expect(lines.contains("TZOFFSETTO:+0700") && lines.contains("TZID:Asia/Ho_Chi_Minh"))
        let events = vevents(lines)
        #expect(events.count == 3)
        #expect(events[0]["DTSTART;TZID=Asia/Ho_Chi_Minh"] == "20231219T235959")
        #expect(events[0]["DTSTAMP"] == "20231210T020000Z")
        #expect(events[0]["DURATION"] == "PT0S" && events[0]["DTEND;TZID=Asia/Ho_Chi_Minh"] == nil)
        #expect(events[0]["TRANSP"] == "TRANSPARENT")
        #expect(events[1]["DTSTART;TZID=Asia/Ho_Chi_Minh"] == "20231226T080000")
        #expect(events[1]["DTEND;TZID=Asia/Ho_Chi_Minh"] == "20231226T113000")
        #expect(events[1]["DURATION"] == nil && events[1]["TRANSP"] == nil)
        #expect(events[0]["DESCRIPTION"] == "Nộp trên ThiĐua.\\nMẫu số 02\\; bản PDF\\, có chữ ký")
        #expect(events[1]["LOCATION"] == "Hội trường A\\, Tỉnh ủy\\; tầng 3")
        #expect(events[2]["SUMMARY"].map(unescape) == Self.longSummary)
        #expect(events[2]["DESCRIPTION"].map(unescape) == Self.events[2].description)
        #expect(events.map { $0["UID"] } == Self.events.map(\.uid))
    }

    @Test(arguments: [
        ("2023-12-19T23:59:59+07:00", "20231219T235959"),
        ("2023-12-19T16:59:59Z", "20231219T235959"),
        ("2023-12-31T23:59:59+07:00", "20231231T235959"),
        ("2023-12-31T17:00:00Z", "20240101T000000"),
        ("2024-02-29T23:59:59+07:00", "20240229T235959"),
        ("2024-03-01T06:59:59+14:00", "20240229T235959"),
    ])
    func deadlinesInLocalTime(text: String, expected: String) {
        let event = CalendarEvent(uid: "u", start: instant(text).addingTimeInterval(0.75), summary: "Hạn")
        let events = vevents(unfold(ICalendar.feed(name: "x", events: [event], now: Self.now)))
        #expect(events.first?["DTSTART;TZID=Asia/Ho_Chi_Minh"] == expected)
    }

    @Test(arguments: [
        ("a,b;c\\d", "a\\,b\\;c\\\\d"), ("dòng 1\ndòng 2", "dòng 1\\ndòng 2"), ("CRLF\r\nx", "CRLF\\nx"),
        ("CR\rx", "CR\\nx"), ("tab\tbell\u{7}", "tab\tbell"), ("Đa\u{323}t", "Đạt"), ("", ""),
    ])
    func escapes(text: String, expected: String) {
        #expect(ICalendar.escape(text) == expected)
        let end = Self.now.addingTimeInterval(-60)
        let event = CalendarEvent(uid: "u", start: Self.now, end: end, summary: text, description: text, location: text)
        let parsed = vevents(unfold(ICalendar.feed(name: text, events: [event], now: Self.now)))[0]
        #expect(parsed["SUMMARY"] == expected && parsed["DESCRIPTION"] == expected && parsed["LOCATION"] == expected)
        #expect(parsed["DURATION"] == "PT0S", "an end before the start is dropped")
    }

    @Test(arguments: [1, 2, 3, 4, 10, 11, 74, 75, 76, 200])
    func foldsAtSeventyFiveOctets(length: Int) {
        let family = "👩\u{200D}👩\u{200D}👧\u{200D}👦"
        for letter in ["a", "ạ", "🇻🇳", "e\u{301}", "a" + String(repeating: "\u{301}", count: 40), family] {
            let line = "SUMMARY:" + String(repeating: letter, count: length)
            let folded = Array(ICalendar.fold(line).utf8)
            #expect(unfoldBytes(folded) == Array(line.utf8))
            for (index, piece) in folded.split(separator: UInt8(ascii: "\n")).enumerated() {
                let octets = piece.filter { $0 != 13 }  // without the CR of CRLF
                #expect(octets.count <= 75 && String(validating: octets, as: UTF8.self) != nil)
                // Continuation lines hold whole characters unless one character is longer than a line.
                if index > 0, letter.utf8.count <= 74 {
                    #expect(octets.first == 32 && (octets.count - 1) % letter.utf8.count == 0)
                }
            }
        }
    }

    static let pythonHasICalendar: Bool = {
        (try? runPython(["-c", "import icalendar"]))?.status == 0
    }()

    @Test(.enabled(if: pythonHasICalendar, "python3 with the icalendar package"))
    func parsesWithPythonICalendar() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-\(UUID().uuidString).ics")
        try Data(Self.feed.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
            import icalendar, json, sys
            cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
            out = {"name": str(cal.get("X-WR-CALNAME")), "events": []}
            for e in cal.walk("VEVENT"):
                start = e.decoded("DTSTART")
                end = e.decoded("DTEND") if "DTEND" in e else None
                out["events"].append({"uid": str(e["UID"]), "start": start.isoformat(),
                    "zone": str(e["DTSTART"].params.get("TZID")), "utcoffset": start.utcoffset().total_seconds(),
                    "end": end.isoformat() if end else None, "summary": str(e["SUMMARY"]),
                    "description": str(e.get("DESCRIPTION")) if "DESCRIPTION" in e else None,
                    "location": str(e.get("LOCATION")) if "LOCATION" in e else None})
            print(json.dumps(out))
            """
        let result = try runPython(["-c", script, file.path])
        #expect(result.status == 0, "\(result.output)")
        struct Parsed: Decodable {
            struct Event: Decodable {
                var uid, start, zone: String; var utcoffset: Double; var end, summary, description, location: String?
            }
            var name: String; var events: [Event]
        }
        let parsed = try JSONDecoder().decode(Parsed.self, from: Data(result.output.utf8))
        #expect(parsed.name == "Lịch thi đua — Ban Dân vận Tỉnh ủy")
        #expect(parsed.events.map(\.uid) == Self.events.map(\.uid))
        #expect(parsed.events.map(\.start) == ["2023-12-19T23:59:59+07:00", "2023-12-26T08:00:00+07:00", "2024-01-05T23:59:59+07:00"])
        #expect(parsed.events.allSatisfy { $0.zone == "Asia/Ho_Chi_Minh" && $0.utcoffset == 7 * 3600 })
        #expect(parsed.events.map(\.end) == [nil, "2023-12-26T11:30:00+07:00", nil])
        #expect(parsed.events.map(\.summary) == Self.events.map(\.summary))
        #expect(parsed.events.map(\.description) == Self.events.map(\.description))
        #expect(parsed.events.map(\.location) == Self.events.map(\.location))
    }
}

/// RFC 5545 unfolding on octets: every CRLF followed by a space is removed.
private func unfoldBytes(_ bytes: [UInt8]) -> [UInt8] {
    var out: [UInt8] = [], i = 0
    while i < bytes.count {
        if bytes[i] == 13, i + 2 < bytes.count, bytes[i + 1] == 10, bytes[i + 2] == 32 { i += 3; continue }
        out.append(bytes[i])
        i += 1
    }
    return out
}

/// Content lines after unfolding (RFC 5545 §3.1: CRLF followed by one space or tab is removed).
private func unfold(_ feed: String) -> [String] {
    feed.replacingOccurrences(of: "\r\n ", with: "").replacingOccurrences(of: "\r\n\t", with: "")
        .components(separatedBy: "\r\n").filter { !$0.isEmpty }
}

/// Each VEVENT as "NAME;PARAMS" → raw value (split at the first ":" outside the name).
private func vevents(_ lines: [String]) -> [[String: String]] {
    var events: [[String: String]] = [], current: [String: String]?
    for line in lines {
        if line == "BEGIN:VEVENT" { current = [:]; continue }
        if line == "END:VEVENT", let done = current { events.append(done); current = nil; continue }
        guard current != nil, let colon = line.firstIndex(of: ":") else { continue }
        current?[String(line[..<colon])] = String(line[line.index(after: colon)...])
    }
    return events
}

private func unescape(_ value: String) -> String {
    var out = "", escaped = false
    for c in value {
        if escaped { out.append(c == "n" || c == "N" ? "\n" : c); escaped = false }
        else if c == "\\" { escaped = true }
        else { out.append(c) }
    }
    return out
}

private func runPython(_ arguments: [String]) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}
