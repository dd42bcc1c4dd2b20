import Foundation
import ThiDuaCore

/// Everything a plan (kế hoạch) for a bloc's year-end review says, in the order the document says it.
/// Texts are complete Vietnamese sentences or phrases as they should print; list markers ("- ", "(1)")
/// and final punctuation of list items are added by the template.
public struct PlanData: Sendable, Equatable, Codable {
    /// One step of the schedule table: who does what, by when ("trước ngày 05/12/2023").
    public struct Step: Sendable, Equatable, Codable {
        public var number: String, who: String, what: String, due: String
        /// The code of the cycle's milestone this step is due by: its `due` is then written from the milestone's
        /// resolved date whenever the plan is read, so a moved milestone moves the plan. Nil for a step with no date.
        public var milestone: String?
        public init(number: String, who: String, what: String, due: String, milestone: String? = nil) {
            self.number = number
            self.who = who
            self.what = what
            self.due = due
            self.milestone = milestone
        }
    }

    /// A group invited to the conference and who attends for it.
    public struct Participant: Sendable, Equatable, Codable {
        public var group: String, members: String
        public init(group: String, members: String) {
            self.group = group
            self.members = members
        }
    }

    /// One numbered agenda item ("(1) …") with optional sub-points printed as "- …".
    public struct AgendaItem: Sendable, Equatable, Codable {
        public var number: String, text: String, notes: [String]
        public init(number: String, text: String, notes: [String] = []) {
            self.number = number
            self.text = text
            self.notes = notes
        }
    }

    /// A part of the agenda ("Phần I") and its items.
    public struct AgendaPart: Sendable, Equatable, Codable {
        public var title: String, items: [AgendaItem]
        public init(title: String, items: [AgendaItem]) {
            self.title = title
            self.items = items
        }
    }

    /// The year-end conference. `date` is worded as it should print ("dự kiến ngày 19/12/2023 (Thứ Ba)"),
    /// since a plan often gives an expected date only; `timeNote` follows it ("Thời gian chính thức sẽ có
    /// giấy mời sau.").
    public struct Conference: Sendable, Equatable, Codable {
        public var form: String, duration: String, date: String, timeNote: String, venue: String
        public var participants: [Participant], agenda: [AgendaPart]
        /// The "maket" (backdrop) line; empty leaves the item out.
        public var backdrop: String
        public init(form: String, duration: String, date: String, timeNote: String = "", venue: String,
                    participants: [Participant], agenda: [AgendaPart], backdrop: String = "") {
            self.form = form
            self.duration = duration
            self.date = date
            self.timeNote = timeNote
            self.venue = venue
            self.participants = participants
            self.agenda = agenda
            self.backdrop = backdrop
        }
    }

    /// What one unit (or group of units) must do; each task prints as its own paragraph.
    public struct Duty: Sendable, Equatable, Codable {
        public var who: String, tasks: [String]
        public init(who: String, tasks: [String]) {
            self.who = who
            self.tasks = tasks
        }
    }

    /// The signature block: authority line ("K/T TRƯỞNG BAN …", empty when the head signs in person;
    /// "\n" breaks it where the original does), position ("PHÓ TRƯỞNG BAN") and name.
    public struct Signer: Sendable, Equatable, Codable {
        public var prefix: String, position: String, name: String
        public init(prefix: String, position: String, name: String) {
            self.prefix = prefix
            self.position = position
            self.name = name
        }
    }

    public var issuerParent: String, issuerName: String
    /// Number and symbol without "Số" ("05-KH/KTĐ"); the template adds "Số " or "Số: " per house style.
    public var number: String
    public var place: String, date: LocalDate
    /// The trích yếu under "KẾ HOẠCH".
    public var summary: String
    /// The bloc as named in headings ("Khối Thi đua các cơ quan Tỉnh ủy").
    public var blocName: String
    public var legalBases: [String]
    /// The paragraph after the legal bases ("Thực hiện …, … xây dựng Kế hoạch … như sau:").
    public var introduction: String
    public var purposes: [String], requirements: [String]
    /// Section II.1: how member units review their own work.
    public var unitReview: String
    public var conference: Conference
    public var duties: [Duty]
    public var steps: [Step]
    /// The closing sentence, ending "./.".
    public var closing: String
    public var signer: Signer
    public var recipients: [String]

    public init(issuerParent: String, issuerName: String, number: String, place: String, date: LocalDate,
                summary: String, blocName: String, legalBases: [String], introduction: String, purposes: [String],
                requirements: [String], unitReview: String, conference: Conference, duties: [Duty], steps: [Step],
                closing: String, signer: Signer, recipients: [String]) {
        self.issuerParent = issuerParent
        self.issuerName = issuerName
        self.number = number
        self.place = place
        self.date = date
        self.summary = summary
        self.blocName = blocName
        self.legalBases = legalBases
        self.introduction = introduction
        self.purposes = purposes
        self.requirements = requirements
        self.unitReview = unitReview
        self.conference = conference
        self.duties = duties
        self.steps = steps
        self.closing = closing
        self.signer = signer
        self.recipients = recipients
    }
}
