import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The conference of a cycle: time, place, participants, agenda and attendance.
enum ConferenceService {
    static func find(cycleID: UUID, on db: Database) async throws -> Conference? {
        try await Conference.query(on: db).filter(\.$cycleID == cycleID).first()
    }

    /// The conferences of several cycles, by cycle, in one query.
    static func conferences(of cycleIDs: [UUID], on db: Database) async throws -> [UUID: Conference] {
        Dictionary(try await Conference.query(on: db).filter(\.$cycleID ~~ cycleIDs).all().map { ($0.cycleID, $0) },
                   uniquingKeysWith: { first, _ in first })
    }

    static func require(cycleID: UUID, on req: Request) async throws -> Conference {
        guard let conference = try await find(cycleID: cycleID, on: req.db) else {
            throw AppError.notFound(req.t("conference.not_found"))
        }
        return conference
    }

    static func dto(_ c: Conference, on db: Database) async throws -> ConferenceDTO {
        let id = try c.requireID()
        let groups = try await ParticipantGroup.query(on: db).filter(\.$conferenceID == id).sort(\.$position).all()
        let agenda = try await AgendaItem.query(on: db).filter(\.$conferenceID == id).sort(\.$number).all()
        return ConferenceDTO(
            cycleID: c.cycleID, startsAt: LocalTime.rfc3339(c.startsAt), endsAt: c.endsAt.map(LocalTime.rfc3339),
            venue: c.venue, form: c.form.rawValue, participants: groups.map { ParticipantGroupDTO(name: $0.name, members: $0.members) },
            agenda: agenda.map { AgendaItemDTO(part: $0.part, number: $0.number, text: $0.text, link: $0.link,
                                               ballotKind: $0.ballotKind, outcome: $0.outcome) },
            minutes: c.minutes, minutesLocked: c.minutesLockedAt != nil, officers: c.officers)
    }

    static func put(cycleID: UUID, _ input: ConferenceInput, on req: Request) async throws -> Conference {
        let cycle = try await CycleService.find(cycleID, on: req)
        try req.authorize(.runCycle(cycle))
        guard let startsAt = LocalTime.parseRFC3339(input.startsAt) else {
            throw AppError.validation("startsAt", req.t("milestone.bad_due_at"))
        }
        var end: Date?
        if let text = input.endsAt, !text.isEmpty {
            guard let parsed = LocalTime.parseRFC3339(text), parsed > startsAt else {
                throw AppError.validation("endsAt", req.t("conference.bad_end"))
            }
            end = parsed
        }
        let endsAt = end
        let venue = try Validate.text(input.venue, "venue", max: 500, on: req)
        let form = input.form ?? .inPerson
        let groups = input.participants ?? []
        for (i, g) in groups.enumerated() { _ = try Validate.name(g.name, "participants[\(i)].name", on: req) }
        let agenda = input.agenda ?? []
        for (i, item) in agenda.enumerated() {
            _ = try Validate.text(item.text, "agenda[\(i)].text", max: 2000, on: req)
        }
        let officers = try input.officers.map { try validated($0, on: req) }
        let existing = try await find(cycleID: cycleID, on: req.db)
        let before = try await existing.asyncMap { try await dto($0, on: req.db) }
        let actor = req.actorName
        return try await req.audited { db in
            let c = existing ?? Conference()
            c.cycleID = cycleID
            c.startsAt = startsAt
            c.endsAt = endsAt
            c.venue = venue
            c.form = form
            if let officers { c.officers = officers }
            try await c.save(on: db)
            let id = try c.requireID()
            try await ParticipantGroup.query(on: db).filter(\.$conferenceID == id).delete()
            for (i, g) in groups.enumerated() {
                let row = ParticipantGroup()
                row.conferenceID = id
                row.position = i
                row.name = g.name.trimmingCharacters(in: .whitespacesAndNewlines)
                row.members = g.members
                try await row.create(on: db)
            }
            // Outcomes already written stay with their item number.
            let outcomes = Dictionary(try await AgendaItem.query(on: db).filter(\.$conferenceID == id).all()
                .compactMap { item in item.outcome.map { (item.number, $0) } }, uniquingKeysWith: { a, _ in a })
            try await AgendaItem.query(on: db).filter(\.$conferenceID == id).delete()
            for item in agenda {
                let row = AgendaItem()
                row.conferenceID = id
                row.part = item.part
                row.number = item.number
                row.text = item.text
                row.link = item.link
                row.ballotKind = item.ballotKind
                row.outcome = item.outcome ?? outcomes[item.number]
                try await row.create(on: db)
            }
            return (c, AuditRecord(actor: actor, action: existing == nil ? "create" : "update", entity: "conference",
                                   entityID: id.uuidString, before: before, after: try await dto(c, on: db)))
        }
    }

    /// Names on one line, positions as text; a person with no name is not recorded.
    static func validated(_ o: ConferenceOfficers, on req: Request) throws -> ConferenceOfficers {
        func one(_ p: ConferenceOfficer?, _ field: String) throws -> ConferenceOfficer? {
            guard let p, !p.name.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            return ConferenceOfficer(name: try Validate.name(p.name, field + ".name", max: 120, on: req),
                                     position: try Validate.optionalText(p.position, field + ".position", on: req) ?? "")
        }
        guard o.countingCommittee.count <= 9 else { throw AppError.validation("officers.countingCommittee", req.t("conference.committee_too_large")) }
        return ConferenceOfficers(
            chair: try one(o.chair, "officers.chair"), secretary: try one(o.secretary, "officers.secretary"),
            countingCommittee: try o.countingCommittee.enumerated().compactMap { try one($1, "officers.countingCommittee[\($0)]") })
    }

    /// The officers the documents name; none when there is no conference yet.
    static func officers(cycleID: UUID, on db: Database) async throws -> ConferenceOfficers {
        try await find(cycleID: cycleID, on: db)?.officers ?? .none
    }

    static func attendance(cycle: Cycle, on db: Database) async throws -> AttendanceDTO {
        let members = try await CycleService.members(of: cycle.requireID(), on: db)
        var rows: [UUID: Attendance] = [:]
        if let c = try await find(cycleID: cycle.requireID(), on: db) {
            for a in try await Attendance.query(on: db).filter(\.$conferenceID == c.requireID()).all() { rows[a.unitID] = a }
        }
        let units = members.map { unit in
            AttendanceDTO.Row(unitID: unit.id!, unitName: unit.name, present: rows[unit.id!]?.present ?? false,
                              representative: rows[unit.id!]?.representative,
                              checkedInAt: rows[unit.id!].map { LocalTime.rfc3339($0.checkedInAt) })
        }
        let present = units.filter(\.present).count
        return AttendanceDTO(members: members.count, present: present, quorum: present * 2 > members.count, units: units)
    }

    static func checkIn(cycleID: UUID, _ input: AttendanceInput, on req: Request) async throws -> AttendanceDTO {
        let cycle = try await CycleService.find(cycleID, on: req)
        try req.authorize(.runCycle(cycle))
        let conference = try await require(cycleID: cycleID, on: req)
        // Point queries only: checking in 500 units must not read the member list 500 times.
        guard let unit = try await Membership.query(on: req.db).filter(\.$cycle.$id == cycleID).filter(\.$unit.$id == input.unitID)
            .with(\.$unit).first()?.unit else {
            throw AppError.validation("unitID", req.t("conference.not_member"))
        }
        let representative = try Validate.optionalName(input.representative, "representative", on: req)
        let actor = req.actorName
        let now = req.now
        try await req.audited { db in
            let row = try await Attendance.query(on: db).filter(\.$conferenceID == conference.requireID())
                .filter(\.$unitID == input.unitID).first() ?? Attendance()
            row.conferenceID = try conference.requireID()
            row.unitID = input.unitID
            row.present = input.present
            row.representative = representative
            row.checkedInAt = now
            try await row.save(on: db)
            return ((), AuditRecord(actor: actor, action: "attendance", entity: "conference", entityID: try conference.requireID().uuidString,
                                    before: String?.none, after: ["unitID": input.unitID.uuidString, "present": String(input.present),
                                                                  "representative": representative ?? ""]))
        }
        // The counts and the one row that changed; the whole list is GET's answer.
        let members = try await Membership.query(on: req.db).filter(\.$cycle.$id == cycleID).count()
        let present = try await Attendance.query(on: req.db).filter(\.$conferenceID == conference.requireID())
            .filter(\.$present == true).count()
        let row = AttendanceDTO.Row(unitID: input.unitID, unitName: unit.name, present: input.present, representative: representative,
                                    checkedInAt: LocalTime.rfc3339(now))
        return AttendanceDTO(members: members, present: present, quorum: present * 2 > members, units: [row])
    }
}

extension Optional {
    /// `map` for async transforms.
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
