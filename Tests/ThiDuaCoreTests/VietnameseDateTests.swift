import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct VietnameseDateTests {
    @Test(arguments: [
        ("2023-12-05T16:59:59Z", "23 giờ 59, thứ Ba, ngày 05 tháng 12 năm 2023"),
        ("2023-12-19T08:00:00+07:00", "08 giờ 00, thứ Ba, ngày 19 tháng 12 năm 2023"),
        ("2023-12-19T17:30:00Z", "00 giờ 30, thứ Tư, ngày 20 tháng 12 năm 2023"),
        ("2023-12-24T16:59:59Z", "23 giờ 59, Chủ nhật, ngày 24 tháng 12 năm 2023"),
        ("2024-01-01T02:05:00Z", "09 giờ 05, thứ Hai, ngày 01 tháng 01 năm 2024"),
        ("2024-05-06T01:00:00Z", "08 giờ 00, thứ Hai, ngày 06 tháng 5 năm 2024"),
    ])
    func longWording(at: String, expected: String) {
        #expect(VietnameseDate.long(instant(at)) == expected)
    }

    @Test(arguments: [
        ("2023-12-05", "ngày 05 tháng 12 năm 2023", "05/12/2023"),
        ("2023-11-28", "ngày 28 tháng 11 năm 2023", "28/11/2023"),
        ("2024-01-01", "ngày 01 tháng 01 năm 2024", "01/01/2024"),
        ("2024-02-15", "ngày 15 tháng 02 năm 2024", "15/02/2024"),
        ("2024-04-03", "ngày 03 tháng 4 năm 2024", "03/04/2024"),   // months 3–9 without a zero, as NĐ 30/2020 writes them
        ("2024-09-30", "ngày 30 tháng 9 năm 2024", "30/09/2024"),
        ("2024-10-09", "ngày 09 tháng 10 năm 2024", "09/10/2024"),
    ])
    func dayAndShortWording(text: String, long: String, short: String) {
        #expect(VietnameseDate.day(day(text)) == long)
        #expect(VietnameseDate.short(day(text)) == short)
    }

    @Test(arguments: zip(
        days("2023-12-04", through: "2023-12-10"),
        ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]
    ))
    func weekdayNames(date: LocalDate, expected: String) {
        #expect(VietnameseDate.weekday(date) == expected)
    }
}
