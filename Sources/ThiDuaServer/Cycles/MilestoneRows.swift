import Fluent
import Foundation
import SQLKit
import ThiDuaCore
import Vapor

extension Milestone {
    /// The cycles' milestones in due order, then code, built from plain rows: the board's overview reads a province's
    /// 280 of them each time it is made, and Fluent's decoding walked every row by reflection (15 % of it, perf record).
    /// Read-only copies: nothing saves them.
    static func plain(of cycleIDs: [UUID], on db: Database) async throws -> [Milestone] {
        guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError) }
        guard !cycleIDs.isEmpty else { return [] }
        let rows = try await sql.raw("""
            SELECT id, cycle_id, code, title, role, rule_kind, fixed_at, local_date, relative_to_id, offset_days, day_kind, due_at
            FROM milestones WHERE cycle_id IN (\(SQLList(cycleIDs.map { SQLBind($0) }))) ORDER BY due_at, code
            """).all(decoding: Row.self)
        return rows.map { r in
            let m = Milestone(id: r.id, cycleID: r.cycle_id, code: r.code, title: r.title)
            m.role = r.role.flatMap(MilestoneRole.init(rawValue:))
            m.ruleKind = Kind(rawValue: r.rule_kind) ?? .instant
            (m.fixedAt, m.localDate, m.relativeToID, m.offsetDays) = (r.fixed_at, r.local_date, r.relative_to_id, r.offset_days)
            m.dayKind = r.day_kind.flatMap(DayKind.init(rawValue:))
            m.dueAt = r.due_at
            return m
        }
    }

    private struct Row: Decodable {
        var id: UUID
        var cycle_id: UUID
        var code: String
        var title: String
        var role: String?
        var rule_kind: String
        var fixed_at: Date?
        var local_date: String?
        var relative_to_id: UUID?
        var offset_days: Int?
        var day_kind: String?
        var due_at: Date
    }
}
