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
    var officers: ConferenceOfficers
}

/// A person who runs part of the conference, as the minutes print them.
struct ConferenceOfficer: Content, Equatable {
    var name: String
    /// Position and unit ("Chánh Văn phòng, Văn phòng Tỉnh ủy"); a client may leave it out.
    var position: String

    init(name: String, position: String) { (self.name, self.position) = (name, position) }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        position = try c.decodeIfPresent(String.self, forKey: .position) ?? ""
    }
}

/// Who chairs the conference, keeps its minutes and counts its votes (Ban Kiểm phiếu, its head first). Names not
/// recorded are left as lines to sign by hand in the documents.
struct ConferenceOfficers: Content, Equatable {
    var chair: ConferenceOfficer?
    var secretary: ConferenceOfficer?
    var countingCommittee: [ConferenceOfficer]

    static let none = ConferenceOfficers(chair: nil, secretary: nil, countingCommittee: [])

    init(chair: ConferenceOfficer?, secretary: ConferenceOfficer?, countingCommittee: [ConferenceOfficer]) {
        (self.chair, self.secretary, self.countingCommittee) = (chair, secretary, countingCommittee)
    }

    // A client may leave out the committee: none is recorded.
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        chair = try c.decodeIfPresent(ConferenceOfficer.self, forKey: .chair)
        secretary = try c.decodeIfPresent(ConferenceOfficer.self, forKey: .secretary)
        countingCommittee = try c.decodeIfPresent([ConferenceOfficer].self, forKey: .countingCommittee) ?? []
    }
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
    /// Left out, the officers already recorded stay.
    var officers: ConferenceOfficers?
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
