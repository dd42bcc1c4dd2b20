import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Requirements of a cycle: what each unit must send, by when, in which form.
enum RequirementService {
    static let defaultMaxBytes = 20 << 20
    static let largestAllowedBytes = 200 << 20

    static func find(_ id: UUID, on req: Request) async throws -> Requirement {
        guard let requirement = try await Requirement.find(id, on: req.db) else {
            throw AppError.notFound(req.t("requirement.not_found"))
        }
        return requirement
    }

    /// Ordered by due instant, then code; parts follow their group by code.
    static func requirements(of cycleID: UUID, on db: Database) async throws -> [(Requirement, Milestone)] {
        let milestones = try await MilestoneService.milestones(of: cycleID, on: db)
        let byID = Dictionary(uniqueKeysWithValues: milestones.compactMap { m in m.id.map { ($0, m) } })
        return try await Requirement.query(on: db).filter(\.$cycle.$id == cycleID).all()
            .compactMap { r in byID[r.milestoneID].map { (r, $0) } }
            .sorted { ($0.1.dueAt, $0.0.code) < ($1.1.dueAt, $1.0.code) }
    }

    static func dto(_ r: Requirement, on db: Database) async throws -> RequirementDTO {
        guard let milestone = try await Milestone.find(r.milestoneID, on: db) else { throw Abort(.internalServerError) }
        return try RequirementDTO(r, milestone: milestone)
    }

    /// Units that must answer: all members, the head, or the nominated units once a ballot named them.
    static func targets(of r: Requirement, cycle: Cycle, on db: Database) async throws -> [UUID] {
        switch r.audience {
        case .all: return try await CycleService.members(of: cycle.requireID(), on: db).compactMap(\.id)
        case .head: return [cycle.$headUnit.id]
        case .nominated:
            return try await RequirementTarget.query(on: db).filter(\.$requirementID == r.requireID()).all().map(\.unitID)
        }
    }

    /// The targets of several requirements in one query whatever their number (the nominated lists in bulk).
    static func targets(of requirements: [Requirement], cycle: Cycle, members: [UUID], on db: Database) async throws -> [UUID: Set<UUID>] {
        let nominated = requirements.filter { $0.audience == .nominated }.compactMap(\.id)
        let lists = nominated.isEmpty ? [:] : Dictionary(grouping: try await RequirementTarget.query(on: db)
            .filter(\.$requirementID ~~ nominated).all(), by: \.requirementID)
        var targets: [UUID: Set<UUID>] = [:]
        for r in requirements {
            switch r.audience {
            case .all: targets[r.id!] = Set(members)
            case .head: targets[r.id!] = [cycle.$headUnit.id]
            case .nominated: targets[r.id!] = Set((lists[r.id!] ?? []).map(\.unitID))
            }
        }
        return targets
    }

    /// For later issues: once a nomination ballot has a result, the nominated units must answer every
    /// `nominated` requirement of the cycle. Replaces any earlier list.
    static func setNominees(cycleID: UUID, unitIDs: [UUID], on db: Database) async throws {
        let nominated = try await Requirement.query(on: db).filter(\.$cycle.$id == cycleID)
            .filter(\.$audience == .nominated).all()
        for r in nominated {
            let id = try r.requireID()
            try await RequirementTarget.query(on: db).filter(\.$requirementID == id).delete()
            for unitID in Set(unitIDs) { try await RequirementTarget(requirementID: id, unitID: unitID).create(on: db) }
        }
    }

    static func create(in cycleID: UUID, _ input: RequirementInput, on req: Request) async throws -> Requirement {
        let cycle = try await CycleService.find(cycleID, on: req)
        try req.authorize(.manageMilestones(cycle))
        let r = Requirement()
        r.$cycle.id = cycleID
        try await apply(input, to: r, cycleID: cycleID, creating: true, on: req)
        let actor = req.actorName
        return try await req.audited { db in
            try await r.create(on: db)
            let dto = try await dto(r, on: db)
            return (r, AuditRecord(actor: actor, action: "create", entity: "requirement", entityID: dto.id.uuidString,
                                   before: RequirementDTO?.none, after: dto))
        }
    }

    static func update(_ id: UUID, _ input: RequirementInput, on req: Request) async throws -> Requirement {
        let r = try await find(id, on: req)
        let cycle = try await CycleService.find(r.$cycle.id, on: req)
        try req.authorize(.manageMilestones(cycle))
        let before = try await dto(r, on: req.db)
        try await apply(input, to: r, cycleID: r.$cycle.id, creating: false, on: req)
        let actor = req.actorName
        return try await req.audited { db in
            try await r.save(on: db)
            return (r, AuditRecord(actor: actor, action: "update", entity: "requirement", entityID: id.uuidString,
                                   before: before, after: try await dto(r, on: db)))
        }
    }

    static func delete(_ id: UUID, on req: Request) async throws {
        let r = try await find(id, on: req)
        let cycle = try await CycleService.find(r.$cycle.id, on: req)
        try req.authorize(.manageMilestones(cycle))
        // Submitted files are records of what a unit sent: a requirement that has any is closed, never deleted.
        if try await Submission.query(on: req.db).filter(\.$requirementID == id).count() > 0 {
            throw AppError.conflict(req.t("requirement.has_submissions", ["code": r.code]))
        }
        if try await Requirement.query(on: req.db).filter(\.$parentID == id).count() > 0 {
            throw AppError.conflict(req.t("requirement.has_parts", ["code": r.code]))
        }
        let before = try await dto(r, on: req.db)
        let actor = req.actorName
        try await req.audited { db in
            try await r.delete(on: db)
            return ((), AuditRecord(actor: actor, action: "delete", entity: "requirement", entityID: id.uuidString,
                                    before: before, after: RequirementDTO?.none))
        }
    }
}
