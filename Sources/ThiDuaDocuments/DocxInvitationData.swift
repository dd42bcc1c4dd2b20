import Foundation
import ThiDuaCore

/// An invitation (giấy mời) to the bloc's conference. Texts print as given; the template adds the labels
/// ("Thời gian: ", "Địa điểm: "…) and the full stops after the time, venue and form.
public struct InvitationData: Sendable, Equatable, Codable {
    /// The conference invited to.
    public struct Conference: Sendable, Equatable, Codable {
        /// Printed after "Tới dự " ("Hội nghị tổng kết phong trào thi đua … năm 2023 của Khối …").
        public var purpose: String
        /// In words, e.g. "08 giờ 00, thứ Ba, ngày 19 tháng 12 năm 2023" (`DocxFormat.time`).
        public var time: String
        public var venue: String
        /// "Tổ chức trực tiếp", "Trực tuyến kết hợp trực tiếp"…
        public var form: String
        public init(purpose: String, time: String, venue: String, form: String) {
            self.purpose = purpose
            self.time = time
            self.venue = venue
            self.form = form
        }
    }

    public var issuerParent: String, issuerName: String
    /// Without "Số" ("03-GM/KTĐ"); the template adds "Số " or "Số: " per house style.
    public var number: String
    public var place: String, date: LocalDate
    /// The trích yếu under "GIẤY MỜI".
    public var summary: String
    /// Who invites, before "trân trọng kính mời:" ("Khối Thi đua các cơ quan Tỉnh ủy").
    public var host: String
    /// Who is invited; "\n" starts a new line.
    public var invitees: String
    public var conference: Conference
    /// The agenda in short, one line each (printed "+ …").
    public var agenda: [String]
    /// Whom to contact or what to send beforehand; empty leaves the paragraph out.
    public var contact: String
    /// The closing sentence, ending "./.".
    public var closing: String
    public var signer: DocxSigner
    public var recipients: [String]

    public init(issuerParent: String, issuerName: String, number: String, place: String, date: LocalDate,
                summary: String, host: String, invitees: String, conference: Conference, agenda: [String],
                contact: String, closing: String, signer: DocxSigner, recipients: [String]) {
        self.issuerParent = issuerParent
        self.issuerName = issuerName
        self.number = number
        self.place = place
        self.date = date
        self.summary = summary
        self.host = host
        self.invitees = invitees
        self.conference = conference
        self.agenda = agenda
        self.contact = contact
        self.closing = closing
        self.signer = signer
        self.recipients = recipients
    }
}

/// Turns `InvitationData` into the value the invitation template is filled with (`BuiltInTemplate.invitation`).
public enum InvitationDocument {
    public static func value(_ data: InvitationData) -> DocxValue {
        var fields = DocxValues.header(issuerParent: data.issuerParent, issuerName: data.issuerName, number: data.number,
                                       place: data.place, date: data.date)
        fields["summary"] = .text(data.summary)
        fields["host"] = .text(data.host)
        fields["invitees"] = DocxValues.paragraphs(data.invitees)
        fields["conference"] = .object([
            "purpose": DocxValues.phrase(data.conference.purpose), "time": DocxValues.phrase(data.conference.time),
            "venue": DocxValues.phrase(data.conference.venue), "form": DocxValues.phrase(data.conference.form),
        ])
        fields["agenda"] = DocxValues.texts(data.agenda)
        fields["contact"] = .text(data.contact)
        fields["closing"] = .text(data.closing)
        fields["signer"] = DocxValues.signer(data.signer)
        fields["recipients"] = DocxValues.recipients(data.recipients)
        return .object(fields)
    }
}

extension InvitationData {
    /// The invitation to the 2023 year-end conference of SCENARIO-2023.md (19/12/2023, in person). The plan
    /// leaves the hour to the invitation: 08:00, as in the demo. Illustrative, not in the seed: the number
    /// 03-GM/KTĐ, the date 12/12/2023, the contact person (an invented name) and the example.org address.
    public static let scenario2023 = InvitationData(
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
