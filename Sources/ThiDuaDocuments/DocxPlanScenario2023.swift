import Foundation
import ThiDuaCore

extension PlanData {
    /// The 2023 year-end plan of the Lào Cai provincial Party agencies' bloc (Số 05-KH/KTĐ, 28/11/2023),
    /// restored from the OCR seed as described in SCENARIO-2023.md. Two deliberate departures:
    /// - the signer's name is invented (the seed's real name is not copied);
    /// - the real e-mail addresses of step 3.2 are replaced by an invented one on example.org.
    /// The steps table has no counterpart in the seed; it restates the seed's deadlines one step a row.
    public static let scenario2023 = PlanData(
        issuerParent: "TỈNH ỦY LÀO CAI",
        issuerName: "KHỐI THI ĐUA CÁC CƠ QUAN TỈNH ỦY",
        number: "05-KH/KTĐ",
        place: "Lào Cai",
        date: LocalDate(year: 2023, month: 11, day: 28),
        summary: "Tổng kết phong trào thi đua, công tác khen thưởng năm 2023 của Khối Thi đua các cơ quan Tỉnh ủy",
        blocName: "Khối Thi đua các cơ quan Tỉnh ủy",
        legalBases: [
            "Căn cứ Quyết định số 3666/QĐ-UBND, ngày 13/10/2021 của UBND tỉnh về ban hành Quy định về tổ chức, "
                + "hoạt động của các khối thi đua trên địa bàn tỉnh Lào Cai",
            "Căn cứ Văn bản số 1355/SNV-TDKT, ngày 24/10/2023 của Sở Nội vụ tỉnh về việc hướng dẫn tổng kết phong trào "
                + "thi đua, công tác khen thưởng năm 2023",
            "Căn cứ Văn bản số 1560/SNV-TDKT, ngày 17/11/2021 của Sở Nội vụ về hướng dẫn thực hiện Quy chế tổ chức "
                + "và hoạt động của khối thi đua (mẫu báo cáo số 01)",
        ],
        introduction: "Thực hiện Kế hoạch số 01-KH/KTĐ, ngày 02/3/2023 của Khối Thi đua các cơ quan Tỉnh ủy về hoạt động "
            + "của Khối Thi đua Tỉnh ủy năm 2023, Ban Nội chính Tỉnh ủy Lào Cai (đơn vị Trưởng Khối Thi đua các cơ quan "
            + "Tỉnh ủy năm 2023) xây dựng Kế hoạch tổng kết phong trào thi đua, công tác khen thưởng của Khối Thi đua "
            + "các cơ quan Tỉnh ủy năm 2023 như sau:",
        purposes: [
            "Đánh giá tình hình, kết quả hoạt động của Khối Thi đua các cơ quan Tỉnh ủy năm 2023; đề ra phương hướng, "
                + "nhiệm vụ, giải pháp trong năm 2024.",
            "Biểu dương, khen thưởng kịp thời những tập thể, cá nhân có thành tích xuất sắc trong các phong trào "
                + "thi đua năm 2023.",
        ],
        requirements: [
            "Việc tổng kết phong trào thi đua, công tác khen thưởng của các cơ quan, đơn vị và Khối Thi đua các cơ quan "
                + "Tỉnh ủy đảm bảo thực hiện theo đúng quy định.",
        ],
        unitReview: "Các cơ quan, đơn vị thành viên Khối Thi đua các cơ quan Tỉnh ủy thực hiện tổng kết phong trào thi đua, "
            + "công tác khen thưởng năm 2023 của cơ quan, đơn vị theo Văn bản số 1355/SNV-TDKT, ngày 24/10/2023 của Sở Nội "
            + "vụ tỉnh về việc hướng dẫn tổng kết phong trào thi đua, công tác khen thưởng năm 2023.",
        conference: scenario2023Conference,
        duties: scenario2023Duties,
        steps: scenario2023Steps,
        closing: "Trên đây là Kế hoạch tổng kết phong trào thi đua, công tác khen thưởng năm 2023 của Khối Thi đua các cơ "
            + "quan Tỉnh ủy. Đề nghị các cơ quan, đơn vị trong Khối Thi đua các cơ quan Tỉnh ủy phối hợp thực hiện "
            + "Kế hoạch này./.",
        // The deputy head of the Ban signs for the head; the name is invented (not the seed's).
        signer: Signer(prefix: "K/T TRƯỞNG BAN NỘI CHÍNH TỈNH ỦY,\nTRƯỞNG KHỐI THI ĐUA", position: "PHÓ TRƯỞNG BAN",
                       name: "Nguyễn Minh Khoa"),
        recipients: ["Ban TĐKT tỉnh", "Báo Lào Cai (Phó Khối)", "Lãnh đạo Ban Nội chính Tỉnh ủy",
                     "Phòng Nghiệp vụ 3 Ban Nội chính Tỉnh ủy", "Lưu Ban Nội chính Tỉnh ủy"])

    static let scenario2023Conference = Conference(
        form: "Tổ chức Hội nghị trực tiếp.",
        duration: "½ ngày",
        date: "dự kiến ngày 19/12/2023 (Thứ Ba)",
        timeNote: "Thời gian chính thức sẽ có giấy mời sau.",
        venue: "Phòng họp Ban Chấp hành Đảng bộ tỉnh hoặc Báo Lào Cai.",
        participants: [
            Participant(group: "Ban Thi đua - Khen thưởng tỉnh",
                        members: "Đại diện lãnh đạo Ban Thi đua - Khen thưởng tỉnh; cán bộ Phòng Thi đua - Khen thưởng "
                            + "sở, ngành, đoàn thể Ban Thi đua - Khen thưởng tỉnh;"),
            Participant(group: "Các cơ quan, đơn vị thành viên Khối Thi đua các cơ quan Tỉnh ủy",
                        members: "Đại diện lãnh đạo cơ quan, đơn vị; cán bộ phụ trách công tác thi đua khen thưởng; "
                            + "các tập thể, cá nhân điển hình tiên tiến được khen thưởng;"),
            Participant(group: "Ban Nội chính Tỉnh ủy",
                        members: "Lãnh đạo Ban; đại diện lãnh đạo phòng nghiệp vụ phụ trách công tác thi đua khen thưởng "
                            + "của Ban và chuyên viên Phòng Nghiệp vụ 3;"),
            Participant(group: "Phóng viên", members: "Đài Phát thanh - Truyền hình tỉnh và Báo Lào Cai."),
        ],
        agenda: [
            AgendaPart(title: "Phần I", items: [
                AgendaItem(number: "1", text: "Tổng kết đánh giá kết quả hoạt động của Khối Thi đua các cơ quan Tỉnh ủy "
                    + "năm 2023; đề ra phương hướng, nhiệm vụ, giải pháp trong năm 2024.",
                           notes: ["Thảo luận, trao đổi kinh nghiệm tổ chức phong trào thi đua, công tác xây dựng điển "
                                   + "hình tiên tiến, công tác khen thưởng (tham luận của các tập thể, cá nhân điển hình "
                                   + "tiên tiến)."]),
                AgendaItem(number: "2", text: "Thống nhất việc chấm điểm cho các thành viên thuộc Khối Thi đua năm 2023."),
            ]),
            AgendaPart(title: "Phần II", items: [
                AgendaItem(number: "3", text: "Bình xét thi đua, suy tôn đề nghị tặng Cờ Thi đua của Chủ tịch UBND tỉnh "
                    + "theo quy định."),
                AgendaItem(number: "4", text: "Công bố Quyết định tặng thưởng điển hình tiên tiến của Khối Thi đua "
                    + "năm 2023."),
                AgendaItem(number: "5", text: "Bầu đơn vị Trưởng Khối, Phó Trưởng Khối Thi đua các cơ quan Tỉnh ủy "
                    + "năm 2024."),
            ]),
        ],
        backdrop: "Có phụ biểu kèm theo.")

    static let scenario2023Duties = [
        Duty(who: "Ban Nội chính Tỉnh ủy (Trưởng Khối Thi đua năm 2023)", tasks: [
            "- Chuẩn bị nội dung, chương trình, tài liệu và các điều kiện cần thiết để tổ chức hội nghị tổng kết phong "
                + "trào thi đua, công tác khen thưởng năm 2023 của Khối Thi đua các cơ quan Tỉnh ủy.",
            "- Sau 05 ngày tổ chức hội nghị tổng kết, Ban Nội chính Tỉnh ủy trình khen thưởng đề nghị tặng Cờ Thi đua "
                + "của Chủ tịch UBND tỉnh cho các cơ quan, đơn vị thành viên được Khối Thi đua suy tôn (hoàn thành "
                + "trước ngày 25/12/2023).",
        ]),
        Duty(who: "Báo Lào Cai (Phó Trưởng Khối Thi đua năm 2023)", tasks: [
            "Phối hợp với Ban Nội chính Tỉnh ủy chuẩn bị phòng họp và các nội dung, chương trình tổ chức hội nghị tổng "
                + "kết phong trào thi đua, công tác khen thưởng năm 2023 của Khối Thi đua các cơ quan Tỉnh ủy.",
        ]),
        Duty(who: "Các cơ quan, đơn vị thành viên Khối Thi đua các cơ quan Tỉnh ủy", tasks: [
            "3.1. Thực hiện tổng kết phong trào thi đua, công tác khen thưởng năm 2023 của cơ quan, đơn vị theo hướng "
                + "dẫn của Sở Nội vụ tỉnh.",
            // The seed gives two real addresses here; an invented one on example.org stands in for them.
            "3.2. Gửi báo cáo tổng kết phong trào thi đua, công tác khen thưởng năm 2023 theo mẫu số 01, Văn bản số "
                + "1560/SNV-TDKT, ngày 17/11/2021 của Sở Nội vụ về hướng dẫn thực hiện Quy chế tổ chức và hoạt động của "
                + "khối thi đua; tóm tắt nội dung báo cáo tối đa không quá 01 trang A4; hồ sơ đề nghị khen thưởng 01 "
                + "tập thể, 01 cá nhân tiêu biểu điển hình tiên tiến (Tờ trình của đơn vị, báo cáo thành tích tập thể, "
                + "cá nhân), báo cáo tham luận tại hội nghị gửi về Ban Nội chính Tỉnh ủy trước ngày 11/12/2023 (đồng "
                + "thời gửi file mềm vào địa chỉ thư điện tử thiduakhoi@example.org).",
            "- Gửi Bảng chấm điểm thi đua năm 2023 của cơ quan, đơn vị và các tài liệu minh chứng kèm theo về Ban Nội "
                + "chính Tỉnh ủy trước ngày 05/12/2023.",
            "3.3. Sau 03 ngày tổ chức hội nghị, các cơ quan, đơn vị được suy tôn đề nghị tặng Cờ Thi đua của Chủ tịch "
                + "UBND tỉnh gửi 02 Báo cáo thành tích của cơ quan, đơn vị về Ban Nội chính Tỉnh ủy để thực hiện quy "
                + "trình khen thưởng (bản chính, có chữ ký và đóng dấu của cơ quan, đơn vị).",
        ]),
    ]

    static let scenario2023Steps: [Step] = {
        let units = "Các cơ quan, đơn vị thành viên"
        return [
            Step(number: "1", who: units, what: "Tổng kết phong trào thi đua, công tác khen thưởng năm 2023 của cơ quan, "
                 + "đơn vị theo Văn bản số 1355/SNV-TDKT", due: "Trước hội nghị tổng kết"),
            Step(number: "2", who: units, what: "Gửi Bảng chấm điểm thi đua năm 2023 kèm tài liệu minh chứng về Ban Nội "
                 + "chính Tỉnh ủy", due: "Trước ngày 05/12/2023", milestone: "SCORING"),
            Step(number: "3", who: units, what: "Gửi báo cáo tổng kết năm 2023 (mẫu số 01, Văn bản số 1560/SNV-TDKT) và "
                 + "bản tóm tắt không quá 01 trang A4", due: "Trước ngày 11/12/2023", milestone: "REPORT"),
            Step(number: "4", who: units, what: "Gửi hồ sơ đề nghị khen thưởng 01 tập thể, 01 cá nhân tiêu biểu (tờ trình "
                 + "của đơn vị, báo cáo thành tích của tập thể, cá nhân)", due: "Trước ngày 11/12/2023", milestone: "DOSSIER"),
            Step(number: "5", who: units, what: "Gửi báo cáo tham luận tại hội nghị", due: "Trước ngày 11/12/2023", milestone: "PRESENTATION"),
            Step(number: "6", who: units, what: "Gửi file mềm các tài liệu ở bước 3, 4, 5 qua thư điện tử",
                 due: "Trước ngày 11/12/2023"),
            Step(number: "7", who: "Ban Nội chính Tỉnh ủy (Trưởng Khối), Báo Lào Cai (Phó Trưởng Khối)",
                 what: "Chuẩn bị nội dung, chương trình, tài liệu và phòng họp", due: "Trước hội nghị tổng kết"),
            Step(number: "8", who: "Khối Thi đua các cơ quan Tỉnh ủy", what: "Tổ chức Hội nghị tổng kết năm 2023 (½ ngày; "
                 + "thời gian cụ thể theo giấy mời)", due: "Ngày 19/12/2023 (Thứ Ba)", milestone: "CONFERENCE"),
            Step(number: "9", who: "Các cơ quan, đơn vị được suy tôn đề nghị tặng Cờ Thi đua", what: "Gửi 02 Báo cáo thành "
                 + "tích (bản chính, có chữ ký và đóng dấu) về Ban Nội chính Tỉnh ủy",
                 due: "Trong 03 ngày sau hội nghị (trước ngày 22/12/2023)", milestone: "ORIGINALS"),
            Step(number: "10", who: "Ban Nội chính Tỉnh ủy (Trưởng Khối)", what: "Trình đề nghị tặng Cờ Thi đua của Chủ "
                 + "tịch UBND tỉnh cho các cơ quan, đơn vị được Khối suy tôn",
                 due: "Trong 05 ngày sau hội nghị, hoàn thành trước ngày 25/12/2023", milestone: "PROPOSAL"),
        ]
    }()
}
