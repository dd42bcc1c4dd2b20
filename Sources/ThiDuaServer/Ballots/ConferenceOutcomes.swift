import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// What a finished ballot sets in motion: nominated units owe their signed originals; the elected
/// head and deputy run next year's cycle; the agenda item records the outcome for the minutes.
enum ConferenceOutcomes {
    /// The final winners of a ballot and its run-offs, or nil while a round is open or a tie awaits its run-off.
    static func finalOutcome(ofChainContaining b: Ballot, on db: Database) async throws -> [String]? {
        var root = b
        while let parentID = root.parentID, let parent = try await Ballot.find(parentID, on: db) { root = parent }
        var winners: [String] = []
        var current: Ballot? = root
        while let round = current {
            guard round.status == .closed, let result = BallotService.storedResult(round) else { return nil }
            winners += result.outcome
            if result.tie.isEmpty { return winners }
            current = try await Ballot.query(on: db).filter(\.$parentID == round.requireID()).first()
        }
        return nil
    }

    /// The latest final outcome of a kind of ballot in a cycle.
    static func latestOutcome(kind: BallotKind, cycleID: UUID, on db: Database) async throws -> [String]? {
        let roots = try await Ballot.query(on: db).filter(\.$cycleID == cycleID).filter(\.$kind == kind)
            .filter(\.$parentID == nil).sort(\.$closedAt, .descending).all()
        for root in roots { if let outcome = try await finalOutcome(ofChainContaining: root, on: db) { return outcome } }
        return nil
    }

    static func apply(after b: Ballot, on req: Request) async throws {
        guard let outcome = try await finalOutcome(ofChainContaining: b, on: req.db) else { return }
        let names = try await BallotService.names(localizer: req.application.localizer, on: req.db)
        let text = outcome.isEmpty ? req.t("outcome_none") : outcome.map { names[$0] ?? $0 }.joined(separator: "; ")
        let actor = req.actorName
        try await req.audited { db in
            if let conference = try await ConferenceService.find(cycleID: b.cycleID, on: db) {
                for item in try await AgendaItem.query(on: db).filter(\.$conferenceID == conference.requireID())
                    .filter(\.$ballotKind == Optional(b.kind)).all() {
                    item.outcome = text
                    try await item.save(on: db)
                }
            }
            switch b.kind {
            case .flag:
                let units = outcome.compactMap(UUID.init(uuidString:))
                try await RequirementService.setNominees(cycleID: b.cycleID, unitIDs: units, on: db)
                try await AwardService.syncFlagNominees(cycleID: b.cycleID, unitIDs: units, on: db)
            case .head, .deputy:
                try await electNextYear(cycleID: b.cycleID, on: db)
            case .motion:
                break
            }
            return ((), AuditRecord(actor: actor, action: "outcome", entity: "ballot", entityID: try b.requireID().uuidString,
                                    before: String?.none, after: ["kind": b.kind.rawValue, "outcome": outcome.joined(separator: ",")]))
        }
    }

    /// Records the elected head and deputy on next year's cycle, creating it with the same members once both are known.
    static func electNextYear(cycleID: UUID, on db: Database) async throws {
        guard let cycle = try await Cycle.find(cycleID, on: db) else { return }
        let head = try await latestOutcome(kind: .head, cycleID: cycleID, on: db)?.first.flatMap(UUID.init(uuidString:))
        let deputy = try await latestOutcome(kind: .deputy, cycleID: cycleID, on: db)?.first.flatMap(UUID.init(uuidString:))
        if let next = try await Cycle.query(on: db).filter(\.$bloc.$id == cycle.$bloc.id).filter(\.$year == cycle.year + 1).first() {
            let newHead = head ?? next.$headUnit.id, newDeputy = deputy ?? next.$deputyUnit.id
            guard newHead != newDeputy else { return }
            next.$headUnit.id = newHead
            next.$deputyUnit.id = newDeputy
            try await next.save(on: db)
            for unit in [newHead, newDeputy]
            where try await Membership.query(on: db).filter(\.$cycle.$id == next.requireID()).filter(\.$unit.$id == unit).first() == nil {
                try await Membership(cycleID: next.requireID(), unitID: unit).create(on: db)
            }
            return
        }
        guard let head, let deputy, head != deputy else { return }
        let next = Cycle(blocID: cycle.$bloc.id, year: cycle.year + 1, headUnitID: head, deputyUnitID: deputy, ruleSetID: cycle.$ruleSet.id)
        try await next.create(on: db)
        var members = try await Membership.query(on: db).filter(\.$cycle.$id == cycleID).all().map { $0.$unit.id }
        for unit in [head, deputy] where !members.contains(unit) { members.append(unit) }
        for unit in members { try await Membership(cycleID: next.requireID(), unitID: unit).create(on: db) }
    }
}
