import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct PastAwardImportTests {
    static let now = LocalDate(iso: "2024-12-01")!
    static let header = ["STT", "Năm", "Hình thức khen thưởng", "Tập thể/Cá nhân", "Tên tập thể, cá nhân", "Đơn vị", "Chức vụ", "Vị trí",
                         "Số quyết định", "Ngày quyết định", "Phương thức"]

    @Test func readsRowsUnderTheHeaderWhereverItIs() {
        let rows = [["LỊCH SỬ KHEN THƯỞNG"], [], Self.header,
                    ["1", "2021", "Cờ thi đua của Chủ tịch UBND tỉnh", "Tập thể", "Sở Tài chính", "", "", "", "12/QĐ-UBND", "15/01/2022", ""],
                    ["2", "2022", "Bằng khen", "Cá nhân", "Nguyễn Thị Hòa", "Sở Tài chính", "Phó Giám đốc", "Lãnh đạo, quản lý", "99/QĐ-UBND",
                     "44941", "Chuyên đề"],
                    ["", "", "", "", "", "", "", "", "", "", ""]]
        let (awards, problems) = PastAwardImport.parse(rows, now: Self.now)
        #expect(problems.isEmpty, "\(problems)")
        #expect(awards.count == 2)
        #expect(awards[0].line == 4 && awards[0].collective && awards[0].unit == "Sở Tài chính" && awards[0].method == .regular)
        #expect(awards[0].decisionDate == LocalDate(iso: "2022-01-15"))
        // Excel's serial 44941 is 15 January 2023.
        #expect(awards[1].decisionDate == LocalDate(iso: "2023-01-15") && awards[1].level == .leader && awards[1].method == .thematic)
        #expect(!awards[1].collective && awards[1].holder == "Nguyễn Thị Hòa" && awards[1].position == "Phó Giám đốc")
    }

    @Test func headersWithoutDiacriticsInAnotherOrderAreRead() {
        let header = ["ngay quyet dinh", "so quyet dinh", "ten tap the, ca nhan", "tap the/ca nhan", "hinh thuc khen thuong", "nam", "don vi"]
        let (awards, problems) = PastAwardImport.parse([header, ["2023-02-01", "5/QĐ-UBND", "Lê Văn An", "cá nhân", "Giấy khen", "2022", "Báo Lào Cai"]],
                                                       now: Self.now)
        #expect(problems.isEmpty && awards.first?.unit == "Báo Lào Cai" && awards.first?.year == 2022)
    }

    @Test func everyBadRowIsNamedAndNoneIsTaken() {
        let rows = [Self.header,
                    ["1", "20x1", "Bằng khen", "Tập thể", "A", "", "", "", "1", "01/01/2022", ""],
                    ["2", "2022", "Bằng khen", "Nhóm", "B", "", "", "", "2", "01/01/2022", ""],
                    ["3", "2022", "Bằng khen", "Cá nhân", "C", "Sở X", "", "", "3", "32/13/2022", ""],
                    ["4", "2022", "", "Tập thể", "D", "", "", "", "4", "01/01/2022", ""],
                    ["5", "2022", "Bằng khen", "Cá nhân", "E", "", "", "", "5", "01/01/2022", ""],
                    ["6", "2030", "Bằng khen", "Tập thể", "F", "", "", "", "6", "01/01/2022", "Hằng năm"]]
        let (awards, problems) = PastAwardImport.parse(rows, now: Self.now)
        #expect(awards.isEmpty)
        #expect(problems == [.badYear(line: 2, text: "20x1"), .badKind(line: 3, text: "Nhóm"), .badDate(line: 4, text: "32/13/2022"),
                             .missing(line: 5, column: "Hình thức khen thưởng"), .missing(line: 6, column: "Đơn vị"),
                             .badYear(line: 7, text: "2030")])
        #expect(problems[0].description.contains("Dòng 2"))
        #expect(PastAwardImport.parse([["Tên", "Năm"]], now: Self.now).problems.first?.description.contains("Số quyết định") == true)
    }
}
