import Foundation
import ThiDuaCore
import Vapor

/// A ballot round as the API shows it; never who voted for what.
struct BallotDTO: Content {
    struct Candidate: Content {
        var key: String
        var name: String
    }

    var id: UUID
    var cycleID: UUID
    var parentID: UUID?
    var round: Int
    var kind: BallotKind
    var title: String
    /// 0: pick exactly one; N: approve up to N.
    var maxChoices: Int
    var mode: BallotMode
    var status: BallotStatus
    var quota: Int
    var selfVoteAllowed: Bool
    var candidates: [Candidate]
    var openedAt: String?
    var closedAt: String?
}

struct CreateBallotInput: Content {
    var kind: BallotKind
    var title: String?
    var candidateUnitIDs: [UUID]?
    var maxChoices: Int?
    var mode: BallotMode?
    var quota: Int?
    /// The board's staff member who holds a key of a sealed round; the first of the board's staff when left out.
    var observerUserID: UUID?
}

/// Adds or removes candidates before the round opens; the reason is recorded.
struct CandidateChangeInput: Content {
    var add: [UUID]?
    var remove: [UUID]?
    var reason: String
}

struct VoteInput: Content {
    var choices: [String]
    /// An empty `choices` is a blank vote (phiếu trắng) only when this says so, and only where the rule allows one.
    var blank: Bool?

    init(choices: [String], blank: Bool? = nil) { (self.choices, self.blank) = (choices, blank) }
}

struct VoteReceipt: Content {
    var receipt: String
}

struct PaperCountInput: Content {
    struct Row: Content {
        var unitID: String
        var votes: Int
    }

    var issued: Int
    var cast: Int
    var invalid: Int
    var counts: [Row]
    /// Only to correct a count already entered: why the counting committee's figures changed.
    var correctionReason: String?
}

/// The published result; while the round is open only turnout is filled in.
struct BallotResultDTO: Content {
    struct Count: Content {
        var unitID: String
        var name: String
        var votes: Int
        var share: Decimal
        var passes: Bool
    }

    var status: BallotStatus
    var eligibleVoters: Int
    var ballotsCast: Int
    var valid: Int
    var invalid: Int
    var counts: [Count]
    var outcome: [String]
    var tie: [String]
    var runoffBallotID: UUID?
    var receipts: [String]
}
