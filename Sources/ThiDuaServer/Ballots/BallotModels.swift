import Fluent
import Foundation
import ThiDuaCore

/// A ballot round of the conference. A run-off is a new round with `parentID` set.
final class Ballot: Model, @unchecked Sendable {
    static let schema = "ballots"

    @ID(key: .id) var id: UUID?
    @Field(key: "cycle_id") var cycleID: UUID
    @OptionalField(key: "parent_id") var parentID: UUID?
    @Field(key: "round") var round: Int
    @Field(key: "kind") var kind: BallotKind
    @Field(key: "title") var title: String
    /// 0 means "exactly one"; N > 0 means "approve up to N".
    @Field(key: "max_choices") var maxChoices: Int
    @Field(key: "mode") var mode: BallotMode
    @Field(key: "status") var status: BallotStatus
    @Field(key: "quota") var quota: Int
    /// The rule set's threshold at creation, as JSON, so a later rule change cannot rewrite a past count.
    @Field(key: "threshold") var threshold: String
    @Field(key: "self_vote_allowed") var selfVoteAllowed: Bool
    @OptionalField(key: "opened_at") var openedAt: Date?
    @OptionalField(key: "closed_at") var closedAt: Date?
    /// The counted `TallyResult` as JSON, once closed.
    @OptionalField(key: "result") var result: String?
    @OptionalField(key: "paper_count") var paperCount: String?
    /// Sealed: every paper is stored encrypted and only the totals are decrypted, by the trustees (docs/sealed-ballot.md).
    @Field(key: "sealed") var sealed: Bool
    @OptionalField(key: "trustee_threshold") var trusteeThreshold: Int?
    /// The election key (a point, hex), once every trustee has taken part in the ceremony.
    @OptionalField(key: "public_key") var publicKey: String?
    /// The least choices of a valid paper: 0 when a blank vote is allowed, else 1.
    @OptionalField(key: "min_choices") var minChoices: Int?

    init() { sealed = false }
}

/// A candidate of a ballot: a unit ID, or `yes`/`no` for a motion.
final class BallotCandidate: Model, @unchecked Sendable {
    static let schema = "ballot_candidates"

    @ID(key: .id) var id: UUID?
    @Field(key: "ballot_id") var ballotID: UUID
    @Field(key: "candidate") var candidate: String
    @Field(key: "position") var position: Int
    @OptionalField(key: "reason") var reason: String?

    init() {}
}

/// "Who voted": one row per unit per round. No time, no link to the ballot paper.
final class BallotParticipation: Model, @unchecked Sendable {
    static let schema = "ballot_participation"

    @ID(key: .id) var id: UUID?
    @Field(key: "ballot_id") var ballotID: UUID
    @Field(key: "unit_id") var unitID: UUID

    init() {}
}

/// "What was voted": the choices and the voter's receipt. No time, no voter; its random ID orders nothing.
final class BallotPaper: Model, @unchecked Sendable {
    static let schema = "ballot_papers"

    @ID(key: .id) var id: UUID?
    @Field(key: "ballot_id") var ballotID: UUID
    /// Candidate keys, sorted and comma-separated; empty for a blank ballot.
    @Field(key: "choices") var choices: String
    @Field(key: "receipt") var receipt: String
    /// A sealed round's paper, `SealedRecord.Paper` as JSON; `choices` is then empty.
    @OptionalField(key: "sealed") var sealed: String?

    init() {}
}
