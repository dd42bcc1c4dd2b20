import Foundation
import ThiDuaCore

extension MinutesData {
    /// The minutes of the 2023 conference (SCENARIO-2023.md: 19/12/2023, in person, agenda items 1–5). The
    /// plan leaves the outcome open, so these are illustrative: the number 01-BB/KTĐ, the 08:00–11:30 times
    /// (the demo's), the attendance, the representatives, chair and secretary (all invented names), the
    /// proceedings text, and both ballots (the flag ballot matches `CountMinutesData.scenario2023`).
    public static let scenario2023 = MinutesData(
        issuerParent: "TỈNH ỦY LÀO CAI",
        issuerName: "KHỐI THI ĐUA CÁC CƠ QUAN TỈNH ỦY",
        number: "01-BB/KTĐ",
        place: "Lào Cai",
        date: LocalDate(year: 2023, month: 12, day: 19),
        summary: "Hội nghị tổng kết phong trào thi đua, công tác khen thưởng năm 2023 của Khối Thi đua các cơ quan Tỉnh ủy",
        time: "08 giờ 00, thứ Ba, ngày 19 tháng 12 năm 2023",
        venue: "Phòng họp Ban Chấp hành Đảng bộ tỉnh",
        // Invented names.
        chair: Person(name: "Nguyễn Minh Khoa", position: "Phó Trưởng Ban Nội chính Tỉnh ủy"),
        secretary: Person(name: "Lê Thị Mai", position: "chuyên viên Phòng Nghiệp vụ 3 Ban Nội chính Tỉnh ủy"),
        guests: [
            "Đại diện lãnh đạo Ban Thi đua - Khen thưởng tỉnh; cán bộ Phòng Thi đua - Khen thưởng sở, ngành, đoàn thể",
            "Phóng viên Đài Phát thanh - Truyền hình tỉnh và Báo Lào Cai",
        ],
        membersPresent: 9, members: 9,
        // Invented representatives.
        attendance: [
            UnitAttendance(unit: "Văn phòng Tỉnh ủy", representative: "Phạm Quốc Bảo", present: true),
            UnitAttendance(unit: "Ban Tổ chức Tỉnh ủy", representative: "Hoàng Văn Lâm", present: true),
            UnitAttendance(unit: "Ủy ban Kiểm tra Tỉnh ủy", representative: "Vũ Thị Ngọc", present: true),
            UnitAttendance(unit: "Ban Tuyên giáo Tỉnh ủy", representative: "Đặng Minh Tuấn", present: true),
            UnitAttendance(unit: "Ban Dân vận Tỉnh ủy", representative: "Bùi Thị Hạnh", present: true),
            UnitAttendance(unit: "Ban Nội chính Tỉnh ủy", representative: "Nguyễn Minh Khoa", present: true),
            UnitAttendance(unit: "Báo Lào Cai", representative: "Lê Thu Hương", present: true),
            UnitAttendance(unit: "Trường Chính trị tỉnh", representative: "Đỗ Văn Thành", present: true),
            UnitAttendance(unit: "Đảng ủy Khối các cơ quan tỉnh", representative: "Ngô Thị Lan", present: true),
        ],
        body: """
            Đồng chí Nguyễn Minh Khoa, Phó Trưởng Ban Nội chính Tỉnh ủy, thay mặt đơn vị Trưởng Khối khai mạc Hội nghị, \
            giới thiệu đại biểu và thông qua chương trình Hội nghị.

            1. Đồng chí chủ trì trình bày Báo cáo tổng kết phong trào thi đua, công tác khen thưởng năm 2023 của Khối Thi \
            đua các cơ quan Tỉnh ủy; phương hướng, nhiệm vụ, giải pháp năm 2024. Đại diện Báo Lào Cai và Trường Chính trị \
            tỉnh trình bày tham luận về kinh nghiệm xây dựng điển hình tiên tiến; Hội nghị thảo luận, thống nhất với nội \
            dung Báo cáo.
            2. Hội nghị thống nhất kết quả chấm điểm thi đua năm 2023 của 09 cơ quan, đơn vị thành viên (có bảng tổng hợp \
            điểm kèm theo).
            3. Hội nghị bình xét, suy tôn bằng phiếu kín; kết quả bỏ phiếu tại mục III.
            4. Đại diện lãnh đạo Ban Thi đua - Khen thưởng tỉnh công bố Quyết định tặng thưởng các tập thể, cá nhân điển \
            hình tiên tiến của Khối Thi đua năm 2023 và phát biểu chỉ đạo Hội nghị.
            5. Hội nghị bầu đơn vị Trưởng Khối, Phó Trưởng Khối Thi đua các cơ quan Tỉnh ủy năm 2024; kết quả bỏ phiếu tại \
            mục III.
            """,
        ballots: [
            Ballot(title: "1. Bình xét, suy tôn đơn vị đề nghị tặng Cờ Thi đua của Chủ tịch UBND tỉnh năm 2023",
                   cast: 9, valid: 9, invalid: 0, candidates: CountMinutesData.scenario2023.candidates,
                   outcome: "Ban Nội chính Tỉnh ủy và Ban Tổ chức Tỉnh ủy được suy tôn đề nghị tặng Cờ Thi đua của Chủ "
                       + "tịch UBND tỉnh năm 2023."),
            Ballot(title: "2. Bầu đơn vị Trưởng Khối Thi đua các cơ quan Tỉnh ủy năm 2024",
                   cast: 9, valid: 9, invalid: 0,
                   candidates: [CandidateVotes(name: "Báo Lào Cai", votes: 7, share: Decimal(string: "0.7778")!),
                                CandidateVotes(name: "Văn phòng Tỉnh ủy", votes: 2, share: Decimal(string: "0.2222")!)],
                   outcome: "Báo Lào Cai được bầu làm đơn vị Trưởng Khối năm 2024."),
            Ballot(title: "3. Bầu đơn vị Phó Trưởng Khối Thi đua các cơ quan Tỉnh ủy năm 2024",
                   cast: 9, valid: 8, invalid: 1,
                   candidates: [CandidateVotes(name: "Văn phòng Tỉnh ủy", votes: 6, share: Decimal(string: "0.6667")!),
                                CandidateVotes(name: "Ban Dân vận Tỉnh ủy", votes: 2, share: Decimal(string: "0.2222")!)],
                   outcome: "Văn phòng Tỉnh ủy được bầu làm đơn vị Phó Trưởng Khối năm 2024."),
        ],
        closingTime: "11 giờ 30")
}
