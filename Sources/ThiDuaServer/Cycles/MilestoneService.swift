import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Milestones of a plan. Every write re-resolves the whole cycle in ThiDuaCore, so a change
/// to a base milestone moves its dependants, and a loop is refused before anything is stored.
enum MilestoneService {
    static func milestones(of cycleID: UUID, on db: Database) async throws -> [Milestone] {
        try await Milestone.query(on: db).filter(\.$cycle.$id == cycleID).sort(\.$dueAt).sort(\.$code).all()
    }

    static func find(_ id: UUID, on req: Request) async throws -> Milestone {
        guard let milestone = try await Milestone.find(id, on: req.db) else {
            throw AppError.notFound(req.t("milestone.not_found"))
        }
        return milestone
    }

    /// The next milestone not yet due, as the cycle page marks it.
    static func next(_ milestones: [Milestone], now: Date) -> Milestone? {
        let statuses = statuses(milestones, now: now)
        return milestones.first { statuses[$0.id!] == .next }
    }

    static func statuses(_ milestones: [Milestone], now: Date) -> [UUID: MilestoneStatus] {
        var due: [String: Date] = [:]
        for m in milestones { if let id = m.id { due[id.uuidString] = m.dueAt } }
        let statuses = MilestoneTimeline.statuses(due, now: now)
        return Dictionary(uniqueKeysWithValues: statuses.compactMap { key, value in UUID(uuidString: key).map { ($0, value) } })
    }

    static func rule(of m: Milestone) -> DueRule {
        switch m.ruleKind {
        case .endOfDay:
            return .endOfLocalDay(LocalDate(iso: m.localDate ?? "") ?? LocalDate(year: 1970, month: 1, day: 1))
        case .relative:
            return .relative(to: m.relativeToID?.uuidString ?? "", offsetDays: m.offsetDays ?? 0,
                             dayKind: m.dayKind ?? .calendar)
        case .instant:
            return .instant(m.fixedAt ?? m.dueAt)
        }
    }

    /// Resolves every milestone of the cycle and saves the ones whose instant moved.
    static func resolve(_ milestones: [Milestone], calendar: DeadlineCalendar, on db: Database, req: Request) async throws {
        let rules = milestones.compactMap { m in m.id.map { MilestoneRule(key: $0.uuidString, rule: rule(of: m)) } }
        let resolved: [String: Date]
        do {
            resolved = try calendar.resolve(rules)
        } catch {
            throw AppError.validation("relativeTo", message(for: error, milestones: milestones, req: req))
        }
        for m in milestones {
            guard let id = m.id, let due = resolved[id.uuidString], due != m.dueAt else { continue }
            m.dueAt = due
            try await m.save(on: db)
        }
    }

    private static func message(for error: DeadlineError, milestones: [Milestone], req: Request) -> String {
        let codes = Dictionary(uniqueKeysWithValues: milestones.compactMap { m in m.id.map { ($0.uuidString, m.code) } })
        switch error {
        case let .cycle(keys):
            return req.t("milestone.cycle", ["path": keys.map { codes[$0] ?? $0 }.joined(separator: " → ")])
        case let .unknownBase(milestone, _):
            return req.t("milestone.unknown_base", ["code": codes[milestone] ?? milestone])
        case let .outOfRange(milestone):
            return req.t("milestone.out_of_range", ["code": codes[milestone] ?? milestone])
        }
    }

    /// Applies `input` onto `m`; `creating` makes code, title and a due rule required.
    static func apply(_ input: MilestoneInput, to m: Milestone, in cycleID: UUID, creating: Bool, on req: Request) async throws {
        if creating || input.code != nil {
            let code = try Validate.code(input.code, "code", on: req)
            var duplicate = Milestone.query(on: req.db).filter(\.$cycle.$id == cycleID).filter(\.$code == code)
            if let id = m.id { duplicate = duplicate.filter(\.$id != id) }
            if try await duplicate.first() != nil {
                throw AppError.conflict(req.t("milestone.duplicate_code", ["code": code]), field: "code")
            }
            m.code = code
        }
        if creating || input.title != nil { m.title = try Validate.text(input.title, "title", max: 500, on: req) }
        if let role = input.role {
            // One scoring deadline per cycle: two would leave self-assessments with no single due date.
            var holder = Milestone.query(on: req.db).filter(\.$cycle.$id == cycleID).filter(\.$role == role)
            if let id = m.id { holder = holder.filter(\.$id != id) }
            if let other = try await holder.first() {
                throw AppError.conflict(req.t("milestone.role_taken", ["code": other.code]), field: "role")
            }
            m.role = role
        }
        if input.dueAt != nil && input.relativeTo != nil {
            throw AppError.validation("dueAt", req.t("milestone.both_rules"))
        }
        if let dueAt = input.dueAt {
            if let date = LocalDate.supported(dueAt) {
                setEndOfDay(m, date)
            } else if let instant = LocalTime.parseRFC3339(dueAt) {
                m.ruleKind = .instant
                m.fixedAt = instant
                m.localDate = nil
                clearRelative(m)
            } else {
                throw AppError.validation("dueAt", req.t("milestone.bad_due_at"))
            }
        } else if let base = input.relativeTo {
            let baseMilestone = try await findBase(base, in: cycleID, on: req)
            guard baseMilestone.id != m.id || m.id == nil else {
                throw AppError.validation("relativeTo", req.t("milestone.cycle", ["path": "\(m.code) → \(m.code)"]))
            }
            let offset = input.offsetDays ?? 0
            guard (-366...366).contains(offset) else {
                throw AppError.validation("offsetDays", req.t("milestone.bad_offset"))
            }
            guard let kind = DayKind(rawValue: input.dayKind ?? DayKind.calendar.rawValue) else {
                throw AppError.malformed("dayKind", req.t("milestone.bad_day_kind"))
            }
            m.ruleKind = .relative
            m.relativeToID = try baseMilestone.requireID()
            m.offsetDays = offset
            m.dayKind = kind
            m.fixedAt = nil
            m.localDate = nil
        } else if creating {
            throw AppError.validation("dueAt", req.t("milestone.rule_required"))
        } else if m.ruleKind == .relative {
            // Only the offset or day kind changed.
            if let offset = input.offsetDays {
                guard (-366...366).contains(offset) else {
                    throw AppError.validation("offsetDays", req.t("milestone.bad_offset"))
                }
                m.offsetDays = offset
            }
            if let kindText = input.dayKind {
                guard let kind = DayKind(rawValue: kindText) else {
                    throw AppError.malformed("dayKind", req.t("milestone.bad_day_kind"))
                }
                m.dayKind = kind
            }
        }
    }

    static func setEndOfDay(_ m: Milestone, _ date: LocalDate) {
        m.ruleKind = .endOfDay
        m.localDate = date.iso
        m.fixedAt = nil
        clearRelative(m)
    }

    private static func clearRelative(_ m: Milestone) {
        m.relativeToID = nil
        m.offsetDays = nil
        m.dayKind = nil
    }

    /// A base is named by ID or by code, and must be in the same cycle.
    private static func findBase(_ reference: String, in cycleID: UUID, on req: Request) async throws -> Milestone {
        var query = Milestone.query(on: req.db).filter(\.$cycle.$id == cycleID)
        if let id = UUID(uuidString: reference) {
            query = query.filter(\.$id == id)
        } else {
            query = query.filter(\.$code == reference.uppercased().trimmingCharacters(in: .whitespaces))
        }
        guard let base = try await query.first() else {
            throw AppError.validation("relativeTo", req.t("milestone.base_not_found", ["ref": reference]))
        }
        return base
    }
}
