import Foundation
import Vapor

/// A unit as the API shows it.
struct UnitDTO: Content, Equatable {
    var id: UUID
    var name: String
    var shortName: String
    var contactEmail: String?

    init(_ unit: Unit) throws {
        id = try unit.requireID()
        name = unit.name
        shortName = unit.shortName
        contactEmail = unit.contactEmail
    }
}

struct CreateUnitInput: Content {
    var name: String
    var shortName: String
    var contactEmail: String?
}

struct UpdateUnitInput: Content {
    var name: String?
    var shortName: String?
    var contactEmail: String?
}

/// A bloc as the API shows it.
struct BlocDTO: Content, Equatable {
    var id: UUID
    var name: String
    var issuer: String
    var houseStyle: HouseStyle
    var place: String?
    var symbol: String?
    var contactName: String?
    var contactPhone: String?
    var contactEmail: String?

    init(_ bloc: Bloc) throws {
        id = try bloc.requireID()
        name = bloc.name
        issuer = bloc.issuer
        houseStyle = bloc.houseStyle
        place = bloc.place
        symbol = bloc.symbol
        contactName = bloc.contactName
        contactPhone = bloc.contactPhone
        contactEmail = bloc.contactEmail
    }
}

struct CreateBlocInput: Content {
    var name: String
    var issuer: String
    var houseStyle: HouseStyle?
    /// Where its documents are dated: the place of the place-date line.
    var place: String?
    /// The abbreviation its document numbers end with.
    var symbol: String?
    /// The secretariat's contact person, telephone and e-mail, printed in the invitation.
    var contactName: String?
    var contactPhone: String?
    var contactEmail: String?
}

/// A change to a bloc: a field left out (or `null`) keeps its value; an empty optional field clears it.
struct UpdateBlocInput: Content {
    var name: String?
    var issuer: String?
    var houseStyle: HouseStyle?
    var place: String?
    var symbol: String?
    var contactName: String?
    var contactPhone: String?
    var contactEmail: String?
}
