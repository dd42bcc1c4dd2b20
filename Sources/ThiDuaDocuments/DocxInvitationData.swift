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
