import Fluent
import Foundation
import ThiDuaCore

/// The year-end conference (hội nghị tổng kết) of a cycle.
final class Conference: Model, @unchecked Sendable {
    static let schema = "conferences"

    @ID(key: .id) var id: UUID?
    @Field(key: "cycle_id") var cycleID: UUID
    @Field(key: "starts_at") var startsAt: Date
    @OptionalField(key: "ends_at") var endsAt: Date?
    @Field(key: "venue") var venue: String
    /// `inPerson` or `online`.
    @Field(key: "form") var form: ConferenceForm
    @OptionalField(key: "minutes") var minutes: String?
    @OptionalField(key: "minutes_locked_at") var minutesLockedAt: Date?
    /// `ConferenceOfficers` as JSON; nil until the secretariat records them.
    @OptionalField(key: "officers") var officersJSON: String?
    /// Section IV of the minutes (Kết luận), as the secretariat wrote it; nil prints the model conclusion.
    @OptionalField(key: "conclusion") var conclusion: String?

    init() {}

    var officers: ConferenceOfficers {
        get { officersJSON.flatMap { try? JSONDecoder().decode(ConferenceOfficers.self, from: Data($0.utf8)) } ?? .none }
        set { officersJSON = newValue == .none ? nil : AuditLog.json(newValue) }
    }
}

/// An invited group (thành phần) and its people, one per line.
final class ParticipantGroup: Model, @unchecked Sendable {
    static let schema = "participant_groups"

    @ID(key: .id) var id: UUID?
    @Field(key: "conference_id") var conferenceID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "name") var name: String
    @Field(key: "members") var members: String

    init() {}
}

/// A numbered agenda item (chương trình) within a part ("Phần I"), linked where it fits.
final class AgendaItem: Model, @unchecked Sendable {
    static let schema = "agenda_items"

    @ID(key: .id) var id: UUID?
    @Field(key: "conference_id") var conferenceID: UUID
    @Field(key: "part") var part: String
    @Field(key: "number") var number: Int
    @Field(key: "text") var text: String
    /// `scores`, `ballot`, `decisions`, or nil.
    @OptionalField(key: "link") var link: AgendaLink?
    @OptionalField(key: "ballot_kind") var ballotKind: BallotKind?
    @OptionalField(key: "outcome") var outcome: String?

    init() {}
}

/// Check-in of a member unit at the conference; quorum follows from it.
final class Attendance: Model, @unchecked Sendable {
    static let schema = "attendance"

    @ID(key: .id) var id: UUID?
    @Field(key: "conference_id") var conferenceID: UUID
    @Field(key: "unit_id") var unitID: UUID
    @Field(key: "present") var present: Bool
    @OptionalField(key: "representative") var representative: String?
    @Field(key: "checked_in_at") var checkedInAt: Date

    init() {}
}
