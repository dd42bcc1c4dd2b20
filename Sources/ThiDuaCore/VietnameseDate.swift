import Foundation

/// Dates and times worded as in Vietnamese administrative documents, always in Asia/Ho_Chi_Minh.
public enum VietnameseDate: Sendable {
    private static let calendar = DeadlineCalendar(holidays: [])

    /// "23 giờ 59, thứ Ba, ngày 05 tháng 12 năm 2023"
    public static func long(_ instant: Date) -> String {
        let date = calendar.localDate(of: instant)
        let time = calendar.localTime(of: instant)
        return "\(two(time.hour)) giờ \(two(time.minute)), \(weekday(date)), \(day(date))"
    }

    /// "ngày 05 tháng 12 năm 2023", "ngày 15 tháng 02 năm 2024", "ngày 03 tháng 4 năm 2024": as Nghị định 30/2020
    /// (and the Party's 36-HD/VPTW) word it, a leading zero for days under 10 and for months 1 and 2 only, so a
    /// date reads the same on a page and in a document.
    public static func day(_ d: LocalDate) -> String {
        "ngày \(two(d.day)) tháng \(d.month <= 2 ? two(d.month) : String(d.month)) năm \(d.year)"
    }

    /// "08:00", in Asia/Ho_Chi_Minh.
    public static func hourMinute(_ instant: Date) -> String {
        let time = calendar.localTime(of: instant)
        return "\(two(time.hour)):\(two(time.minute))"
    }

    /// "05/12/2023"
    public static func short(_ d: LocalDate) -> String {
        "\(two(d.day))/\(two(d.month))/\(d.year)"
    }

    /// "thứ Hai"…"thứ Bảy", "Chủ nhật"
    public static func weekday(_ d: LocalDate) -> String {
        names[LocalDate(dayNumber: d.dayNumber).weekdayIndex]
    }

    private static let names = [
        "Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy",
    ]

    private static func two(_ n: Int) -> String {
        n < 10 && n >= 0 ? "0\(n)" : "\(n)"
    }
}
