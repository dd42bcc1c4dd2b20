import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// The plan's data: stored for the cycle when set (the demo stores the 2023 plan), else drawn from the cycle
/// — bloc, milestones, conference and agenda — with a number taken once from the bloc's register.
enum PlanDataService {
    static func planData(_ cycle: Cycle, on req: Request) async throws -> PlanData {
        let cycleID = try cycle.requireID()
        if let record = try await Self.record(of: cycleID, on: req.db),
           let plan = try? JSONDecoder().decode(PlanData.self, from: Data(record.document.utf8)) {
            return try await withMilestoneDates(plan, cycleID: cycleID, on: req.db)
        }
        let plan = try await draft(cycle, on: req)
        let record = PlanRecord()
        record.cycleID = cycleID
        record.document = AuditLog.json(plan)
        try await record.create(on: req.db)
        return plan
    }

    /// The stored plan with every step that names a milestone dated from that milestone as it is now: the plan and
    /// the timeline never state two different dates, and a moved milestone moves the plan.
    static func withMilestoneDates(_ plan: PlanData, cycleID: UUID, on db: Database) async throws -> PlanData {
        let calendar = DeadlineCalendar(holidays: [])
        let due = Dictionary(try await MilestoneService.milestones(of: cycleID, on: db).map { ($0.code, $0.dueAt) },
                             uniquingKeysWith: { first, _ in first })
        var plan = plan
        plan.steps = plan.steps.map { step in
            step.milestone.flatMap { due[$0] }.map { step.dated(calendar.localDate(of: $0)) } ?? step
        }
        return plan
    }

    /// The cycle's stored plan, if one was stored.
    static func record(of cycleID: UUID, on db: Database) async throws -> PlanRecord? {
        try await PlanRecord.query(on: db).filter(\.$cycleID == cycleID).first()
    }

    /// Stores `plan` as the cycle's, over any earlier one; audited with the earlier document as "before".
    static func replace(_ cycle: Cycle, with plan: PlanData, on req: Request) async throws {
        let cycleID = try cycle.requireID()
        let actor = req.actorName
        try await req.audited { db in
            let record = try await Self.record(of: cycleID, on: db) ?? PlanRecord()
            let before = record.id == nil ? nil : record.document
            record.cycleID = cycleID
            record.document = AuditLog.json(plan)
            try await record.save(on: db)
            return ((), AuditRecord(actor: actor, action: "plan-data", entity: "cycle", entityID: cycleID.uuidString,
                                    before: before, after: record.document))
        }
    }

    /// The next number of the bloc's register for the year; the unique index makes a race issue two different numbers.
    static func allocateNumber(blocID: UUID, year: Int, kind: DocumentRecordKind, on db: Database) async throws -> Int {
        try await retryingUnique {
            let last = try await DocumentNumber.query(on: db).filter(\.$blocID == blocID).filter(\.$year == year).max(\.$seq) ?? 0
            let row = DocumentNumber()
            row.blocID = blocID
            row.year = year
            row.seq = last + 1
            row.kind = kind
            try await row.create(on: db)
            return row.seq
        }
    }

    /// Runs `take` again while it meets a unique index (a racing writer took the same number first), ten times at most.
    static func retryingUnique(_ take: () async throws -> Int) async throws -> Int {
        for _ in 0..<10 {
            do { return try await take() } catch let error as DatabaseError where error.isConstraintFailure { continue }
        }
        throw Abort(.serviceUnavailable)
    }

    /// A first plan composed from the cycle: bloc, head and deputy units, rule set, milestones, conference and agenda,
    /// with a number taken once from the bloc's register.
    static func draft(_ cycle: Cycle, on req: Request) async throws -> PlanData {
        let bloc = try await CycleService.requireBloc(cycle.$bloc.id, on: req)
        let cycleID = try cycle.requireID()
        let calendar = DeadlineCalendar(holidays: [])
        let today = calendar.localDate(of: req.now)
        let seq = try await allocateNumber(blocID: bloc.requireID(), year: today.year, kind: DocumentRecordKind(.plan), on: req.db)
        let head = try await DirectoryService.unit(cycle.$headUnit.id, on: req.db)
        let deputy = try await DirectoryService.unit(cycle.$deputyUnit.id, on: req.db)
        let milestones = try await MilestoneService.milestones(of: cycleID, on: req.db)
        var participants: [PlanData.Participant] = [], parts: [PlanData.AgendaPart] = []
        let conference = try await ConferenceService.find(cycleID: cycleID, on: req.db)
        if let conference {
            let dto = try await ConferenceService.dto(conference, on: req.db)
            participants = dto.participants.map { .init(group: $0.name, members: $0.members) }
            for item in dto.agenda {
                let entry = PlanData.AgendaItem(number: String(item.number), text: item.text)
                if parts.last?.title == item.part { parts[parts.count - 1].items.append(entry) } else { parts.append(.init(title: item.part, items: [entry])) }
            }
        }
        return PlanData.compose(PlanFacts(
            issuerParent: bloc.issuer.uppercased(), issuerName: bloc.name.uppercased(), blocName: bloc.name,
            place: bloc.place ?? "……", number: String(format: "%02d-KH/", seq) + bloc.numberSymbol, date: today, year: cycle.year,
            legalBases: try await BallotService.ruleSet(of: cycle, on: req.db)?.legalBasis ?? [],
            headUnit: head?.name ?? "", deputyUnit: deputy?.name ?? "",
            milestones: milestones.map { .init(code: $0.code, title: $0.title, date: calendar.localDate(of: $0.dueAt)) },
            conferenceDate: conference.map { calendar.localDate(of: $0.startsAt) }, venue: conference?.venue,
            online: conference?.form == .online, participants: participants, agenda: parts))
    }
}
