import Fluent
import Foundation

/// The plan's content for a cycle (number, legal bases, duties, signer…), as the plan document's data.
final class PlanRecord: Model, @unchecked Sendable {
    static let schema = "plan_data"

    @ID(key: .id) var id: UUID?
    @Field(key: "cycle_id") var cycleID: UUID
    @Field(key: "document") var document: String

    init() {}
}

/// An administrator's replacement for a built-in template; the file lives in the file store.
final class DocumentTemplateRecord: Model, @unchecked Sendable {
    static let schema = "document_templates"

    @ID(key: .id) var id: UUID?
    @Field(key: "kind") var kind: String
    @Field(key: "style") var style: String
    @Field(key: "sha256") var sha256: String
    @Field(key: "uploaded_by") var uploadedBy: String
    @Field(key: "uploaded_at") var uploadedAt: Date

    init() {}
}

/// Every generated document: re-generating after the data changed makes a new record; old files stay.
final class GeneratedDocument: Model, @unchecked Sendable {
    static let schema = "generated_documents"

    @ID(key: .id) var id: UUID?
    @Field(key: "cycle_id") var cycleID: UUID
    @Field(key: "kind") var kind: String
    @Field(key: "number") var number: String
    @Field(key: "sha256") var sha256: String
    /// SHA-256 of the data and the template it was made from.
    @Field(key: "data_hash") var dataHash: String
    @Field(key: "created_at") var createdAt: Date

    init() {}
}

/// The per-bloc number register: a (bloc, year, sequence) is issued once, by a unique index.
final class DocumentNumber: Model, @unchecked Sendable {
    static let schema = "document_numbers"

    @ID(key: .id) var id: UUID?
    @Field(key: "bloc_id") var blocID: UUID
    @Field(key: "year") var year: Int
    @Field(key: "seq") var seq: Int
    @Field(key: "kind") var kind: String

    init() {}
}
