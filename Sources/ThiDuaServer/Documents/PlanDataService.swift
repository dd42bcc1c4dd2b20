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
            return plan
        }
        let plan = try await draft(cycle, on: req)
        let record = PlanRecord()
        record.cycleID = cycleID
        record.document = AuditLog.json(plan)
        try await record.create(on: req.db)
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
        for _ in 0..<10 {
            let last = try await DocumentNumber.query(on: db).filter(\.$blocID == blocID).filter(\.$year == year).max(\.$seq) ?? 0
            let row = DocumentNumber()
            row.blocID = blocID
            row.year = year
            row.seq = last + 1
            row.kind = kind
            do {
                try await row.create(on: db)
                return row.seq
            } catch let error as DatabaseError where error.isConstraintFailure {
                continue
            }
        }
        throw Abort(.serviceUnavailable)
    }

    static func draft(_ cycle: Cycle, on req: Request) async throws -> PlanData {
        let bloc = try await CycleService.requireBloc(cycle.$bloc.id, on: req)
        let cycleID = try cycle.requireID()
        var plan = PlanData.scenario2023
        let today = DeadlineCalendar(holidays: []).localDate(of: req.now)
        let seq = try await allocateNumber(blocID: bloc.requireID(), year: today.year, kind: DocumentRecordKind(.plan), on: req.db)
        plan.issuerName = bloc.name.uppercased()
        plan.issuerParent = bloc.issuer.uppercased()
        plan.blocName = bloc.name
        plan.number = String(format: "%02d-KH/KTĐ", seq)
        plan.date = today
        plan.summary = "Tổng kết phong trào thi đua, công tác khen thưởng năm \(cycle.year) của \(bloc.name)"
        // The 2023 wording serves as the model text; its years follow the cycle.
        let shift = { (text: String) in
            text.replacingOccurrences(of: "2024", with: String(cycle.year + 1)).replacingOccurrences(of: "2023", with: String(cycle.year))
        }
        plan.purposes = plan.purposes.map(shift)
        plan.requirements = plan.requirements.map(shift)
        plan.introduction = shift(plan.introduction)
        plan.unitReview = shift(plan.unitReview)
        plan.closing = shift(plan.closing)
        plan.legalBases = try await BallotService.ruleSet(of: cycle, on: req.db)?.legalBasis ?? []
        let head = try await Unit.find(cycle.$headUnit.id, on: req.db)
        plan.signer = .init(prefix: "TRƯỞNG KHỐI THI ĐUA", position: (head?.name ?? "").uppercased(), name: "")
        plan.recipients = ["Ban Thi đua – Khen thưởng tỉnh", "Các cơ quan thành viên Khối", "Lưu"]
        let milestones = try await MilestoneService.milestones(of: cycleID, on: req.db)
        plan.steps = milestones.enumerated().map { i, m in
            PlanData.Step(number: String(i + 1), who: "Các cơ quan thành viên", what: m.title,
                          due: "trước " + VietnameseDate.long(m.dueAt))
        }
        if let conference = try await ConferenceService.find(cycleID: cycleID, on: req.db) {
            let dto = try await ConferenceService.dto(conference, on: req.db)
            plan.conference.date = VietnameseDate.long(conference.startsAt)
            plan.conference.venue = conference.venue
            plan.conference.participants = dto.participants.map { .init(group: $0.name, members: $0.members) }
            var parts: [PlanData.AgendaPart] = []
            for item in dto.agenda {
                let entry = PlanData.AgendaItem(number: String(item.number), text: item.text)
                if parts.last?.title == item.part { parts[parts.count - 1].items.append(entry) } else { parts.append(.init(title: item.part, items: [entry])) }
            }
            if !parts.isEmpty { plan.conference.agenda = parts }
        }
        return plan
    }
}
