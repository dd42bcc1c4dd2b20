import Fluent
import Foundation
import ThiDuaCore

/// A seat of a sealed round's trustees (docs/sealed-ballot.md). The seat belongs to a unit, or to one person of the
/// provincial board; whoever of them posts the key holds it, and only that person posts the rest, since the key's
/// secret stays on their device. The posted parts are public: commitments, transport key, proofs, encrypted shares
/// and partial decryptions.
final class BallotTrustee: Model, @unchecked Sendable {
    static let schema = "ballot_trustees"

    @ID(key: .id) var id: UUID?
    @Field(key: "ballot_id") var ballotID: UUID
    /// The trustee's number in the ceremony, 1…N.
    @Field(key: "number") var number: Int
    @Field(key: "seat") var seat: TrusteeSeat
    @OptionalField(key: "unit_id") var unitID: UUID?
    @OptionalField(key: "user_id") var userID: UUID?
    /// How the seat is named on the trustees' board, set at appointment.
    @Field(key: "name") var name: String
    /// The person who posted the key: only they may post the shares and the decryption.
    @OptionalField(key: "holder_user_id") var holderUserID: UUID?
    @OptionalField(key: "holder_name") var holderName: String?
    /// `SealedRecord.Trustee` as JSON, without shares, once the key is posted.
    @OptionalField(key: "key") var key: String?
    /// `[SealedRecord.Share]` as JSON.
    @OptionalField(key: "shares") var shares: String?
    /// `[SealedRecord.DecryptionShare]` as JSON, in candidate order.
    @OptionalField(key: "decryption") var decryption: String?

    init() {}
}
