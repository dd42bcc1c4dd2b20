import Fluent
import SQLKit
import Foundation
import ThiDuaCore
import Vapor

/// Every bloc's latest cycle as the provincial board sees it, read in bulk: the same dozen queries for one bloc as
/// for forty, so the board's home page and its overview API stay fast at a province's (or a nation's) size.
struct ProvinceOverview {
    struct Entry {
        var cycle: Cycle
        var bloc: Bloc?
        /// Member units.
        var units: Int
        /// Leaf requirements in due order, with the states of the units' files.
        var tallies: [RequirementTally]
        /// In due order.
        var milestones: [Milestone]
        var assessmentsSent: Int
        /// Sent self-assessments the secretariat has not agreed yet.
        var assessmentsToAgree: Int
        var scoring: ScoringState?
        var ballots: [Ballot]
        var proposals: [Proposal]
    }

    var entries: [Entry]

    /// `blocs` limits it to a reviewer's province (`BoardScope`); nil is every bloc.
    static func load(on db: Database, blocs: Set<UUID>? = nil) async throws -> ProvinceOverview {
        let cycles = try await HomeService.currentCycles(of: blocs, on: db)
        let ids = try cycles.map { try $0.requireID() }
        guard !ids.isEmpty else { return ProvinceOverview(entries: []) }
        let blocs = Dictionary(uniqueKeysWithValues: try await Bloc.query(on: db).filter(\.$id ~~ Set(cycles.map(\.$bloc.id))).all()
            .map { ($0.id!, $0) })
        let allMilestones = try await Milestone.plain(of: ids, on: db)
        let milestones = Dictionary(grouping: allMilestones, by: { $0.$cycle.id })
        let units = try await RequirementTally.memberCounts(of: ids, on: db)
        let tallies = try await RequirementTally.all(of: cycles, members: units, milestones: allMilestones, on: db)
        let sent = try await UnitInCycle.all(SelfAssessment.schema, of: ids, sentOnly: true, on: db)
        let agreed = Set(try await UnitInCycle.all(AgreedScore.schema, of: ids, sentOnly: false, on: db).map { "\($0.cycleID)/\($0.unitID)" })
        let scoring = Dictionary(try await ScoringState.query(on: db).filter(\.$cycleID ~~ ids).all().map { ($0.cycleID, $0) },
                                 uniquingKeysWith: { first, _ in first })
        let ballots = Dictionary(grouping: try await Ballot.query(on: db).filter(\.$cycleID ~~ ids).sort(\.$round).all(), by: \.cycleID)
        let proposals = Dictionary(grouping: try await Proposal.query(on: db).filter(\.$cycleID ~~ ids).all(), by: \.cycleID)
        let sentBy = Dictionary(grouping: sent, by: \.cycleID)
        return ProvinceOverview(entries: cycles.map { cycle in
            let id = cycle.id!
            let sentHere = sentBy[id] ?? []
            return Entry(cycle: cycle, bloc: blocs[cycle.$bloc.id],
                         units: units[id] ?? 0, tallies: tallies[id] ?? [],
                         milestones: milestones[id] ?? [], assessmentsSent: sentHere.count,
                         assessmentsToAgree: sentHere.filter { !agreed.contains("\(id)/\($0.unitID)") }.count,
                         scoring: scoring[id], ballots: ballots[id] ?? [], proposals: proposals[id] ?? [])
        })
    }
}

extension ProvinceOverview.Entry {
    /// The next milestone not yet due, by the same rule as the cycle page.
    func nextMilestone(now: Date) -> Milestone? { MilestoneService.next(milestones, now: now) }
}

/// A (cycle, unit) pair of a table keyed by both, as a plain row: a province has 600 of them per table, and
/// decoding them as Fluent models was most of the overview's time (perf, issue 16).
private struct UnitInCycle: Decodable {
    var cycleID: UUID
    var unitID: UUID

    enum CodingKeys: String, CodingKey { case cycleID = "cycle_id", unitID = "unit_id" }

    /// Distinct pairs; `sentOnly` keeps rows whose `submitted_at` is set (a self-assessment sent).
    static func all(_ table: String, of cycleIDs: [UUID], sentOnly: Bool, on db: Database) async throws -> [UnitInCycle] {
        guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError) }
        var query = sql.select().distinct().column("cycle_id").column("unit_id").from(table)
            .where("cycle_id", .in, SQLGroupExpression(SQLList(cycleIDs.map { SQLBind($0) })))
        if sentOnly { query = query.where("submitted_at", .isNot, SQLLiteral.null) }
        return try await query.all(decoding: UnitInCycle.self)
    }
}
