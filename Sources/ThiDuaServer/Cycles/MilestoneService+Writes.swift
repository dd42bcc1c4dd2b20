import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// What a milestone write changed: the milestone itself and the dependants it moved.
struct MilestoneChange: Content {
    var milestone: MilestoneDTO
    var moved: [MovedMilestone]
}

struct MovedMilestone: Content {
    var code: String
    var dueAt: String
}

extension MilestoneService {
    static func create(in cycleID: UUID, _ input: MilestoneInput, on req: Request) async throws -> Milestone {
        let cycle = try await CycleService.find(cycleID, on: req)
        try req.authorize(.manageMilestones(cycle))
        let milestone = Milestone(cycleID: cycleID, code: "", title: "")
        try await apply(input, to: milestone, in: cycleID, creating: true, on: req)
        return try await write(milestone, before: nil, action: "create", cycle: cycle, on: req)
    }

    static func update(_ id: UUID, _ input: MilestoneInput, on req: Request) async throws -> Milestone {
        let milestone = try await find(id, on: req)
        let cycle = try await CycleService.find(milestone.$cycle.id, on: req)
        try req.authorize(.manageMilestones(cycle))
        let before = try MilestoneDTO(milestone, status: nil)
        try await apply(input, to: milestone, in: cycle.requireID(), creating: false, on: req)
        return try await write(milestone, before: before, action: "update", cycle: cycle, on: req)
    }

    static func delete(_ id: UUID, on req: Request) async throws {
        let milestone = try await find(id, on: req)
        let cycle = try await CycleService.find(milestone.$cycle.id, on: req)
        try req.authorize(.manageMilestones(cycle))
        let dependants = try await Milestone.query(on: req.db).filter(\.$relativeToID == id).all()
        guard dependants.isEmpty else {
            let codes = dependants.map(\.code).sorted().joined(separator: ", ")
            throw AppError.conflict(req.t("milestone.has_dependants", ["code": milestone.code, "codes": codes]))
        }
        let before = try MilestoneDTO(milestone, status: nil)
        let actor = req.actorName
        try await req.audited { db in
            try await milestone.delete(on: db)
            return ((), AuditRecord(actor: actor, action: "delete", entity: "milestone", entityID: id.uuidString,
                                    before: before, after: MilestoneDTO?.none))
        }
    }

    /// Saves one milestone, re-resolves the cycle and records both in one transaction.
    private static func write(_ milestone: Milestone, before: MilestoneDTO?, action: String,
                              cycle: Cycle, on req: Request) async throws -> Milestone {
        let calendar = try await CycleService.calendar(of: cycle, on: req.db)
        let cycleID = try cycle.requireID()
        let actor = req.actorName
        let beforeDue = try await milestones(of: cycleID, on: req.db).reduce(into: [UUID: Date]()) { $0[$1.id!] = $1.dueAt }
        return try await req.audited { db in
            try await milestone.save(on: db)
            let all = try await milestones(of: cycleID, on: db)
            try await resolve(all, calendar: calendar, on: db, req: req)
            let id = try milestone.requireID()
            guard let saved = all.first(where: { $0.id == id }) else { throw AppError.notFound(req.t("milestone.not_found")) }
            let moved = all.filter { $0.id != id && beforeDue[$0.id!] != nil && beforeDue[$0.id!] != $0.dueAt }
                .map { MovedMilestone(code: $0.code, dueAt: LocalTime.rfc3339($0.dueAt)) }
            let change = MilestoneChange(milestone: try MilestoneDTO(saved, status: nil), moved: moved)
            return (saved, AuditRecord(actor: actor, action: action, entity: "milestone", entityID: id.uuidString,
                                       before: before, after: change))
        }
    }
}
