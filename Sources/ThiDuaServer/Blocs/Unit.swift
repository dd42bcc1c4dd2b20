import Fluent
import Foundation
import ThiDuaCore

/// A member agency (cơ quan, đơn vị). It belongs to blocs year by year through `Membership`.
final class Unit: Model, @unchecked Sendable {
    static let schema = "units"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "short_name") var shortName: String
    @OptionalField(key: "contact_email") var contactEmail: String?

    init() {}

    init(id: UUID? = nil, name: String, shortName: String, contactEmail: String? = nil) {
        self.id = id
        self.name = name
        self.shortName = shortName
        self.contactEmail = contactEmail
    }
}

/// How a bloc's official documents are laid out.
enum HouseStyle: String, LabelledValue {
    case party, state

    static let labelPrefix = "style_"
}

/// An emulation bloc (khối thi đua).
final class Bloc: Model, @unchecked Sendable {
    static let schema = "blocs"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "issuer") var issuer: String
    @Field(key: "house_style") var houseStyle: HouseStyle
    /// Where its documents are dated: the place in the place-date line ("<place>, ngày <d> tháng <m> năm <yyyy>").
    @OptionalField(key: "place") var place: String?
    /// The abbreviation its document numbers end with ("KTĐ" in "05-KH/KTĐ"); "KTĐ" (khối thi đua) when not set.
    @OptionalField(key: "symbol") var symbol: String?
    /// The secretariat's contact for invitees: a person, a telephone and an e-mail, each optional.
    @OptionalField(key: "contact_name") var contactName: String?
    @OptionalField(key: "contact_phone") var contactPhone: String?
    @OptionalField(key: "contact_email") var contactEmail: String?

    init() {}

    /// The abbreviation in its document numbers.
    var numberSymbol: String { symbol ?? "KTĐ" }

    init(id: UUID? = nil, name: String, issuer: String, houseStyle: HouseStyle, place: String? = nil, symbol: String? = nil) {
        self.id = id
        self.name = name
        self.issuer = issuer
        self.houseStyle = houseStyle
        self.place = place
        self.symbol = symbol
    }
}
