import Fluent
import Foundation
import SQLKit
import ThiDuaCore
import Vapor

/// One leaf requirement of a cycle as the board counts it: how many member units it asks, and the states of their
/// latest files. Counted by the database for every bloc at once: reading a province's 4,000 files row by row, to
/// count them, was the board's overview's whole time (perf, issue 16). The same rules as `StatusMatrix`: members
/// only, a unit counts for a requirement only when it is a target, its latest version decides its state.
struct RequirementTally {
    var cycleID: UUID
    var column: StatusMatrix.Column
    var targets: Int
    var counts: [SubmissionState: Int] = [:]

    var missing: Int { max(0, targets - counts.values.reduce(0, +)) }
    var todo: Todo.Tally {
        Todo.Tally(awaitingReview: (counts[.sent] ?? 0) + (counts[.late] ?? 0), notSent: missing + (counts[.returned] ?? 0))
    }

    private struct StateCount: Decodable {
        var requirement_id: UUID
        var review: String
        var is_late: Bool
        var n: Int
    }

    private struct KeyCount: Decodable {
        var key: UUID
        var n: Int
    }

    /// What a tally needs of a requirement, as a plain row (no Fluent model per row).
    private struct RequirementRow: Decodable {
        var id: UUID
        var cycle_id: UUID
        var parent_id: UUID?
        var code: String
        var title: String
        var milestone_id: UUID
        var audience: String
        var originals_required: Int
    }

    /// Each cycle's leaf requirements in due order, with their counts, in four queries whatever the number of cycles;
    /// `members` is `memberCounts(of:)`, `milestones` every milestone of the cycles.
    static func all(of cycles: [Cycle], members: [UUID: Int], milestones: [Milestone],
                    on db: Database) async throws -> [UUID: [RequirementTally]] {
        guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError) }
        let ids = try cycles.map { try $0.requireID() }
        guard !ids.isEmpty else { return [:] }
        let cycleList = SQLList(ids.map { SQLBind($0) })
        let due = Dictionary(uniqueKeysWithValues: milestones.compactMap { m in m.id.map { ($0, m.dueAt) } })
        let rows = try await sql.raw("""
            SELECT id, cycle_id, parent_id, code, title, milestone_id, audience, originals_required FROM requirements
            WHERE cycle_id IN (\(cycleList))
            """).all(decoding: RequirementRow.self)
        let parents = Set(rows.compactMap(\.parent_id))
        // Due order, then code, as `RequirementService.requirements(of:)` gives them.
        let leaves = rows.filter { !parents.contains($0.id) }.compactMap { r in due[r.milestone_id].map { (r, $0) } }
            .sorted { ($0.1, $0.0.code) < ($1.1, $1.0.code) }
        let nominated = Dictionary(uniqueKeysWithValues: try await sql.raw("""
            SELECT t.requirement_id AS key, COUNT(*) AS n FROM requirement_targets t
            JOIN requirements r ON r.id = t.requirement_id
            JOIN memberships m ON m.cycle_id = r.cycle_id AND m.unit_id = t.unit_id
            WHERE r.cycle_id IN (\(cycleList)) GROUP BY t.requirement_id
            """).all(decoding: KeyCount.self).map { ($0.key, $0.n) })
        // The latest version of each member target's file, counted by review and lateness.
        let states = try await sql.raw("""
            SELECT s.requirement_id, s.review, s.is_late, COUNT(*) AS n FROM submissions s
            JOIN requirements r ON r.id = s.requirement_id
            JOIN cycles c ON c.id = r.cycle_id
            WHERE r.cycle_id IN (\(cycleList))
            AND s.version = (SELECT MAX(s2.version) FROM submissions s2
                             WHERE s2.requirement_id = s.requirement_id AND s2.unit_id = s.unit_id)
            AND EXISTS (SELECT 1 FROM memberships m WHERE m.cycle_id = r.cycle_id AND m.unit_id = s.unit_id)
            AND (r.audience = \(bind: Audience.all.rawValue)
                 OR (r.audience = \(bind: Audience.head.rawValue) AND s.unit_id = c.head_unit_id)
                 OR (r.audience = \(bind: Audience.nominated.rawValue) AND EXISTS (
                     SELECT 1 FROM requirement_targets t WHERE t.requirement_id = r.id AND t.unit_id = s.unit_id)))
            GROUP BY s.requirement_id, s.review, s.is_late
            """).all(decoding: StateCount.self)
        var counts: [UUID: [SubmissionState: Int]] = [:]
        for row in states {
            let state = SubmissionState.of(latest: (review: SubmissionState.Review(rawValue: row.review) ?? .pending, isLate: row.is_late))
            counts[row.requirement_id, default: [:]][state, default: 0] += row.n
        }
        return Dictionary(grouping: leaves.map { r, dueAt in
            let targets = switch Audience(rawValue: r.audience) {
            case .all: members[r.cycle_id] ?? 0
            case .head: 1
            case .nominated: nominated[r.id] ?? 0
            case nil: 0
            }
            return RequirementTally(cycleID: r.cycle_id, column: StatusMatrix.Column(
                id: r.id, code: r.code, title: r.title, dueAt: LocalTime.rfc3339(dueAt), originalsRequired: r.originals_required),
                targets: targets, counts: counts[r.id] ?? [:])
        }, by: \.cycleID)
    }

    /// Member units per cycle.
    static func memberCounts(of cycleIDs: [UUID], on db: Database) async throws -> [UUID: Int] {
        guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError) }
        guard !cycleIDs.isEmpty else { return [:] }
        return Dictionary(uniqueKeysWithValues: try await sql.raw("""
            SELECT cycle_id AS key, COUNT(*) AS n FROM memberships WHERE cycle_id IN (\(SQLList(cycleIDs.map { SQLBind($0) })))
            GROUP BY cycle_id
            """).all(decoding: KeyCount.self).map { ($0.key, $0.n) })
    }
}
