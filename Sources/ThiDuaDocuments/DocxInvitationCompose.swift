import Foundation
import ThiDuaCore

/// The facts an invitation states, every one from the cycle's data.
public struct InvitationFacts: Sendable, Equatable {
    public var issuerParent: String, issuerName: String, blocName: String, place: String
    public var number: String, date: LocalDate, year: Int
    /// The time in words ("<hh> giờ <mm>, thứ <x>, ngày <d> tháng <m> năm <yyyy>"), the venue, and whether it meets online.
    public var time: String, venue: String, online: Bool
    /// The conference's invited groups ("Group: members") and agenda lines; empty when not recorded yet.
    public var invitees: [String], agenda: [String]
    /// The head unit, which hosts, and the secretariat's contact for invitees, each part when recorded.
    public var headUnit: String, contact: Contact
    public var signer: DocxSigner

    /// Whom invitees call or write to: a person ("Nguyễn Thị A, chuyên viên …"), a telephone and an e-mail.
    public struct Contact: Sendable, Equatable {
        public var person: String?, phone: String?, email: String?
        public init(person: String? = nil, phone: String? = nil, email: String? = nil) {
            (self.person, self.phone, self.email) = (person, phone, email)
        }

        /// "Liên hệ: đồng chí <person>, điện thoại: <phone>, thư điện tử: <email>.", with the head unit standing in
        /// for an unrecorded person, so the line never promises a part it does not have.
        func line(headUnit: String) -> String {
            let who = person.map { "đồng chí \($0)" } ?? headUnit
            let parts = [who.isEmpty ? nil : who, phone.map { "điện thoại: \($0)" }, email.map { "thư điện tử: \($0)" }]
            let text = parts.compactMap { $0 }.joined(separator: ", ")
            return text.isEmpty ? "" : "Liên hệ: \(text)."
        }
    }

    public init(issuerParent: String, issuerName: String, blocName: String, place: String, number: String, date: LocalDate,
                year: Int, time: String, venue: String, online: Bool, invitees: [String], agenda: [String], headUnit: String,
                signer: DocxSigner, contact: Contact) {
        (self.issuerParent, self.issuerName, self.blocName, self.place) = (issuerParent, issuerName, blocName, place)
        (self.number, self.date, self.year, self.time, self.venue, self.online) = (number, date, year, time, venue, online)
        (self.invitees, self.agenda, self.headUnit, self.contact, self.signer) = (invitees, agenda, headUnit, contact, signer)
    }
}

extension InvitationData {
    /// The invitation as the head unit writes it, from the conference as recorded: nothing from another year.
    public static func compose(_ f: InvitationFacts) -> InvitationData {
        let meeting = "Hội nghị tổng kết phong trào thi đua, công tác khen thưởng năm \(f.year) của \(f.blocName)"
        let invitees = f.invitees.isEmpty
            ? ["Lãnh đạo, cán bộ phụ trách thi đua, khen thưởng của các cơ quan, đơn vị thành viên Khối"] : f.invitees
        return InvitationData(
            issuerParent: f.issuerParent, issuerName: f.issuerName, number: f.number, place: f.place, date: f.date,
            summary: "dự " + meeting, host: f.blocName,
            invitees: invitees.map { "- \($0);" }.joined(separator: "\n").dropLast() + ".",
            conference: Conference(purpose: meeting, time: f.time, venue: f.venue,
                                   form: f.online ? "Tổ chức Hội nghị trực tuyến" : "Tổ chức Hội nghị trực tiếp"),
            agenda: f.agenda,
            contact: f.contact.line(headUnit: f.headUnit),
            closing: "Rất mong các đồng chí đến dự đúng thời gian để Hội nghị đạt kết quả tốt./.",
            signer: f.signer, recipients: ["Như thành phần mời", "Lãnh đạo \(f.headUnit)", "Lưu \(f.headUnit)"])
    }
}
