import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Creating and changing units and blocs, with checks and an audit record for each write.
enum DirectoryService {
    /// In Vietnamese alphabetical order (the database's byte order would put "Đ" after "V").
    static func units(on db: Database) async throws -> [Unit] {
        VietnameseText.sorted(try await Unit.query(on: db).all(), by: \.name)
    }

    /// One unit, or nil: pages that name a unit in their heading.
    static func unit(_ id: UUID, on db: Database) async throws -> Unit? {
        try await Unit.find(id, on: db)
    }

    static func blocs(on db: Database) async throws -> [Bloc] {
        VietnameseText.sorted(try await Bloc.query(on: db).all(), by: \.name)
    }

    static func createUnit(_ input: CreateUnitInput, on req: Request) async throws -> Unit {
        try req.authorize(.manageDirectory)
        let name = try Validate.name(input.name, "name", on: req)
        let shortName = try Validate.name(input.shortName, "shortName", max: 60, on: req)
        let email = try Validate.email(input.contactEmail, "contactEmail", on: req)
        try await refuseDuplicateUnitName(name, except: nil, on: req)
        if try await Unit.query(on: req.db).filter(\.$shortName == shortName).first() != nil {
            throw AppError.conflict(req.t("unit.duplicate_short_name", ["value": shortName]), field: "shortName")
        }
        return try await req.auditedCreate(entity: "unit", dto: UnitDTO.init) { Unit(name: name, shortName: shortName, contactEmail: email) }
    }

    static func updateUnit(_ id: UUID, _ input: UpdateUnitInput, on req: Request) async throws -> Unit {
        guard let unit = try await Unit.find(id, on: req.db) else {
            throw AppError.notFound(req.t("unit.not_found"))
        }
        // Officers may correct their own unit's contact; anything else is the administrator's.
        if input.name != nil || input.shortName != nil {
            try req.authorize(.manageDirectory)
        } else {
            try req.authorize(.editUnitContact(unitID: id))
        }
        let before = try UnitDTO(unit)
        if let name = input.name {
            unit.name = try Validate.name(name, "name", on: req)
            try await refuseDuplicateUnitName(unit.name, except: id, on: req)
        }
        if let shortName = input.shortName {
            let value = try Validate.name(shortName, "shortName", max: 60, on: req)
            if try await Unit.query(on: req.db).filter(\.$shortName == value).filter(\.$id != id).first() != nil {
                throw AppError.conflict(req.t("unit.duplicate_short_name", ["value": value]), field: "shortName")
            }
            unit.shortName = value
        }
        if input.contactEmail != nil { unit.contactEmail = try Validate.email(input.contactEmail, "contactEmail", on: req) }
        let actor = req.actorName
        return try await req.audited { db in
            try await unit.save(on: db)
            return (unit, AuditRecord(actor: actor, action: "update", entity: "unit", entityID: id.uuidString,
                                      before: before, after: try UnitDTO(unit)))
        }
    }

    /// Unit names are unique in the directory, compared as `UserText.nameKey`, so "Sở Tài chính" typed in NFD or
    /// with another case is the same unit. The list is read whole: a directory holds hundreds of units, not millions.
    static func refuseDuplicateUnitName(_ name: String, except id: UUID?, on req: Request) async throws {
        let key = UserText.nameKey(name)
        let units = try await Unit.query(on: req.db).field(\.$id).field(\.$name).all()
        if units.contains(where: { $0.id != id && UserText.nameKey($0.name) == key }) {
            throw AppError.conflict(req.t("unit.duplicate_name", ["value": name]), field: "name")
        }
    }
}
