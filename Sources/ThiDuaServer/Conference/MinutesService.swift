import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Conference minutes (biên bản hội nghị): a draft generated from the data, edited by the secretariat, then locked.
enum MinutesService {
    /// The proceedings (II. Nội dung) as a first draft for the secretariat to edit: the agenda, part by part, with
    /// each item's outcome. Time, place, attendance and ballot figures are not in it: the minutes state them from
    /// the data in their own sections (`facts`), so each fact is said once.
    static func draft(_ cycle: Cycle, on req: Request) async throws -> String {
        let conference = try await ConferenceService.require(cycleID: try cycle.requireID(), on: req)
        let dto = try await ConferenceService.dto(conference, on: req.db)
        var lines: [String] = []
        var part = ""
        for item in dto.agenda {
            if item.part != part { lines.append(item.part); part = item.part }
            lines.append("\(item.number). \(item.text)" + (item.outcome.map { " — " + req.t("minutes_outcome") + ": " + $0 } ?? ""))
        }
        return lines.joined(separator: "\n")
    }

    /// What the minutes state from the data, shown beside the editor: the meeting, who attended, the ballots' figures.
    static func facts(_ cycle: Cycle, on req: Request) async throws -> [String] {
        let cycleID = try cycle.requireID()
        let conference = try await ConferenceService.require(cycleID: cycleID, on: req)
        let dto = try await ConferenceService.dto(conference, on: req.db)
        let attendance = try await ConferenceService.attendance(cycle: cycle, on: req.db)
        var lines = [req.t("minutes_time", ["when": VietnameseDate.long(conference.startsAt)]),
                     req.t("minutes_venue", ["venue": conference.venue])]
        if !dto.participants.isEmpty { lines.append(req.t("minutes_participants") + " " + dto.participants.map { "\($0.name): \($0.members)" }.joined(separator: "; ")) }
        lines.append(req.t("minutes_attendance", ["present": String(attendance.present), "members": String(attendance.members)]))
        for (key, person) in [("conference_role_chair", dto.officers.chair), ("conference_role_secretary", dto.officers.secretary)] {
            lines.append(req.t(key) + ": " + (person.map { $0.position.isEmpty ? $0.name : "\($0.name), \($0.position)" } ?? req.t("conference_not_recorded")))
        }
        let names = try await BallotService.names(localizer: req.application.localizer, on: req.db)
        for b in try await Ballot.query(on: req.db).filter(\.$cycleID == cycleID).filter(\.$status == .closed).sort(\.$closedAt).all() {
            guard let r = BallotService.storedResult(b) else { continue }
            let winners = r.outcome.map { names[$0] ?? $0 }.joined(separator: "; ")
            lines.append("\(b.title): " + req.t("minutes_ballot_figures", ["cast": String(r.ballotsCast), "valid": String(r.valid), "invalid": String(r.invalid)])
                         + ". " + req.t("minutes_outcome") + ": " + (winners.isEmpty ? req.t("outcome_none") : winners)
                         + (r.tie.isEmpty ? "" : " — " + req.t("minutes_tie")))
        }
        return lines
    }

    /// `conclusion` nil keeps the stored one; empty prints the model conclusion.
    static func save(_ cycleID: UUID, text: String, conclusion: String?, lock: Bool, on req: Request) async throws {
        let cycle = try await CycleService.find(cycleID, on: req)
        try req.authorize(.runCycle(cycle))
        let conference = try await ConferenceService.require(cycleID: cycleID, on: req)
        guard conference.minutesLockedAt == nil else { throw AppError.conflict(req.t("conference.minutes_locked")) }
        // Stored as cleaned text (UserText); line breaks are kept.
        let minutes = try Validate.text(text, "minutes", max: 100_000, on: req)
        let conclusion = try conclusion.map { try Validate.optionalText($0, "conclusion", max: 20_000, on: req) }
        let before = conference.minutes
        let actor = req.actorName
        let now = req.now
        try await req.audited { db in
            conference.minutes = minutes
            if let conclusion { conference.conclusion = conclusion }
            if lock { conference.minutesLockedAt = now }
            try await conference.save(on: db)
            return ((), AuditRecord(actor: actor, action: lock ? "lock-minutes" : "edit-minutes", entity: "conference",
                                    entityID: try conference.requireID().uuidString, before: before,
                                    after: minutes + (conference.conclusion.map { "\n\n" + $0 } ?? "")))
        }
    }
}
