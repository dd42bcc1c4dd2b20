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

    init(_ bloc: Bloc) throws {
        id = try bloc.requireID()
        name = bloc.name
        issuer = bloc.issuer
        houseStyle = bloc.houseStyle
        place = bloc.place
        symbol = bloc.symbol
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
}
