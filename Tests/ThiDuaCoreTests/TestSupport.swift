import Foundation
@testable import ThiDuaCore

/// Parses an ISO-8601 instant with its offset, e.g. "2023-12-19T08:00:00+07:00".
func instant(_ text: String) -> Date {
    let formatter = ISO8601DateFormatter()
    guard let date = formatter.date(from: text) else { fatalError("bad test instant \(text)") }
    return date
}

/// Parses "2023-12-05"; a typo in a test table should stop the test run loudly.
func day(_ text: String) -> LocalDate {
    guard let date = LocalDate(iso: text) else { fatalError("bad test date \(text)") }
    return date
}

/// Every day from `first` to `last`, inclusive.
func days(_ first: String, through last: String) -> [LocalDate] {
    let start = day(first).dayNumber, end = day(last).dayNumber
    return (start...end).map { LocalDate(dayNumber: $0) }
}

/// Tết Giáp Thìn 2024 days off (08–14/02/2024), used by several calendar tests.
let tet2024: Set<LocalDate> = Set(days("2024-02-08", through: "2024-02-14"))
