import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Conference minutes (biên bản hội nghị): a draft generated from the data, edited by the secretariat, then locked.
enum MinutesService {
    static func draft(_ cycle: Cycle, on req: Request) async throws -> String {
        let cycleID = try cycle.requireID()
        let conference = try await ConferenceService.require(cycleID: cycleID, on: req)
        let dto = try await ConferenceService.dto(conference, on: req.db)
        let attendance = try await ConferenceService.attendance(cycle: cycle, on: req.db)
        guard let bloc = try await Bloc.find(cycle.$bloc.id, on: req.db) else { throw AppError.notFound(req.t("bloc.not_found")) }
        var lines = [req.t("minutes_title_line", ["bloc": bloc.name.uppercased(), "year": String(cycle.year)]), ""]
        lines.append(req.t("minutes_time", ["when": VietnameseDate.long(conference.startsAt)]))
        lines.append(req.t("minutes_venue", ["venue": conference.venue]))
        lines.append(req.t("minutes_participants"))
        lines += dto.participants.map { "- \($0.name): \($0.members)" }
        lines.append(req.t("minutes_attendance", ["present": String(attendance.present), "members": String(attendance.members)]))
        lines += attendance.units.map { u in
            "- \(u.unitName): " + (u.present ? req.t("present") + (u.representative.map { " (\($0))" } ?? "") : req.t("absent"))
        }
        lines.append("")
        lines.append(req.t("minutes_content"))
        var part = ""
        for item in dto.agenda {
            if item.part != part { lines.append(item.part); part = item.part }
            lines.append("\(item.number). \(item.text)" + (item.outcome.map { " — " + req.t("minutes_outcome") + ": " + $0 } ?? ""))
        }
        let names = try await BallotService.names(localizer: req.application.localizer, on: req.db)
        let ballots = try await Ballot.query(on: req.db).filter(\.$cycleID == cycleID).filter(\.$status == .closed).sort(\.$closedAt).all()
        if !ballots.isEmpty { lines += ["", req.t("minutes_ballots")] }
        for b in ballots {
            guard let r = BallotService.storedResult(b) else { continue }
            lines.append("- \(b.title): " + req.t("minutes_ballot_figures", ["cast": String(r.ballotsCast), "valid": String(r.valid), "invalid": String(r.invalid)]))
            for c in r.counts { lines.append("  · \(names[c.candidate] ?? c.candidate): \(c.votes) " + req.t("votes") + " (\(DocxFormat.percent(c.share)))") }
            let winners = r.outcome.map { names[$0] ?? $0 }.joined(separator: "; ")
            lines.append("  " + req.t("minutes_outcome") + ": " + (winners.isEmpty ? req.t("outcome_none") : winners)
                         + (r.tie.isEmpty ? "" : " — " + req.t("minutes_tie")))
        }
        return lines.joined(separator: "\n")
    }


    static func save(_ cycleID: UUID, text: String, lock: Bool, on req: Request) async throws {
        let cycle = try await CycleService.find(cycleID, on: req)
        try req.authorize(.runCycle(cycle))
        let conference = try await ConferenceService.require(cycleID: cycleID, on: req)
        guard conference.minutesLockedAt == nil else { throw AppError.conflict(req.t("conference.minutes_locked")) }
        // Stored as cleaned text (UserText); line breaks are kept.
        let minutes = try Validate.text(text, "minutes", max: 100_000, on: req)
        let before = conference.minutes
        let actor = req.actorName
        let now = req.now
        try await req.audited { db in
            conference.minutes = minutes
            if lock { conference.minutesLockedAt = now }
            try await conference.save(on: db)
            return ((), AuditRecord(actor: actor, action: lock ? "lock-minutes" : "edit-minutes", entity: "conference",
                                    entityID: try conference.requireID().uuidString, before: before, after: minutes))
        }
    }
}
