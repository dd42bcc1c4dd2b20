import Foundation
import ThiDuaCore
@testable import ThiDuaDocuments

// The 2023 conference of SCENARIO-2023.md as document data: fixtures for the layout tests only. The product
// never starts a document from them; the demo stores its plan as data (Resources/Demo/plan-2023.json).

extension PlanData {
    /// The demo's own plan, read from the file the demo seeds, so the layout tests render what the demo shows.
    static let scenario2023: PlanData = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appendingPathComponent("Resources/Demo/plan-2023.json")
        do { return try JSONDecoder().decode(PlanData.self, from: Data(contentsOf: file)) } catch {
            fatalError("the demo plan \(file.path) does not read as PlanData: \(error)")
        }
    }()
}

extension CountMinutesData {
    /// The count of the flag nomination at the 2023 conference (SCENARIO-2023.md, agenda item 3). The plan leaves
    /// the quota, threshold and results open: the 2 places, the "more than 50% of members" rule, the votes, the
    /// number 02-BB/KTĐ, the committee (invented names) and the receipt codes are all illustrative.
    static let scenario2023 = CountMinutesData(
        issuerParent: "TỈNH ỦY LÀO CAI",
        issuerName: "KHỐI THI ĐUA CÁC CƠ QUAN TỈNH ỦY",
        number: "02-BB/KTĐ",
        place: "Lào Cai",
        date: LocalDate(year: 2023, month: 12, day: 19),
        ballotTitle: "Bình xét, suy tôn đơn vị đề nghị tặng Cờ Thi đua của Chủ tịch UBND tỉnh năm 2023",
        round: "Vòng 1",
        opening: "Hồi 10 giờ 15, ngày 19/12/2023, tại Hội nghị tổng kết phong trào thi đua, công tác khen thưởng năm 2023 "
            + "của Khối Thi đua các cơ quan Tỉnh ủy, Ban Kiểm phiếu đã tiến hành kiểm phiếu bình xét, suy tôn đơn vị đề "
            + "nghị tặng Cờ Thi đua của Chủ tịch UBND tỉnh. Khối được suy tôn tối đa 02 đơn vị; đơn vị được suy tôn phải "
            + "đạt trên 50% số phiếu so với tổng số thành viên của Khối.",
        // Invented names.
        head: Member(name: "Phạm Quốc Bảo", unit: "Văn phòng Tỉnh ủy"),
        members: [Member(name: "Lê Thu Hương", unit: "Báo Lào Cai"),
                  Member(name: "Đỗ Văn Thành", unit: "Trường Chính trị tỉnh")],
        eligibleVoters: 9, present: 9, issued: 9, cast: 9, valid: 9, invalid: 0, invalidReasons: "",
        candidates: [
            CandidateVotes(name: "Ban Nội chính Tỉnh ủy", votes: 8, share: Decimal(string: "0.8889")!),
            CandidateVotes(name: "Ban Tổ chức Tỉnh ủy", votes: 6, share: Decimal(string: "0.6667")!),
            CandidateVotes(name: "Báo Lào Cai", votes: 4, share: Decimal(string: "0.4444")!),
        ],
        outcome: "Các đơn vị được suy tôn đề nghị tặng Cờ Thi đua của Chủ tịch UBND tỉnh năm 2023 (theo thứ tự số phiếu): "
            + "1. Ban Nội chính Tỉnh ủy (8/9 phiếu); 2. Ban Tổ chức Tỉnh ủy (6/9 phiếu).",
        tieNote: "",
        // Invented receipt codes, in the server's format.
        receipts: ["2MRT-K7Q3-9XPA", "4HCV-QW8E-TN5J", "5ZKD-3PRB-X8MG", "7LFA-VE2C-KQ9R", "9BNT-HX4W-M3ZE",
                   "C6PJ-R2YK-8DWS", "GQ3M-N7VA-54LT", "PX8R-6JDE-ZC2K", "W4EK-T9MB-H7QN"])
}

extension InvitationData {
    /// The invitation to the 2023 year-end conference of SCENARIO-2023.md (19/12/2023, in person). The plan
    /// leaves the hour to the invitation: 08:00, as in the demo. Illustrative, not in the seed: the number
    /// 03-GM/KTĐ, the date 12/12/2023, the contact person (an invented name) and the example.org address.
    static let scenario2023 = InvitationData(
        issuerParent: "TỈNH ỦY LÀO CAI",
        issuerName: "KHỐI THI ĐUA CÁC CƠ QUAN TỈNH ỦY",
        number: "03-GM/KTĐ",
        place: "Lào Cai",
        date: LocalDate(year: 2023, month: 12, day: 12),
        summary: "dự Hội nghị tổng kết phong trào thi đua, công tác khen thưởng năm 2023 của Khối Thi đua các cơ quan Tỉnh ủy",
        host: "Khối Thi đua các cơ quan Tỉnh ủy",
        invitees: "- Đại diện lãnh đạo Ban Thi đua - Khen thưởng tỉnh;\n"
            + "- Lãnh đạo, cán bộ phụ trách thi đua, khen thưởng và các tập thể, cá nhân điển hình tiên tiến của các cơ "
            + "quan, đơn vị thành viên Khối;\n"
            + "- Phóng viên Đài Phát thanh - Truyền hình tỉnh, Báo Lào Cai.",
        conference: Conference(
            purpose: "Hội nghị tổng kết phong trào thi đua, công tác khen thưởng năm 2023 của Khối Thi đua các cơ quan Tỉnh ủy",
            time: "08 giờ 00, thứ Ba, ngày 19 tháng 12 năm 2023 (½ ngày)",
            venue: "Phòng họp Ban Chấp hành Đảng bộ tỉnh",
            form: "Tổ chức Hội nghị trực tiếp"),
        agenda: [
            "Phần I: Tổng kết năm 2023, phương hướng năm 2024; thống nhất chấm điểm thi đua.",
            "Phần II: Suy tôn Cờ Thi đua; khen thưởng; bầu Trưởng Khối, Phó Trưởng Khối 2024.",
        ],
        // Invented contact person and address (the seed's real ones are not copied).
        contact: "Liên hệ: đồng chí Lê Thị Mai, chuyên viên Phòng Nghiệp vụ 3 Ban Nội chính Tỉnh ủy "
            + "(thư điện tử: thiduakhoi@example.org).",
        closing: "Rất mong các đồng chí đến dự đúng thời gian để Hội nghị đạt kết quả tốt./.",
        // The plan's signer (an invented name, as in PlanData.scenario2023).
        signer: DocxSigner(prefix: "K/T TRƯỞNG BAN NỘI CHÍNH TỈNH ỦY,\nTRƯỞNG KHỐI THI ĐUA", position: "PHÓ TRƯỞNG BAN",
                           name: "Nguyễn Minh Khoa"),
        recipients: ["Như thành phần mời", "Lãnh đạo Ban Nội chính Tỉnh ủy", "Lưu Ban Nội chính Tỉnh ủy"])
}

extension ProposalData {
    /// The head unit's proposal after the 2023 conference (SCENARIO-2023.md, step 10: within 5 days, before
    /// 25/12/2023). Illustrative: the number 12-TTr/KTĐ, the date 22/12/2023, the totals, ranks and votes (as in
    /// `ScoreSummaryData.scenario2023` and `CountMinutesData.scenario2023`); the signer's name is invented.
    static let scenario2023 = ProposalData(
        issuerParent: "TỈNH ỦY LÀO CAI",
        issuerName: "KHỐI THI ĐUA CÁC CƠ QUAN TỈNH ỦY",
        number: "12-TTr/KTĐ",
        place: "Lào Cai",
        date: LocalDate(year: 2023, month: 12, day: 22),
        summary: "Đề nghị tặng Cờ thi đua của Chủ tịch UBND tỉnh năm 2023",
        addressee: "Ban Thi đua - Khen thưởng tỉnh",
        paragraphs: [
            "Căn cứ Quyết định số 3666/QĐ-UBND, ngày 13/10/2021 của UBND tỉnh về ban hành Quy định về tổ chức, hoạt động "
                + "của các khối thi đua trên địa bàn tỉnh Lào Cai; Văn bản số 1355/SNV-TDKT, ngày 24/10/2023 của Sở Nội vụ "
                + "tỉnh về việc hướng dẫn tổng kết phong trào thi đua, công tác khen thưởng năm 2023;",
            "Thực hiện Kế hoạch số 05-KH/KTĐ, ngày 28/11/2023 của Khối Thi đua các cơ quan Tỉnh ủy về tổng kết phong trào "
                + "thi đua, công tác khen thưởng năm 2023, ngày 19/12/2023 Khối Thi đua các cơ quan Tỉnh ủy đã tổ chức Hội "
                + "nghị tổng kết, thống nhất kết quả chấm điểm thi đua và bình xét, suy tôn bằng phiếu kín các đơn vị dẫn "
                + "đầu phong trào thi đua năm 2023.",
            "Kết quả, 02 đơn vị được suy tôn đề nghị tặng Cờ thi đua của Chủ tịch UBND tỉnh: Ban Nội chính Tỉnh ủy và "
                + "Ban Tổ chức Tỉnh ủy (có danh sách, điểm và kết quả bỏ phiếu kèm theo).",
            "Ban Nội chính Tỉnh ủy (đơn vị Trưởng Khối Thi đua các cơ quan Tỉnh ủy năm 2023) kính trình Ban Thi đua - Khen "
                + "thưởng tỉnh xem xét, trình Chủ tịch UBND tỉnh tặng Cờ thi đua năm 2023 cho 02 đơn vị nêu trên./.",
        ],
        annexTitle: "DANH SÁCH ĐƠN VỊ ĐỀ NGHỊ TẶNG CỜ THI ĐUA CỦA CHỦ TỊCH UBND TỈNH NĂM 2023",
        annexNote: "(Kèm theo Tờ trình số 12-TTr/KTĐ, ngày 22/12/2023 của Khối Thi đua các cơ quan Tỉnh ủy)",
        nominees: [
            Nominee(unit: "Ban Nội chính Tỉnh ủy", total: Decimal(string: "106.5")!, rank: 1, votes: 8,
                    share: Decimal(string: "0.8889")!),
            Nominee(unit: "Ban Tổ chức Tỉnh ủy", total: Decimal(string: "104.5")!, rank: 2, votes: 6,
                    share: Decimal(string: "0.6667")!),
        ],
        // The plan's signer (an invented name, as in PlanData.scenario2023).
        signer: DocxSigner(prefix: "K/T TRƯỞNG BAN NỘI CHÍNH TỈNH ỦY,\nTRƯỞNG KHỐI THI ĐUA", position: "PHÓ TRƯỞNG BAN",
                           name: "Nguyễn Minh Khoa"),
        recipients: ["Như trên", "Các đơn vị được đề nghị", "Lãnh đạo Ban Nội chính Tỉnh ủy", "Lưu Ban Nội chính Tỉnh ủy"])
}

extension ScoreSummaryData {
    /// The 2023 summary of the demo bloc, scored on `ScoringTable.illustrative2023` (5 sections: 30, 25, 15, 15
    /// and 15 points, a 10-point bonus cap). The member list is SCENARIO-2023.md's illustrative one; every score
    /// is invented, and the classification uses illustrative bands (Xuất sắc from 95, Tốt from 85).
    static let scenario2023: ScoreSummaryData = {
        // unit, sections I–V, bonus, penalty (base = sum of sections, total = base + bonus − penalty)
        let scores: [(String, [String], String, String)] = [
            ("Ban Nội chính Tỉnh ủy", ["29.5", "24.5", "15", "14.5", "15"], "8", "0"),
            ("Ban Tổ chức Tỉnh ủy", ["29", "24.5", "14.5", "14.5", "14.5"], "7.5", "0"),
            ("Báo Lào Cai", ["28.5", "24", "14.5", "14", "14.5"], "7", "0"),
            ("Văn phòng Tỉnh ủy", ["28.5", "24", "14", "14.5", "14"], "6", "0"),
            ("Ủy ban Kiểm tra Tỉnh ủy", ["28", "24", "14", "14", "14"], "6", "0.5"),
            ("Ban Tuyên giáo Tỉnh ủy", ["28", "23.5", "14", "14", "14"], "5.5", "0"),
            ("Ban Dân vận Tỉnh ủy", ["27.5", "23.5", "14", "13.5", "14"], "5", "0"),
            ("Đảng ủy Khối các cơ quan tỉnh", ["27", "22.5", "13.5", "13", "13.5"], "4.5", "0.5"),
            ("Trường Chính trị tỉnh", ["26.5", "22.5", "13", "13", "13"], "4", "0"),
        ]
        func number(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }
        let rows = scores.enumerated().map { index, entry in
            let sections = entry.1.map(number)
            let base = sections.reduce(0, +), total = base + number(entry.2) - number(entry.3)
            return Row(rank: index + 1, unit: entry.0, sections: sections, base: base, bonus: number(entry.2),
                       penalty: number(entry.3), total: total, classification: total >= 95 ? "Xuất sắc" : "Tốt")
        }
        return ScoreSummaryData(
            issuerParent: "TỈNH ỦY LÀO CAI",
            issuerName: "KHỐI THI ĐUA CÁC CƠ QUAN TỈNH ỦY",
            number: "",
            place: "Lào Cai",
            date: LocalDate(year: 2023, month: 12, day: 19),
            title: "BẢNG TỔNG HỢP ĐIỂM THI ĐUA NĂM 2023",
            summary: "của các cơ quan, đơn vị thành viên Khối Thi đua các cơ quan Tỉnh ủy",
            sectionHeaders: ["I\n(30)", "II\n(25)", "III\n(15)", "IV\n(15)", "V\n(15)"],
            rows: rows,
            notes: [
                "Phần I: Công tác tham mưu, thực hiện nhiệm vụ chính trị; II: Xây dựng Đảng, xây dựng cơ quan; III: Thi đua, "
                    + "khen thưởng; IV: Cải cách hành chính, chuyển đổi số; V: Tham gia hoạt động chung của Khối (trong ngoặc: "
                    + "điểm tối đa). Điểm thưởng tối đa 10 điểm. Bảng điểm minh họa.",
            ],
            // The plan's signer (an invented name, as in PlanData.scenario2023).
            signer: DocxSigner(prefix: "K/T TRƯỞNG BAN NỘI CHÍNH TỈNH ỦY,\nTRƯỞNG KHỐI THI ĐUA", position: "PHÓ TRƯỞNG BAN",
                               name: "Nguyễn Minh Khoa"))
    }()
}

extension MinutesData {
    /// The minutes of the 2023 conference (SCENARIO-2023.md: 19/12/2023, in person, agenda items 1–5). The
    /// plan leaves the outcome open, so these are illustrative: the number 01-BB/KTĐ, the 08:00–11:30 times
    /// (the demo's), the attendance, the representatives, chair and secretary (all invented names), the
    /// proceedings text, and both ballots (the flag ballot matches `CountMinutesData.scenario2023`).
    static let scenario2023 = MinutesData(
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
