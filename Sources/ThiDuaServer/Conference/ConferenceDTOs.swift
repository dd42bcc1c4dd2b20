import Foundation
import ThiDuaCore
import Vapor

/// The conference as the API shows it.
struct ConferenceDTO: Content {
    var cycleID: UUID
    var startsAt: String
    var endsAt: String?
    var venue: String
    var form: String
    var participants: [ParticipantGroupDTO]
    var agenda: [AgendaItemDTO]
    var minutes: String?
    var minutesLocked: Bool
}

struct ParticipantGroupDTO: Content {
    var name: String
    var members: String
}

struct AgendaItemDTO: Content {
    var part: String
    var number: Int
    var text: String
    var link: AgendaLink?
    /// For `ballot` items: which ballot kind the item decides.
    var ballotKind: BallotKind?
    var outcome: String?
}

/// The whole set-up, replaced at once: the secretariat edits it as one form.
struct ConferenceInput: Content {
    var startsAt: String
    var endsAt: String?
    var venue: String
    var form: ConferenceForm?
    var participants: [ParticipantGroupDTO]?
    var agenda: [AgendaItemDTO]?
}

struct AttendanceInput: Content {
    var unitID: UUID
    var present: Bool
    var representative: String?
}

/// Who is present, and whether that makes a quorum.
struct AttendanceDTO: Content {
    struct Row: Content {
        var unitID: UUID
        var unitName: String
        var present: Bool
        var representative: String?
        var checkedInAt: String?
    }

    var members: Int
    var present: Int
    /// More than half of the members present.
    var quorum: Bool
    var units: [Row]
}
