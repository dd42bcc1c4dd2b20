import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// A unit's checklist: what is due when, what it sent, what came back and why, with upload forms.
struct ChecklistPage: Encodable {
    var heading: String
    var cycleURL: String
    var unitID: String
    var unitName: String
    var units: [Choice]
    var rows: [Row]
    var csrfQuery: String
    var calendarURL: String

    struct Choice: Encodable { var id: String; var name: String; var selected: Bool }

    struct Row: Encodable {
        var code: String
        var title: String
        var dueText: String
        var state: SubmissionState
        var stateLabel: String
        var accepts: String
        var limits: String
        var uploadURL: String
        var closed: Bool
        var returnReason: String?
        var originals: String?
        var versions: [Version]
    }

    struct Version: Encodable {
        var version: Int
        var fileName: String
        var receivedText: String
        var isLate: Bool
        var reviewLabel: String
        var url: String
        var downloadURL: String
    }

    static func build(_ cycle: Cycle, unitID: UUID, on req: Request) async throws -> ChecklistPage {
        let cycleID = try cycle.requireID()
        let user = try req.user()
        let secretariat = Policy.allows(user, .runCycle(cycle))
        guard let unit = try await DirectoryService.unit(unitID, on: req.db) else { throw AppError.notFound(req.t("unit.not_found")) }
        let matrix = try await StatusMatrix.build(for: cycle, on: req.db)
        let cells = matrix.rows.first { $0.unitID == unitID }?.cells ?? []
        let requirements = Dictionary(uniqueKeysWithValues: try await RequirementService.requirements(of: cycleID, on: req.db)
            .map { ($0.0.id!, $0) })
        let submissions = try await SubmissionService.versions(of: unitID, requirements: Array(requirements.keys), on: req.db)
        let rows: [Row] = cells.filter { $0.state != .notRequired }.compactMap { cell in
            guard let (r, m) = requirements[cell.requirementID] else { return nil }
            let parent = r.parentID.flatMap { requirements[$0]?.0.title }
            return Row(
                code: r.code, title: parent.map { "\($0) — \(r.title)" } ?? r.title, dueText: VietnameseDate.long(m.dueAt),
                state: cell.state, stateLabel: req.t(cell.state.labelKey),
                accepts: r.kinds.map { $0.uppercased() }.joined(separator: ", "),
                limits: ByteCount.text(r.maxBytes) + (r.maxPages.map { ", ≤ \($0) " + req.t("pages") } ?? ""),
                uploadURL: SiteURL.requirementUpload(r.id!), closed: r.closedAt.map { req.now >= $0 } ?? false,
                returnReason: cell.state == .returned ? cell.reviewReason : nil,
                originals: r.originalsRequired > 0 ? "\(cell.originals)/\(r.originalsRequired)" : nil,
                versions: submissions.filter { $0.requirementID == r.id }.map { s in
                    Version(version: s.version, fileName: s.originalName,
                            receivedText: VietnameseDate.long(s.receivedAt), isLate: s.isLate,
                            reviewLabel: req.t(s.review.labelKey), url: SiteURL.submission(s.id!),
                            downloadURL: SiteURL.submissionFile(s.id!))
                })
        }
        let units = Policy.allows(user, .readCycleFiles(cycle))
            ? try await CycleService.members(of: cycleID, on: req.db).map { Choice(id: $0.id!.uuidString, name: $0.name, selected: $0.id == unitID) }
            : []
        let unitQuery = secretariat && user.$unit.id != unitID ? "&unitID=\(unitID.uuidString)" : ""
        return ChecklistPage(heading: req.t("checklist_heading", ["unit": unit.name, "year": String(cycle.year)]),
                             cycleURL: SiteURL.cycle(cycleID), unitID: unitID.uuidString, unitName: unit.name,
                             units: units, rows: rows, csrfQuery: "csrfToken=\(req.csrfToken)\(unitQuery)",
                             calendarURL: try await NotificationsAPI.calendarURL(unitID: unitID, on: req))
    }
}
