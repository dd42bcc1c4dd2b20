import Foundation
import ThiDuaCore

/// The minutes (biên bản) of the bloc's conference: when and where, who chaired and who took the minutes,
/// attendance unit by unit, the secretariat's text of the proceedings, the ballot results and the closing time.
public struct MinutesData: Sendable, Equatable, Codable {
    /// A named person and what they are ("Phó Trưởng Ban Nội chính Tỉnh ủy").
    public struct Person: Sendable, Equatable, Codable {
        public var name: String, position: String
        public init(name: String, position: String) {
            self.name = name
            self.position = position
        }
    }

    /// One member unit at the conference: who represented it, or that it was absent (`note`: why, if known).
    public struct UnitAttendance: Sendable, Equatable, Codable {
        public var unit: String, representative: String, present: Bool, note: String
        public init(unit: String, representative: String, present: Bool, note: String = "") {
            self.unit = unit
            self.representative = representative
            self.present = present
            self.note = note
        }
    }

    /// One ballot held at the conference and its result.
    public struct Ballot: Sendable, Equatable, Codable {
        public var title: String
        public var cast: Int, valid: Int, invalid: Int
        /// In the order the count gives (votes descending).
        public var candidates: [CandidateVotes]
        /// The result in words ("Ban Nội chính Tỉnh ủy và Ban Tổ chức Tỉnh ủy được suy tôn …").
        public var outcome: String
        public init(title: String, cast: Int, valid: Int, invalid: Int, candidates: [CandidateVotes], outcome: String) {
            self.title = title
            self.cast = cast
            self.valid = valid
            self.invalid = invalid
            self.candidates = candidates
            self.outcome = outcome
        }
    }

    public var issuerParent: String, issuerName: String
    /// Without "Số" ("01-BB/KTĐ").
    public var number: String
    public var place: String, date: LocalDate
    /// The trích yếu under "BIÊN BẢN" ("Hội nghị tổng kết phong trào thi đua …").
    public var summary: String
    /// The start in words ("08 giờ 00, thứ Ba, ngày 19 tháng 12 năm 2023") and the venue.
    public var time: String, venue: String
    public var chair: Person, secretary: Person
    /// Guests other than the member units, one line each ("Đại diện lãnh đạo Ban Thi đua - Khen thưởng tỉnh").
    public var guests: [String]
    /// Member units present, of all members ("9/9").
    public var membersPresent: Int, members: Int
    /// One row per member unit.
    public var attendance: [UnitAttendance]
    /// The proceedings as the secretariat edited them: "\n"-separated paragraphs; blank lines are dropped.
    public var body: String
    public var ballots: [Ballot]
    /// "11 giờ 30", printed in "Hội nghị kết thúc vào hồi … cùng ngày".
    public var closingTime: String
    /// Section IV (Kết luận): "\n"-separated paragraphs.
    public var conclusion: String

    public init(issuerParent: String, issuerName: String, number: String, place: String, date: LocalDate,
                summary: String, time: String, venue: String, chair: Person, secretary: Person, guests: [String],
                membersPresent: Int, members: Int, attendance: [UnitAttendance], body: String, ballots: [Ballot],
                closingTime: String, conclusion: String = "") {
        self.issuerParent = issuerParent
        self.issuerName = issuerName
        self.number = number
        self.place = place
        self.date = date
        self.summary = summary
        self.time = time
        self.venue = venue
        self.chair = chair
        self.secretary = secretary
        self.guests = guests
        self.membersPresent = membersPresent
        self.members = members
        self.attendance = attendance
        self.body = body
        self.ballots = ballots
        self.closingTime = closingTime
        self.conclusion = conclusion.isEmpty ? Self.modelConclusion : conclusion
    }

    /// What a conference concludes when the secretariat writes nothing else: no bloc, year or name in it.
    public static let modelConclusion = "Hội nghị thống nhất kết quả chấm điểm thi đua và kết quả bỏ phiếu nêu trên; "
        + "giao đơn vị Trưởng Khối hoàn thiện hồ sơ, trình cấp có thẩm quyền xem xét, khen thưởng theo quy định."
}

/// Turns `MinutesData` into the value the minutes template is filled with (`BuiltInTemplate.minutes`).
public enum MinutesDocument {
    public static func value(_ data: MinutesData) -> DocxValue {
        var fields = DocxValues.header(issuerParent: data.issuerParent, issuerName: data.issuerName, number: data.number,
                                       place: data.place, date: data.date)
        fields["summary"] = .text(data.summary)
        fields["time"] = DocxValues.phrase(data.time)
        fields["venue"] = DocxValues.phrase(data.venue)
        fields["chair"] = person(data.chair)
        fields["secretary"] = person(data.secretary)
        fields["guests"] = DocxValues.texts(data.guests.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " ;.")) })
        fields["attendance"] = .object([
            "present": .text("\(data.membersPresent)"), "members": .text("\(data.members)"),
            "units": .list(data.attendance.enumerated().map { index, unit in
                .object(["number": .text("\(index + 1)"), "unit": .text(unit.unit),
                         "representative": .text(unit.representative),
                         "status": .text((unit.present ? "Có mặt" : "Vắng mặt") + (unit.note.isEmpty ? "" : " (\(unit.note))"))])
            }),
        ])
        fields["body"] = DocxValues.paragraphs(data.body)
        fields["ballots"] = .list(data.ballots.map { ballot in
            .object(["title": .text(ballot.title), "cast": .text("\(ballot.cast)"), "valid": .text("\(ballot.valid)"),
                     "invalid": .text("\(ballot.invalid)"), "candidates": DocxValues.candidates(ballot.candidates),
                     "outcome": .text(ballot.outcome)])
        })
        fields["closingTime"] = DocxValues.phrase(data.closingTime)
        fields["conclusion"] = DocxValues.paragraphs(data.conclusion)
        return .object(fields)
    }

    static func person(_ person: MinutesData.Person) -> DocxValue {
        .object(["name": .text(person.name), "position": .text(person.position)])
    }
}
