import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// A blank's saved calibration: `ThiDuaCore.CertificateLayout` as JSON.
final class CertificateLayoutRecord: Model, @unchecked Sendable {
    static let schema = "certificate_layouts"

    @ID(key: .id) var id: UUID?
    /// The province that prints on this blank with this printer (`BoardScope.province`).
    @Field(key: "province") var province: String
    @Field(key: "blank") var blank: String
    @Field(key: "document") var document: String
    @Field(key: "updated_at") var updatedAt: Date
    @Field(key: "updated_by") var updatedBy: String

    init() {}
}

/// One award that can be printed: who, what, by which decision, and where its certificate is.
struct CertificateRecipientDTO: Content {
    var awardID: UUID
    var year: Int
    var award: String
    var awardName: String
    var recipient: String
    var detail: String
    var bloc: String
    /// Where the certificate is dated: the bloc's place.
    var place: String
    var decisionNumber: String
    var decisionDate: String
    /// The blank it is printed on unless another is chosen.
    var blank: CertificateBlank
    var url: String
    var webURL: String
}

/// A blank's calibration as the API reads and writes it, with when and by whom it was last saved.
struct CertificateLayoutDTO: Content {
    var layout: CertificateLayout
    var saved: Bool
    var updatedAt: String?
    var updatedBy: String?
    var testPageURL: String
}
