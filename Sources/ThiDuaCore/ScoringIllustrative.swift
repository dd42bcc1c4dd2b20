import Foundation

extension ScoringTable {
    /// An illustrative (minh họa) table for a bloc of Party agencies: 100 base points in 5 sections,
    /// a 10-point bonus cap and 5 penalty items. Its numbers are invented for the demo and are not
    /// any province's official table.
    public static let illustrative2023 = ScoringTable(
        sections: [
            section("I", "Công tác tham mưu, thực hiện nhiệm vụ chính trị", [
                group("I.1", "Tham mưu ban hành nghị quyết, chương trình, kế hoạch thực hiện nhiệm vụ chính trị của cấp ủy", [
                    leaf("I.1.a", "Tham mưu ban hành văn bản đúng thời hạn, bảo đảm chất lượng", "6", "0.5", evidence: true,
                         guidance: "Đối chiếu danh mục văn bản được giao trong chương trình công tác năm; mỗi văn bản chậm trừ 0,5 điểm."),
                    leaf("I.1.b", "Tổ chức triển khai, theo dõi, đôn đốc thực hiện văn bản sau khi ban hành", "4", "0.5"),
                ]),
                leaf("I.2", "Hoàn thành chương trình công tác năm được cấp ủy giao", "12", "0.5", evidence: true,
                     guidance: "Tỷ lệ nhiệm vụ hoàn thành đúng tiến độ; kèm báo cáo kết quả thực hiện chương trình công tác."),
                leaf("I.3", "Công tác kiểm tra, giám sát, sơ kết, tổng kết thực hiện nghị quyết", "8", "0.25"),
            ]),
            section("II", "Công tác xây dựng Đảng, xây dựng cơ quan", [
                group("II.1", "Giáo dục chính trị, tư tưởng; học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", [
                    leaf("II.1.a", "Tổ chức học tập, quán triệt nghị quyết, chỉ thị của Đảng", "4", "0.25"),
                    leaf("II.1.b", "Đăng ký và thực hiện nội dung làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", "4", "0.25",
                         evidence: true),
                ]),
                leaf("II.2", "Xây dựng tổ chức cơ sở đảng trong sạch, vững mạnh; kết quả đánh giá, xếp loại chất lượng", "10", "1",
                     evidence: true, guidance: "Căn cứ kết quả đánh giá, xếp loại chất lượng tổ chức cơ sở đảng năm 2023."),
                leaf("II.3", "Công tác dân vận; xây dựng Công đoàn, Đoàn Thanh niên, Hội Cựu chiến binh cơ quan vững mạnh", "7", "0.5"),
            ]),
            section("III", "Công tác thi đua, khen thưởng", [
                leaf("III.1", "Tổ chức phát động phong trào thi đua, ký kết giao ước thi đua", "5", "0.5", evidence: true),
                leaf("III.2", "Sơ kết, tổng kết; phát hiện, bồi dưỡng và nhân rộng điển hình tiên tiến", "6", "0.5"),
                leaf("III.3", "Thực hiện chế độ thông tin, báo cáo về thi đua, khen thưởng đúng thời hạn", "4", "0.25"),
            ]),
            section("IV", "Cải cách hành chính, chuyển đổi số", [
                leaf("IV.1", "Cải cách thủ tục hành chính trong Đảng; rà soát, chuẩn hóa quy trình, văn bản của cơ quan", "5", "0.5"),
                group("IV.2", "Ứng dụng công nghệ thông tin, chuyển đổi số trong hoạt động của cơ quan", [
                    leaf("IV.2.a", "Sử dụng hệ thống quản lý văn bản và điều hành", "3", "0.25", evidence: true),
                    leaf("IV.2.b", "Sử dụng chữ ký số; gửi, nhận văn bản điện tử", "3", "0.25"),
                ]),
                leaf("IV.3", "Thực hành tiết kiệm, chống lãng phí; phòng, chống tham nhũng, tiêu cực", "4", "0.5"),
            ]),
            section("V", "Tham gia hoạt động chung của Khối thi đua", [
                leaf("V.1", "Tham gia đầy đủ các hội nghị, hoạt động do Khối tổ chức", "6", "1"),
                leaf("V.2", "Phối hợp với các đơn vị trong Khối; thực hiện nhiệm vụ Trưởng, Phó Trưởng khối khi được phân công",
                     "5", "0.5"),
                leaf("V.3", "Tham gia hoạt động văn hóa, văn nghệ, thể dục thể thao, an sinh xã hội", "4", "0.5", evidence: true),
            ]),
        ],
        bonusCap: 10,
        penaltyItems: [
            PenaltyItem(code: "T.1", title: "Tập thể hoặc cán bộ lãnh đạo chủ chốt bị xử lý kỷ luật trong năm",
                        points: 5, kind: "kyLuat"),
            PenaltyItem(code: "T.2", title: "Cán bộ, đảng viên của cơ quan vi phạm pháp luật bị xử lý",
                        points: 3, kind: "viPham"),
            PenaltyItem(code: "T.3", title: "Có đơn thư khiếu nại, tố cáo thuộc trách nhiệm giải quyết nhưng để kéo dài, vượt cấp",
                        points: 2, kind: "viPham"),
            PenaltyItem(code: "T.4", title: "Không tham gia hoạt động chung của Khối mà không có lý do (mỗi lần)",
                        points: 1, kind: "vangMat"),
            PenaltyItem(code: "T.5", title: "Gửi báo cáo, hồ sơ chậm so với thời hạn của Khối (mỗi lần)",
                        points: dec("0.5"), kind: "cham"),
        ],
        isIllustrative: true
    )

    private static func dec(_ text: String) -> Decimal {
        guard let value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) else {
            preconditionFailure("bad decimal literal \(text)")
        }
        return value
    }

    private static func section(_ code: String, _ title: String, _ children: [ScoringNode]) -> ScoringNode {
        ScoringNode(code: code, title: title, children: children)
    }

    private static func group(_ code: String, _ title: String, _ children: [ScoringNode]) -> ScoringNode {
        ScoringNode(code: code, title: title, children: children)
    }

    private static func leaf(
        _ code: String, _ title: String, _ maximum: String, _ step: String,
        evidence: Bool = false, guidance: String? = nil
    ) -> ScoringNode {
        ScoringNode(code: code, title: title, guidance: guidance, maxPoints: dec(maximum), step: dec(step),
                    evidenceRequired: evidence)
    }
}
