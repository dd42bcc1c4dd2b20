import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Cycles: creation with its members, and the queries the pages and the API share.
enum CycleService {
    static func find(_ id: UUID, on req: Request) async throws -> Cycle {
        guard let cycle = try await Cycle.find(id, on: req.db) else {
            throw AppError.notFound(req.t("cycle.not_found"))
        }
        return cycle
    }

    /// The bloc, or 404 with the bloc's message.
    static func requireBloc(_ id: UUID, on req: Request) async throws -> Bloc {
        guard let bloc = try await Bloc.find(id, on: req.db) else { throw AppError.notFound(req.t("bloc.not_found")) }
        return bloc
    }

    /// The cycle's bloc; nil only if it was removed meanwhile.
    static func bloc(of cycle: Cycle, on db: Database) async throws -> Bloc? {
        try await Bloc.find(cycle.$bloc.id, on: db)
    }

    static func cycles(ofBloc blocID: UUID, on db: Database) async throws -> [Cycle] {
        try await Cycle.query(on: db).filter(\.$bloc.$id == blocID).sort(\.$year, .descending).all()
    }

    static func members(of cycleID: UUID, on db: Database) async throws -> [Unit] {
        let units = try await Membership.query(on: db).filter(\.$cycle.$id == cycleID).with(\.$unit).all().map(\.unit)
        return VietnameseText.sorted(units, by: \.name)
    }

    static func dto(_ cycle: Cycle, on db: Database) async throws -> CycleDTO {
        try await dtos([cycle], on: db)[0]
    }

    /// The DTOs of several cycles in four queries whatever their number: units, memberships and rule sets in bulk.
    static func dtos(_ cycles: [Cycle], on db: Database) async throws -> [CycleDTO] {
        let ids = try cycles.map { try $0.requireID() }
        let memberships = Dictionary(grouping: try await Membership.query(on: db).filter(\.$cycle.$id ~~ ids).with(\.$unit).all(),
                                     by: { $0.$cycle.id })
        let leaders = Set(cycles.flatMap { [$0.$headUnit.id, $0.$deputyUnit.id] })
        let units = Dictionary(uniqueKeysWithValues: try await Unit.query(on: db).filter(\.$id ~~ leaders).all().map { ($0.id!, $0) })
        let ruleSetIDs = Set(cycles.compactMap { $0.$ruleSet.id })
        let ruleSets = ruleSetIDs.isEmpty ? [:] : Dictionary(uniqueKeysWithValues:
            try await RuleSetRecord.query(on: db).filter(\.$id ~~ ruleSetIDs).all().map { ($0.id!, $0) })
        return try cycles.map { cycle in
            let id = try cycle.requireID()
            guard let head = units[cycle.$headUnit.id], let deputy = units[cycle.$deputyUnit.id] else {
                throw FluentError.missingParent(from: "Cycle", to: "Unit", key: "head_unit_id", id: id.uuidString)
            }
            let members = VietnameseText.sorted((memberships[id] ?? []).map(\.unit), by: \.name)
            return CycleDTO(
                id: id, blocID: cycle.$bloc.id, year: cycle.year, headUnit: try UnitDTO(head), deputyUnit: try UnitDTO(deputy),
                members: try members.map(UnitDTO.init),
                ruleSet: try cycle.$ruleSet.id.flatMap { ruleSets[$0] }.map(RuleSetSummary.init)
            )
        }
    }

    /// The deadline calendar of a cycle: its rule set's holidays, or none.
    static func calendar(of cycle: Cycle, on db: Database) async throws -> DeadlineCalendar {
        guard let ruleSetID = cycle.$ruleSet.id, let record = try await RuleSetRecord.find(ruleSetID, on: db),
              let ruleSet = try? RuleSet.decode(Data(record.document.utf8))
        else { return DeadlineCalendar(holidays: []) }
        return ruleSet.calendar
    }

    static func create(blocID: UUID, _ input: CreateCycleInput, on req: Request) async throws -> Cycle {
        try req.authorize(.manageDirectory)
        _ = try await requireBloc(blocID, on: req)
        guard LocalDate.supportedYears.contains(input.year) else {
            throw AppError.validation("year", req.t("cycle.bad_year"))
        }
        // The head and deputy are always members; repeated IDs count once.
        var members: [UUID] = []
        for id in input.memberUnitIDs + [input.headUnitID, input.deputyUnitID] where !members.contains(id) {
            members.append(id)
        }
        guard input.headUnitID != input.deputyUnitID else {
            throw AppError.validation("deputyUnitID", req.t("cycle.head_equals_deputy"))
        }
        let found = try await Unit.query(on: req.db).filter(\.$id ~~ members).count()
        guard found == members.count else {
            throw AppError.validation("memberUnitIDs", req.t("cycle.unknown_unit"))
        }
        if let ruleSetID = input.ruleSetID, try await RuleSetRecord.find(ruleSetID, on: req.db) == nil {
            throw AppError.validation("ruleSetID", req.t("cycle.unknown_rule_set"))
        }
        if try await Cycle.query(on: req.db).filter(\.$bloc.$id == blocID).filter(\.$year == input.year).first() != nil {
            throw AppError.conflict(req.t("cycle.duplicate_year", ["year": String(input.year)]), field: "year")
        }
        let actor = req.actorName
        let memberIDs = members
        return try await req.audited { db in
            let cycle = Cycle(blocID: blocID, year: input.year, headUnitID: input.headUnitID,
                              deputyUnitID: input.deputyUnitID, ruleSetID: input.ruleSetID)
            try await cycle.create(on: db)
            for unitID in memberIDs { try await Membership(cycleID: cycle.requireID(), unitID: unitID).create(on: db) }
            let dto = try await dto(cycle, on: db)
            return (cycle, AuditRecord(actor: actor, action: "create", entity: "cycle", entityID: dto.id.uuidString,
                                       before: CycleDTO?.none, after: dto))
        }
    }
}

/// Rule sets: stored as validated JSON documents.
enum RuleSetService {
    static func all(on db: Database) async throws -> [RuleSetRecord] {
        try await RuleSetRecord.query(on: db).sort(\.$key).sort(\.$version).all()
    }

    /// Validates the document (errors name the field) and stores it under its key and version.
    static func importDocument(_ data: Data, on req: Request) async throws -> RuleSetRecord {
        try req.authorize(.manageDirectory)
        let ruleSet: RuleSet
        do { ruleSet = try RuleSet.read(data) } catch {
            throw AppError.malformed(error.field, req.t("rule_set.invalid", ["detail": error.description]))
        }
        do { try ruleSet.validate() } catch {
            throw AppError.validation(error.field, req.t("rule_set.invalid", ["detail": error.description]))
        }
        if try await RuleSetRecord.query(on: req.db).filter(\.$key == ruleSet.key)
            .filter(\.$version == ruleSet.version).first() != nil {
            throw AppError.conflict(req.t("rule_set.duplicate", ["key": ruleSet.key, "version": ruleSet.version]))
        }
        let document = String(decoding: ruleSet.encodedJSON(), as: UTF8.self)
        return try await req.auditedCreate(entity: "ruleSet", dto: { _ in document }) {
            RuleSetRecord(key: ruleSet.key, version: ruleSet.version, name: ruleSet.name, isExample: ruleSet.isExample, document: document)
        }
    }
}
