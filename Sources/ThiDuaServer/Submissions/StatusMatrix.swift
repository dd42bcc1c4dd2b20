import Fluent
import SQLKit
import Foundation
import ThiDuaCore
import Vapor

/// The secretariat's dashboard: units × requirements, each cell with its state, receipt and originals.
struct StatusMatrix: Content {
    var cycleID: UUID
    var requirements: [Column]
    var rows: [Row]

    struct Column: Content {
        var id: UUID
        var code: String
        var title: String
        var dueAt: String
        var originalsRequired: Int
    }

    struct Row: Content {
        var unitID: UUID
        var unitName: String
        var shortName: String
        var cells: [Cell]
    }

    struct Cell: Content {
        var requirementID: UUID
        var code: String
        /// `missing`, `sent`, `late`, `returned`, `accepted`, or `not-required`.
        var state: SubmissionState
        var submissionID: UUID?
        var version: Int?
        var receivedAt: String?
        var isLate: Bool
        var reviewReason: String?
        var originals: Int
        var originalsRequired: Int
    }

    /// Leaf requirements only: a group's parts are what units send.
    static func build(for cycle: Cycle, on db: Database) async throws -> StatusMatrix {
        let cycleID = try cycle.requireID()
        let all = try await RequirementService.requirements(of: cycleID, on: db)
        let parents = Set(all.compactMap { $0.0.parentID })
        let leaves = all.filter { !parents.contains($0.0.id!) }
        var latest: [String: SubmissionRow] = [:]
        for s in try await SubmissionRow.all(ofCycle: cycleID, on: db) {
            let key = "\(s.requirementID)/\(s.unitID)"
            if (latest[key]?.version ?? 0) < s.version { latest[key] = s }
        }
        var originals: [String: Int] = [:]
        for o in try await PaperOriginals.query(on: db).join(Requirement.self, on: \PaperOriginals.$requirementID == \Requirement.$id)
            .filter(Requirement.self, \.$cycle.$id == cycleID).all() {
            originals["\(o.requirementID)/\(o.unitID)"] = o.count
        }
        let members = try await MemberRow.all(ofCycle: cycleID, on: db)
        let targets = try await RequirementService.targets(of: leaves.map(\.0), cycle: cycle, members: members.map(\.unitID), on: db)
        let rows = members.map { unit in
            Row(unitID: unit.unitID, unitName: unit.name, shortName: unit.shortName, cells: leaves.map { r, _ in
                let key = "\(r.id!)/\(unit.unitID)"
                guard targets[r.id!]?.contains(unit.unitID) == true else {
                    return Cell(requirementID: r.id!, code: r.code, state: .notRequired, isLate: false,
                                originals: 0, originalsRequired: r.originalsRequired)
                }
                let s = latest[key]
                let state = SubmissionState.of(latest: s.map { (review: SubmissionState.Review(rawValue: $0.review) ?? .pending,
                                                                 isLate: $0.isLate) })
                return Cell(requirementID: r.id!, code: r.code, state: state, submissionID: s?.id, version: s?.version,
                            receivedAt: s.map { LocalTime.rfc3339($0.receivedAt) }, isLate: s?.isLate ?? false,
                            reviewReason: s?.reviewReason, originals: originals[key] ?? 0, originalsRequired: r.originalsRequired)
            })
        }
        let columns = leaves.map { r, m in
            Column(id: r.id!, code: r.code, title: r.title, dueAt: LocalTime.rfc3339(m.dueAt), originalsRequired: r.originalsRequired)
        }
        return StatusMatrix(cycleID: cycleID, requirements: columns, rows: rows)
    }

    /// `state` keeps rows with at least one such cell; `sort` is `unit` (Vietnamese order), `received` (latest first) or `missing`.
    func filtered(state: SubmissionState?, sort: String?) -> StatusMatrix {
        var copy = self
        if let state { copy.rows = rows.filter { $0.cells.contains { $0.state == state } } }
        switch sort {
        case "received":
            copy.rows.sort { ($0.cells.compactMap(\.receivedAt).max() ?? "") > ($1.cells.compactMap(\.receivedAt).max() ?? "") }
        case "missing":
            copy.rows.sort { $0.cells.filter { $0.state == .missing }.count > $1.cells.filter { $0.state == .missing }.count }
        default:
            copy.rows = VietnameseText.sorted(copy.rows, by: \.unitName)
        }
        return copy
    }

    /// One cell as a specialist reads it: "Nộp muộn · 06/12/2023 00 giờ 01 · v2 · bản chính 1/2".
    func text(_ cell: Cell, t: (String) -> String) -> String {
        var parts = [t(cell.state.labelKey)]
        if let received = cell.receivedAt.flatMap(LocalTime.parseRFC3339) {
            let day = VietnameseDate.short(DeadlineCalendar(holidays: []).localDate(of: received))
            parts.append("\(day) \(VietnameseDate.hourMinute(received))")
        }
        if let version = cell.version { parts.append("v\(version)") }
        if cell.originalsRequired > 0, cell.state != .notRequired { parts.append("\(t("originals_short")) \(cell.originals)/\(cell.originalsRequired)") }
        return parts.joined(separator: " · ")
    }
}

/// What the matrix needs of each version sent, read as plain rows: decoding a whole province's submissions as Fluent
/// models (reflection on every field of every row) was a third of the board's overview (perf, issue 16).
struct SubmissionRow: Decodable {
    var id: UUID
    var requirementID: UUID
    var unitID: UUID
    var version: Int
    var receivedAt: Date
    var isLate: Bool
    var review: String
    var reviewReason: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, version, review
        case requirementID = "requirement_id", unitID = "unit_id", receivedAt = "received_at", isLate = "is_late"
        case reviewReason = "review_reason"
    }

    /// Every version sent to the cycle's requirements, joined on the requirement rather than listing its keys.
    static func all(ofCycle cycleID: UUID, on db: Database) async throws -> [SubmissionRow] {
        guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError) }
        return try await sql.select()
            .columns(CodingKeys.allCases.map { SQLColumn($0.rawValue, table: "submissions") })
            .from("submissions")
            .join("requirements", on: SQLColumn("requirement_id", table: "submissions"), .equal, SQLColumn("id", table: "requirements"))
            .where(SQLColumn("cycle_id", table: "requirements"), .equal, SQLBind(cycleID))
            .all(decoding: SubmissionRow.self)
    }
}

/// A cycle's member unit as the matrix shows it, read as a plain row like `SubmissionRow`.
struct MemberRow: Decodable {
    var unitID: UUID
    var name: String
    var shortName: String

    enum CodingKeys: String, CodingKey {
        case unitID = "unit_id", name, shortName = "short_name"
    }

    /// The cycle's members in Vietnamese order, in one query.
    static func all(ofCycle cycleID: UUID, on db: Database) async throws -> [MemberRow] {
        guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError) }
        let rows = try await sql.select()
            .columns(SQLColumn("unit_id", table: "memberships"),
                     SQLColumn("name", table: "units"), SQLColumn("short_name", table: "units"))
            .from("memberships")
            .join("units", on: SQLColumn("unit_id", table: "memberships"), .equal, SQLColumn("id", table: "units"))
            .where(SQLColumn("cycle_id", table: "memberships"), .equal, SQLBind(cycleID))
            .all(decoding: MemberRow.self)
        return VietnameseText.sorted(rows, by: \.name)
    }
}
