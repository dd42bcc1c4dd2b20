import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Creating and changing blocs: the facts every document of the bloc prints (issuing body, place, number symbol,
/// house style, the secretariat's contact), checked alike through the API and the web form, each write audited.
extension DirectoryService {
    static func createBloc(_ input: CreateBlocInput, on req: Request) async throws -> Bloc {
        try req.authorize(.manageDirectory)
        let name = try Validate.name(input.name, "name", on: req)
        let issuer = try Validate.name(input.issuer, "issuer", on: req)
        try await refuseDuplicateBlocName(name, except: nil, on: req)
        let bloc = Bloc(name: name, issuer: issuer, houseStyle: input.houseStyle ?? .state)
        try apply(UpdateBlocInput(place: input.place, symbol: input.symbol, contactName: input.contactName,
                                  contactPhone: input.contactPhone, contactEmail: input.contactEmail), to: bloc, on: req)
        return try await req.auditedCreate(entity: "bloc", dto: BlocDTO.init) { bloc }
    }

    /// The administrator corrects a bloc: what is left out stays, an empty optional field is cleared.
    static func updateBloc(_ id: UUID, _ input: UpdateBlocInput, on req: Request) async throws -> Bloc {
        try req.authorize(.manageDirectory)
        guard let bloc = try await Bloc.find(id, on: req.db) else { throw AppError.notFound(req.t("bloc.not_found")) }
        let before = try BlocDTO(bloc)
        if let name = input.name {
            bloc.name = try Validate.name(name, "name", on: req)
            try await refuseDuplicateBlocName(bloc.name, except: id, on: req)
        }
        if let issuer = input.issuer { bloc.issuer = try Validate.name(issuer, "issuer", on: req) }
        if let style = input.houseStyle { bloc.houseStyle = style }
        try apply(input, to: bloc, on: req)
        let actor = req.actorName
        return try await req.audited { db in
            try await bloc.save(on: db)
            return (bloc, AuditRecord(actor: actor, action: "update", entity: "bloc", entityID: id.uuidString,
                                      before: before, after: try BlocDTO(bloc)))
        }
    }

    /// The optional facts, shared by both doors so that a value refused on update is refused on create too.
    private static func apply(_ input: UpdateBlocInput, to bloc: Bloc, on req: Request) throws {
        if input.place != nil { bloc.place = try Validate.optionalName(input.place, "place", max: 100, on: req) }
        // The slash is the number's own separator ("05-KH/KTĐ"): a symbol typed with one keeps the abbreviation.
        if let symbol = input.symbol {
            bloc.symbol = try Validate.optionalName(symbol.replacingOccurrences(of: "/", with: ""), "symbol", max: 20, on: req)
        }
        if input.contactName != nil { bloc.contactName = try Validate.optionalName(input.contactName, "contactName", max: 120, on: req) }
        if input.contactPhone != nil { bloc.contactPhone = try Validate.phone(input.contactPhone, "contactPhone", on: req) }
        if input.contactEmail != nil { bloc.contactEmail = try Validate.email(input.contactEmail, "contactEmail", on: req) }
    }

    /// Compared as `UserText.nameKey`: a second spelling (NFD, other case, doubled spaces) is the same bloc.
    private static func refuseDuplicateBlocName(_ name: String, except id: UUID?, on req: Request) async throws {
        let key = UserText.nameKey(name)
        let blocs = try await Bloc.query(on: req.db).field(\.$id).field(\.$name).all()
        if blocs.contains(where: { $0.id != id && UserText.nameKey($0.name) == key }) {
            throw AppError.conflict(req.t("bloc.duplicate_name", ["value": name]), field: "name")
        }
    }
}
