import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct LocalDateTests {
    @Test(arguments: [
        ("2023-12-05", 2023, 12, 5), ("2024-02-29", 2024, 2, 29), ("2000-02-29", 2000, 2, 29),
        ("0001-01-01", 1, 1, 1), ("9999-12-31", 9999, 12, 31), ("2023-01-31", 2023, 1, 31),
    ])
    func parsesValidISO(text: String, year: Int, month: Int, dayOfMonth: Int) {
        #expect(LocalDate(iso: text) == LocalDate(year: year, month: month, day: dayOfMonth))
        #expect(LocalDate(iso: text)?.iso == text)
    }

    @Test(arguments: [
        "2023-02-29", "2023-02-30", "2100-02-29", "2023-04-31", "2023-13-01", "2023-00-10",
        "2023-12-00", "2023-12-32", "0000-01-01", "2023-4-05", "20231205", "2023/12/05",
        "", " 2023-12-05", "2023-12-05 ", "abcd-ef-gh", "2023-12-0x", "+023-12-05", "05/12/2023",
    ])
    func rejectsInvalidISO(text: String) {
        #expect(LocalDate(iso: text) == nil)
    }

    @Test func formatsWithZeroPadding() {
        #expect(LocalDate(year: 2023, month: 1, day: 2).iso == "2023-01-02")
        #expect(LocalDate(year: 5, month: 3, day: 9).iso == "0005-03-09")
        #expect(LocalDate(year: 2023, month: 12, day: 5).description == "2023-12-05")
    }

    @Test func validityFlagsImpossibleDays() {
        #expect(LocalDate(year: 2023, month: 12, day: 5).isValid)
        #expect(!LocalDate(year: 2023, month: 2, day: 30).isValid)
        #expect(!LocalDate(year: 2023, month: 0, day: 1).isValid)
        #expect(!LocalDate(year: 10_000, month: 1, day: 1).isValid)
    }

    @Test(arguments: [
        ("2023-12-05", "2023-12-06"), ("2023-11-30", "2023-12-01"), ("2023-12-31", "2024-01-01"),
        ("2023-02-28", "2023-03-01"),
    ])
    func ordersChronologically(earlier: String, later: String) {
        #expect(day(earlier) < day(later))
        #expect(!(day(later) < day(earlier)))
    }

    @Test func codesAsISOString() throws {
        let data = try JSONEncoder().encode([day("2023-12-05")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2023-12-05"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [day("2023-12-05")])
    }

    @Test(arguments: [#"["2023-02-30"]"#, #"["05/12/2023"]"#, "[20231205]"])
    func refusesToDecodeInvalidDates(json: String) {
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LocalDate].self, from: Data(json.utf8))
        }
    }

    /// Cross-checks the day-number arithmetic against Foundation's Gregorian calendar.
    @Test func dayNumbersAgreeWithFoundation() {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        for number in stride(from: -25_567, through: 47_482, by: 13) {  // 1900 … 2100
            let date = LocalDate(dayNumber: number)
            let parts = utc.dateComponents([.year, .month, .day, .weekday],
                                           from: Date(timeIntervalSince1970: Double(number) * 86_400))
            #expect(date == LocalDate(year: parts.year!, month: parts.month!, day: parts.day!))
            #expect(date.weekdayIndex == parts.weekday! - 1)
            #expect(date.dayNumber == number)
        }
    }

    @Test(arguments: [("2023-12-05", 2), ("2023-12-19", 2), ("2023-12-24", 0), ("2023-12-23", 6), ("1970-01-01", 4)])
    func knowsWeekdays(text: String, weekday: Int) {
        #expect(day(text).weekdayIndex == weekday)
    }
}
