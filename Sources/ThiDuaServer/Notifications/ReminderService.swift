import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Reminders N days before each due instant, to units that have not submitted yet.
enum ReminderService {
    /// Days before the due instant; the rule set's `reminderDaysBefore` when it has one.
    static let defaultDays = [3, 1]

    /// Notices go out in Vietnamese (`Localizer.defaultLanguage`), the language units work in.
    static func enqueueDue(now: Date, localizer: Localizer, on db: Database) async throws {
        let requirements = try await Requirement.query(on: db).all()
        let parents = Set(requirements.compactMap(\.parentID))
        var cycles: [UUID: Cycle] = [:]
        for r in requirements where !parents.contains(r.id!) && r.closedAt == nil {
            guard let milestone = try await Milestone.find(r.milestoneID, on: db) else { continue }
            let cycleID = r.$cycle.id
            if cycles[cycleID] == nil { cycles[cycleID] = try await Cycle.find(cycleID, on: db) }
            guard let cycle = cycles[cycleID] else { continue }
            let days = try await BallotService.ruleSet(of: cycle, on: db)?.reminderDaysBefore ?? defaultDays
            for unitID in try await RequirementService.targets(of: r, cycle: cycle, on: db) {
                let ext = try await DeadlineExtension.query(on: db).filter(\.$requirementID == r.id!).filter(\.$unitID == unitID).first()
                let due = Lateness.effectiveDue(milestoneDue: milestone.dueAt, extensionDue: ext?.dueAt)
                guard due > now else { continue }
                guard let n = days.sorted().first(where: { due.addingTimeInterval(-Double($0) * 86_400) <= now }) else { continue }
                if try await Submission.query(on: db).filter(\.$requirementID == r.id!).filter(\.$unitID == unitID).first() != nil { continue }
                let title = localizer.text("notice.reminder.title", Localizer.defaultLanguage, ["code": r.code, "days": String(n)])
                let body = localizer.text("notice.reminder.body", Localizer.defaultLanguage,
                                          ["title": r.title, "due": VietnameseDate.long(due)])
                try await NoticeService.notifyUnit(unitID, title: title, body: body, link: SiteURL.checklist(cycleID),
                                                   dedupeKey: "reminder:\(r.id!):\(unitID):\(n):\(Int(due.timeIntervalSince1970))",
                                                   now: now, on: db)
            }
        }
    }
}
