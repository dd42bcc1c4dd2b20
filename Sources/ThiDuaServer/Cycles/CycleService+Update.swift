import Fluent
import Foundation
import Vapor

/// Changes to a cycle's set-up: head, deputy, members and rule set. Omitted fields stay as they are.
struct UpdateCycleInput: Content {
    var headUnitID: UUID?
    var deputyUnitID: UUID?
    var memberUnitIDs: [UUID]?
    var ruleSetID: UUID?
}

extension CycleService {
    static func update(_ id: UUID, _ input: UpdateCycleInput, on req: Request) async throws -> Cycle {
        try req.authorize(.manageDirectory)
        let cycle = try await find(id, on: req)
        let before = try await dto(cycle, on: req.db)
        let head = input.headUnitID ?? cycle.$headUnit.id
        let deputy = input.deputyUnitID ?? cycle.$deputyUnit.id
        guard head != deputy else { throw AppError.validation("deputyUnitID", req.t("cycle.head_equals_deputy")) }
        var members: [UUID] = []
        for unitID in (input.memberUnitIDs ?? before.members.map(\.id)) + [head, deputy] where !members.contains(unitID) {
            members.append(unitID)
        }
        guard try await Unit.query(on: req.db).filter(\.$id ~~ members).count() == members.count else {
            throw AppError.validation("memberUnitIDs", req.t("cycle.unknown_unit"))
        }
        if let ruleSetID = input.ruleSetID, try await RuleSetRecord.find(ruleSetID, on: req.db) == nil {
            throw AppError.validation("ruleSetID", req.t("cycle.unknown_rule_set"))
        }
        let actor = req.actorName
        let memberIDs = members
        return try await req.audited { db in
            cycle.$headUnit.id = head
            cycle.$deputyUnit.id = deputy
            if let ruleSetID = input.ruleSetID { cycle.$ruleSet.id = ruleSetID }
            try await cycle.save(on: db)
            try await Membership.query(on: db).filter(\.$cycle.$id == id).filter(\.$unit.$id !~ memberIDs).delete()
            let existing = Set(try await Membership.query(on: db).filter(\.$cycle.$id == id).all().map { $0.$unit.id })
            for unitID in memberIDs where !existing.contains(unitID) {
                try await Membership(cycleID: id, unitID: unitID).create(on: db)
            }
            // A new rule set may bring other holidays: working-day milestones move with it.
            let milestones = try await MilestoneService.milestones(of: id, on: db)
            try await MilestoneService.resolve(milestones, calendar: try await calendar(of: cycle, on: db), on: db, req: req)
            let after = try await dto(cycle, on: db)
            return (cycle, AuditRecord(actor: actor, action: "update", entity: "cycle", entityID: id.uuidString,
                                       before: before, after: after))
        }
    }
}
