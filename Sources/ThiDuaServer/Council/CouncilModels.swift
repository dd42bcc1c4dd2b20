import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// A member of the provincial council: a person; `userID` is the account they vote with, when they have one.
final class CouncilMember: Model, @unchecked Sendable {
    static let schema = "council_members"
    @ID(key: .id) var id: UUID?
    @Field(key: "full_name") var fullName: String
    @Field(key: "position") var position: String
    @Field(key: "is_chair") var isChair: Bool
    @OptionalField(key: "user_id") var userID: UUID?
    @Field(key: "created_at") var createdAt: Date
    /// The province whose council it is (`BoardScope.province`; "" is a server's one province).
    @Field(key: "province") var province: String
    init() {}
}

/// One session of the council, in a year: its agenda (one item per line), where and when.
final class CouncilSession: Model, @unchecked Sendable {
    static let schema = "council_sessions"
    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "title") var title: String
    @Field(key: "starts_at") var startsAt: Date
    @Field(key: "venue") var venue: String
    @Field(key: "agenda") var agenda: String
    @Field(key: "created_at") var createdAt: Date
    /// The province whose council meets (`BoardScope.province`).
    @Field(key: "province") var province: String
    init() {}
}

final class CouncilAttendance: Model, @unchecked Sendable {
    static let schema = "council_attendance"
    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: UUID
    @Field(key: "member_id") var memberID: UUID
    @Field(key: "present") var present: Bool
    init() {}
}

/// The council's vote on one award kind's candidates (every bloc's accepted nominees for it), by the members present
/// when it opened, counted by the blocs' own rules (`ThiDuaCore.Tally`).
final class CouncilBallot: Model, @unchecked Sendable {
    static let schema = "council_ballots"
    @ID(key: .id) var id: UUID?
    @Field(key: "session_id") var sessionID: UUID
    @Field(key: "award") var award: String
    @Field(key: "title") var title: String
    /// `[CouncilCandidate]` as JSON, in the order they are shown.
    @Field(key: "candidates") var candidates: String
    @Field(key: "max_choices") var maxChoices: Int
    @Field(key: "quota") var quota: Int
    /// `VoteThreshold` as JSON, from the rule set in force when it opened.
    @Field(key: "threshold") var threshold: String
    @Field(key: "status") var status: CouncilBallotStatus
    /// The council's size and the members present when it opened: the threshold's bases.
    @Field(key: "members") var members: Int
    @Field(key: "present") var present: Int
    /// `TallyResult` as JSON once closed.
    @OptionalField(key: "result") var result: String?
    @Field(key: "opened_at") var openedAt: Date
    @OptionalField(key: "closed_at") var closedAt: Date?
    init() {}

    var isOpen: Bool { status == .open }
}

/// A council ballot is open for papers, then closed and counted, once.
enum CouncilBallotStatus: String, Codable, Sendable {
    case open, closed
}

/// That a member voted in a ballot (the unique pair refuses a second vote); it says nothing of the choice.
final class CouncilParticipation: Model, @unchecked Sendable {
    static let schema = "council_participation"
    @ID(key: .id) var id: UUID?
    @Field(key: "ballot_id") var ballotID: UUID
    @Field(key: "member_id") var memberID: UUID
    init() {}
}

/// A paper: the nominee ids chosen, and nothing that names who chose them.
final class CouncilPaper: Model, @unchecked Sendable {
    static let schema = "council_papers"
    @ID(key: .id) var id: UUID?
    @Field(key: "ballot_id") var ballotID: UUID
    @Field(key: "choices") var choices: String
    init() {}
}

/// A candidate of a council ballot: a bloc's accepted nominee.
struct CouncilCandidate: Content, Equatable {
    var nomineeID: UUID
    var name: String
    var bloc: String
}
