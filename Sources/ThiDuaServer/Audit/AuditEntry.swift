import Fluent
import Foundation

/// One entry of the append-only audit log; `hash` covers the previous entry's hash, so editing
/// or removing any row breaks the chain from there on.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    @ID(key: .id) var id: UUID?
    @Field(key: "seq") var seq: Int
    /// ISO 8601 text rather than a Date, so the hashed value survives any database's time precision.
    @Field(key: "recorded_at") var recordedAt: String
    @Field(key: "actor") var actor: String
    @Field(key: "action") var action: String
    @Field(key: "entity") var entity: String
    @Field(key: "entity_id") var entityID: String
    @OptionalField(key: "before") var before: String?
    @OptionalField(key: "after") var after: String?
    @Field(key: "prev_hash") var prevHash: String
    @Field(key: "hash") var hash: String

    init() {}
}
