import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct DeadlineCalendarTests {
    let plain = DeadlineCalendar(holidays: [])
    let withTet = DeadlineCalendar(holidays: tet2024)

    @Test func zoneIsHoChiMinhAtPlusSeven() {
        #expect(DeadlineCalendar.zone.identifier == "Asia/Ho_Chi_Minh")
        #expect(DeadlineCalendar.zone.secondsFromGMT(for: instant("2023-12-05T00:00:00Z")) == 7 * 3600)
        #expect(DeadlineCalendar.zone.secondsFromGMT(for: instant("2023-06-15T00:00:00Z")) == 7 * 3600)
    }

    @Test func endOfDayIsLocalMidnightMinusOneSecond() {
        #expect(plain.endOfDay(day("2023-12-05")) == instant("2023-12-05T16:59:59Z"))
        #expect(plain.endOfDay(day("2023-12-05")) == instant("2023-12-05T23:59:59+07:00"))
        #expect(plain.endOfDay(day("2024-02-29")) == instant("2024-02-29T23:59:59+07:00"))
    }

    /// The scenario's check: "before 05/12/2023" accepts 23:59 on 04/12 and refuses 00:01 on 06/12.
    @Test(arguments: [
        ("2023-12-04T23:59:00+07:00", true), ("2023-12-04T16:59:00Z", true),
        ("2023-12-05T23:59:59+07:00", true), ("2023-12-06T00:00:00+07:00", false),
        ("2023-12-06T00:01:00+07:00", false), ("2023-12-05T17:01:00Z", false),
    ])
    func scoringDeadlineBoundary(upload: String, onTime: Bool) {
        #expect((instant(upload) <= plain.endOfDay(day("2023-12-05"))) == onTime)
    }

    @Test func instantAtLocalTime() {
        #expect(plain.instant(day("2023-12-19"), hour: 8, minute: 0) == instant("2023-12-19T01:00:00Z"))
        #expect(plain.instant(day("2023-12-19"), hour: 0, minute: 30) == instant("2023-12-18T17:30:00Z"))
        #expect(plain.endOfDay(day("2023-12-19")).timeIntervalSince(
            plain.instant(day("2023-12-19"), hour: 23, minute: 59)) == 59)
    }

    @Test(arguments: [
        ("2023-12-19T17:30:00Z", "2023-12-20"), ("2023-12-19T16:59:59Z", "2023-12-19"),
        ("2023-12-19T17:00:00Z", "2023-12-20"), ("2023-12-31T17:00:00Z", "2024-01-01"),
        ("2023-12-31T16:59:59Z", "2023-12-31"), ("2023-12-19T08:00:00+07:00", "2023-12-19"),
    ])
    func localDateUsesVietnamTime(at: String, expected: String) {
        #expect(plain.localDate(of: instant(at)) == day(expected))
    }

    @Test(arguments: [
        ("2023-12-19", true), ("2023-12-22", true), ("2023-12-23", false), ("2023-12-24", false),
        ("2024-02-12", false), ("2024-02-08", false), ("2024-02-14", false), ("2024-02-15", true),
        ("2024-02-07", true),
    ])
    func workingDaysSkipWeekendsAndHolidays(text: String, working: Bool) {
        #expect(withTet.isWorkingDay(day(text)) == working)
    }

    @Test func holidaysOnlyCountWhenGiven() {
        #expect(plain.isWorkingDay(day("2024-02-12")))
        #expect(!withTet.isWorkingDay(day("2024-02-12")))
    }

    @Test func makeUpSaturdayIsWorked() {
        let mayDay = Set(days("2024-04-27", through: "2024-05-01"))
        let calendar = DeadlineCalendar(holidays: mayDay, makeUpWorkingDays: [day("2024-05-04")])
        #expect(calendar.isWorkingDay(day("2024-05-04")))
        #expect(!calendar.isWorkingDay(day("2024-04-29")))
        #expect(calendar.adding(3, .working, to: day("2024-04-26")) == day("2024-05-04"))
        #expect(DeadlineCalendar(holidays: mayDay).adding(3, .working, to: day("2024-04-26")) == day("2024-05-06"))
    }

    @Test(arguments: [
        ("2023-12-19", 3, DayKind.calendar, "2023-12-22"), ("2023-12-19", 5, .calendar, "2023-12-24"),
        ("2023-12-19", 3, .working, "2023-12-22"), ("2023-12-19", 5, .working, "2023-12-26"),
        ("2023-12-19", 0, .calendar, "2023-12-19"), ("2023-12-19", 0, .working, "2023-12-19"),
        ("2023-12-19", -5, .calendar, "2023-12-14"), ("2023-12-22", 1, .working, "2023-12-25"),
        ("2023-12-23", 0, .working, "2023-12-25"), ("2023-12-24", 0, .working, "2023-12-25"),
        ("2023-12-23", 1, .working, "2023-12-25"), ("2023-12-25", -1, .working, "2023-12-22"),
        ("2023-12-24", -1, .working, "2023-12-22"), ("2023-12-26", -5, .working, "2023-12-19"),
        ("2023-12-31", 1, .calendar, "2024-01-01"), ("2024-02-28", 1, .calendar, "2024-02-29"),
        ("2023-02-28", 1, .calendar, "2023-03-01"), ("2024-03-01", -1, .calendar, "2024-02-29"),
        ("2024-02-07", 1, .working, "2024-02-15"), ("2024-02-15", -1, .working, "2024-02-07"),
        ("2024-02-10", 0, .working, "2024-02-15"), ("2024-02-05", 5, .working, "2024-02-19"),
        ("2024-02-07", 1, .calendar, "2024-02-08"),
    ])
    func addsDays(start: String, offset: Int, kind: DayKind, expected: String) {
        #expect(withTet.adding(offset, kind, to: day(start)) == day(expected))
    }

    /// For every start and offset: a working-day result is a working day and exactly |n|
    /// working days lie between start (exclusive) and result (inclusive).
    @Test func workingDayCountsAreExact() {
        for start in days("2024-01-25", through: "2024-02-25") {
            for offset in -12...12 {
                let result = withTet.adding(offset, .working, to: start)
                #expect(withTet.isWorkingDay(result), "\(start) \(offset)")
                guard offset != 0 else {
                    #expect(result >= start && (result == start || !withTet.isWorkingDay(start)))
                    continue
                }
                let (low, high) = offset > 0 ? (start, result) : (result, start)
                let between = ((low.dayNumber + 1)...high.dayNumber)
                    .filter { withTet.isWorkingDay(LocalDate(dayNumber: $0 - (offset > 0 ? 0 : 1))) }
                #expect(between.count == abs(offset), "\(start) \(offset) → \(result)")
            }
        }
    }
}
