import Fluent
import Foundation
import ThiDuaDocuments

/// What a generated document is: its template and, for a count's minutes, the round it counts. Stored as before in
/// one text column ("plan", "count-minutes:<ballot ID>"); a stored value that names no template fails to load.
struct DocumentRecordKind: Codable, Hashable, Sendable {
    var template: BuiltInTemplate
    var ballotID: UUID?

    init(_ template: BuiltInTemplate, ballotID: UUID? = nil) {
        self.template = template
        self.ballotID = ballotID
    }

    init?(stored: String) {
        let parts = stored.split(separator: ":", maxSplits: 1).map(String.init)
        guard let template = parts.first.flatMap(BuiltInTemplate.init(rawValue:)) else { return nil }
        if parts.count == 2 {
            guard let ballotID = UUID(uuidString: parts[1]) else { return nil }
            self.init(template, ballotID: ballotID)
        } else {
            self.init(template)
        }
    }

    var stored: String { template.rawValue + (ballotID.map { ":" + $0.uuidString } ?? "") }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let kind = DocumentRecordKind(stored: raw) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a document kind: \(raw)")
        }
        self = kind
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(stored)
    }
}

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
    @Field(key: "kind") var kind: BuiltInTemplate
    @Field(key: "style") var style: ThiDuaDocuments.HouseStyle
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
    @Field(key: "kind") var kind: DocumentRecordKind
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
    /// The record kind the number was issued for ("proposal", "count-minutes:<ballot ID>").
    @Field(key: "kind") var kind: DocumentRecordKind

    init() {}
}
