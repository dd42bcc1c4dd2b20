import Foundation
import ThiDuaCore

/// The score summary (bảng tổng hợp điểm) of a cycle, printed in A4 landscape beside the scoring issue's
/// `.xlsx`: one row per unit with its section subtotals, base, bonus, penalty, total and classification.
public struct ScoreSummaryData: Sendable, Equatable, Codable {
    /// One unit's line. `sections` follows `ScoreSummaryData.sectionHeaders`, one subtotal per section.
    public struct Row: Sendable, Equatable, Codable {
        public var rank: Int, unit: String
        public var sections: [Decimal]
        public var base: Decimal, bonus: Decimal, penalty: Decimal, total: Decimal
        public var classification: String
        public init(rank: Int, unit: String, sections: [Decimal], base: Decimal, bonus: Decimal, penalty: Decimal,
                    total: Decimal, classification: String) {
            self.rank = rank
            self.unit = unit
            self.sections = sections
            self.base = base
            self.bonus = bonus
            self.penalty = penalty
            self.total = total
            self.classification = classification
        }
    }

    public var issuerParent: String, issuerName: String
    /// Without "Số"; empty leaves the number line out (a summary is usually an unnumbered attachment).
    public var number: String
    public var place: String, date: LocalDate
    /// "BẢNG TỔNG HỢP ĐIỂM THI ĐUA NĂM 2023", and the line under it ("Khối Thi đua các cơ quan Tỉnh ủy").
    public var title: String, summary: String
    /// The section columns' header texts, as many as the scoring table has sections ("I\n(30)"); "\n" breaks.
    public var sectionHeaders: [String]
    public var rows: [Row]
    /// Lines printed under "Ghi chú:" (what each section is, how ties were broken); empty leaves it out.
    public var notes: [String]
    public var signer: DocxSigner

    public init(issuerParent: String, issuerName: String, number: String, place: String, date: LocalDate, title: String,
                summary: String, sectionHeaders: [String], rows: [Row], notes: [String], signer: DocxSigner) {
        self.issuerParent = issuerParent
        self.issuerName = issuerName
        self.number = number
        self.place = place
        self.date = date
        self.title = title
        self.summary = summary
        self.sectionHeaders = sectionHeaders
        self.rows = rows
        self.notes = notes
        self.signer = signer
    }
}

/// Turns `ScoreSummaryData` into the value the score-summary template is filled with
/// (`BuiltInTemplate.scoreSummary`; use `BuiltInTemplate.docx(.scoreSummary, style:, columns: sectionHeaders.count)`
/// for a grid sized to the data).
public enum ScoreSummaryDocument {
    public static func value(_ data: ScoreSummaryData) -> DocxValue {
        var fields = DocxValues.header(issuerParent: data.issuerParent, issuerName: data.issuerName, number: data.number,
                                       place: data.place, date: data.date)
        fields["title"] = .text(data.title)
        fields["summary"] = .text(data.summary)
        fields["heading"] = .object(["sections": .list(data.sectionHeaders.map { .object(["title": .text($0)]) })])
        fields["units"] = .list(data.rows.map { row in
            .object(["rank": .text("\(row.rank)"), "unit": .text(row.unit),
                     "sections": .list(row.sections.map { .object(["score": .text(DocxFormat.points($0))]) }),
                     "base": .text(DocxFormat.points(row.base)), "bonus": .text(DocxFormat.points(row.bonus)),
                     "penalty": .text(DocxFormat.points(row.penalty)), "total": .text(DocxFormat.points(row.total)),
                     "classification": .text(row.classification)])
        })
        fields["notes"] = DocxValues.texts(data.notes)
        fields["signer"] = DocxValues.signer(data.signer)
        return .object(fields)
    }
}

extension ScoreSummaryData {
    /// The 2023 summary of the demo bloc, scored on `ScoringTable.illustrative2023` (5 sections: 30, 25, 15, 15
    /// and 15 points, a 10-point bonus cap). The member list is SCENARIO-2023.md's illustrative one; every score
    /// is invented, and the classification uses illustrative bands (Xuất sắc from 95, Tốt from 85).
    public static let scenario2023: ScoreSummaryData = {
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
