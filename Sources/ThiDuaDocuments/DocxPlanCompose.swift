import Foundation
import ThiDuaCore

/// The facts a bloc's plan for its year-end review states, every one from the cycle's data.
public struct PlanFacts: Sendable, Equatable {
    public struct Milestone: Sendable, Equatable {
        public var code: String, title: String, date: LocalDate
        public init(code: String, title: String, date: LocalDate) { (self.code, self.title, self.date) = (code, title, date) }
    }

    public var issuerParent: String, issuerName: String, blocName: String, place: String
    public var number: String, date: LocalDate, year: Int
    public var legalBases: [String]
    public var headUnit: String, deputyUnit: String
    public var milestones: [Milestone]
    /// The conference as recorded, if it is: its day, venue, whether online, guests and agenda.
    public var conferenceDate: LocalDate?, venue: String?, online: Bool
    public var participants: [PlanData.Participant], agenda: [PlanData.AgendaPart]

    public init(issuerParent: String, issuerName: String, blocName: String, place: String, number: String, date: LocalDate,
                year: Int, legalBases: [String], headUnit: String, deputyUnit: String, milestones: [Milestone],
                conferenceDate: LocalDate?, venue: String?, online: Bool, participants: [PlanData.Participant],
                agenda: [PlanData.AgendaPart]) {
        (self.issuerParent, self.issuerName, self.blocName, self.place) = (issuerParent, issuerName, blocName, place)
        (self.number, self.date, self.year, self.legalBases) = (number, date, year, legalBases)
        (self.headUnit, self.deputyUnit, self.milestones) = (headUnit, deputyUnit, milestones)
        (self.conferenceDate, self.venue, self.online) = (conferenceDate, venue, online)
        (self.participants, self.agenda) = (participants, agenda)
    }
}

extension PlanData {
    /// A first plan for the secretariat to edit: the model sentences of a bloc's plan, with the bloc, its units, the
    /// year, the rule set's legal bases and the milestones' dates put in. Nothing from another bloc or year.
    public static func compose(_ f: PlanFacts) -> PlanData {
        let year = String(f.year), bloc = f.blocName
        func weekdayDate(_ d: LocalDate) -> String {
            let w = VietnameseDate.weekday(d)
            return "\(VietnameseDate.short(d)) (\(w.prefix(1).uppercased() + w.dropFirst()))"
        }
        let conferenceDate = f.conferenceDate ?? f.milestones.first { $0.code == "CONFERENCE" }?.date
        return PlanData(
            issuerParent: f.issuerParent, issuerName: f.issuerName, number: f.number, place: f.place, date: f.date,
            summary: "Tổng kết phong trào thi đua, công tác khen thưởng năm \(year) của \(bloc)", blocName: bloc,
            legalBases: f.legalBases.map { $0.hasPrefix("Căn cứ") ? $0 : "Căn cứ " + $0 },
            introduction: "\(f.headUnit) (đơn vị Trưởng \(bloc) năm \(year)) xây dựng Kế hoạch tổng kết phong trào thi đua, "
                + "công tác khen thưởng năm \(year) của \(bloc) như sau:",
            purposes: ["Đánh giá tình hình, kết quả hoạt động của \(bloc) năm \(year); đề ra phương hướng, nhiệm vụ, giải pháp "
                       + "trong năm \(f.year + 1).",
                       "Biểu dương, khen thưởng kịp thời những tập thể, cá nhân có thành tích xuất sắc trong các phong trào thi đua "
                       + "năm \(year)."],
            requirements: ["Việc tổng kết phong trào thi đua, công tác khen thưởng của các cơ quan, đơn vị và \(bloc) đảm bảo "
                           + "thực hiện theo đúng quy định."],
            unitReview: "Các cơ quan, đơn vị thành viên \(bloc) thực hiện tổng kết phong trào thi đua, công tác khen thưởng năm "
                + "\(year) của cơ quan, đơn vị.",
            conference: Conference(
                form: f.online ? "Tổ chức Hội nghị trực tuyến." : "Tổ chức Hội nghị trực tiếp.", duration: "",
                date: conferenceDate.map { "dự kiến ngày " + weekdayDate($0) } ?? "", timeNote: "Thời gian chính thức sẽ có giấy mời sau.",
                venue: f.venue ?? "", participants: f.participants, agenda: f.agenda),
            duties: [
                Duty(who: "\(f.headUnit) (Trưởng Khối)", tasks: [
                    "- Chuẩn bị nội dung, chương trình, tài liệu và các điều kiện cần thiết để tổ chức hội nghị tổng kết phong trào "
                        + "thi đua, công tác khen thưởng năm \(year) của \(bloc).",
                    "- Tổng hợp hồ sơ, trình khen thưởng cho các cơ quan, đơn vị được Khối suy tôn theo tiến độ tại Kế hoạch này.",
                ]),
                Duty(who: "Các cơ quan, đơn vị thành viên", tasks: ["- Thực hiện các nội dung theo đúng tiến độ tại Kế hoạch này."]),
            ],
            steps: f.milestones.enumerated().map { i, m in
                Step(number: String(i + 1), who: "Các cơ quan, đơn vị thành viên", what: m.title,
                     due: m.code == "CONFERENCE" ? "Ngày " + weekdayDate(m.date) : "Trước ngày " + VietnameseDate.short(m.date),
                     milestone: m.code)
            },
            closing: "Trên đây là Kế hoạch tổng kết phong trào thi đua, công tác khen thưởng năm \(year) của \(bloc). Đề nghị các "
                + "cơ quan, đơn vị trong \(bloc) phối hợp thực hiện Kế hoạch này./.",
            signer: Signer(prefix: "TRƯỞNG KHỐI THI ĐUA", position: f.headUnit.uppercased(), name: ""),
            recipients: ["Ban Thi đua - Khen thưởng tỉnh", "\(f.deputyUnit) (Phó Trưởng Khối)", "Các cơ quan, đơn vị thành viên Khối",
                         "Lưu \(f.headUnit)"])
    }
}
