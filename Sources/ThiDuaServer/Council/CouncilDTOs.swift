import Foundation
import ThiDuaCore
import Vapor

struct CouncilMemberInput: Content {
    var fullName: String
    var position: String
    var isChair: Bool?
    /// The account the member votes with: an existing user with the `council` role.
    var username: String?
}

struct CouncilMemberDTO: Content {
    var id: UUID
    var fullName: String
    var position: String
    var isChair: Bool
    var username: String?
}

struct CouncilSessionInput: Content {
    var year: Int
    var title: String
    /// RFC 3339, e.g. "2024-01-10T08:00:00+07:00".
    var startsAt: String
    var venue: String
    /// One item per entry.
    var agenda: [String]
}

struct CouncilAttendanceInput: Content {
    var memberID: UUID
    var present: Bool
}

struct CouncilBallotInput: Content {
    /// The award kind's key; its candidates are every bloc's accepted nominees for it in the session's year.
    var award: String
    /// How many may win; every candidate when left out.
    var quota: Int?
    /// How many a paper may choose; the quota when left out.
    var maxChoices: Int?
}

struct CouncilVoteInput: Content {
    /// Nominee ids; empty with `blank` for a blank paper.
    var choices: [UUID]
    var blank: Bool?
}

struct CouncilBallotDTO: Content {
    struct Line: Content {
        var nomineeID: UUID
        var name: String
        var bloc: String
        var votes: Int?
        var passes: Bool?
    }
    var id: UUID
    var award: String
    var title: String
    var status: CouncilBallotStatus
    /// For the page: whether papers are still taken.
    var isOpen: Bool
    var candidates: [Line]
    var maxChoices: Int
    var quota: Int
    var members: Int
    var present: Int
    var voted: Int
    /// Once closed: the winners' names in order, and any tie at the cut-off.
    var outcome: [String]
    var tie: [String]
    var minutesURL: String
    var voteURL: String
}

struct CouncilSessionDTO: Content {
    struct Member: Content {
        var id: UUID
        var fullName: String
        var position: String
        var isChair: Bool
        var present: Bool
        var hasAccount: Bool
    }
    /// An award kind the board can open a ballot for: it has candidates and no ballot yet in this session.
    struct Award: Content {
        var key: String
        var name: String
        var candidates: Int
    }
    var id: UUID
    var year: Int
    var title: String
    var startsAt: String
    var venue: String
    var agenda: [String]
    var members: [Member]
    var present: Int
    var ballots: [CouncilBallotDTO]
    var awards: [Award]
}
