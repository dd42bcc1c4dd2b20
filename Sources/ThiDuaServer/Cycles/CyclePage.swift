import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The view model of the cycle page.
struct CyclePage: Encodable {
    var heading: String
    var blocName: String
    var blocURL: String
    var year: Int
    var headName: String
    var deputyName: String
    var members: [Member]
    var ruleSetName: String?
    var ruleSetIsExample: Bool
    var milestones: [Row]
    /// One row: the new-milestone form, refilled from a failed attempt (a list, so the template can bind it as `m`).
    var drafts: [Row]
    var canManage: Bool
    /// The administrator's set-up form; nil for everyone else.
    var setup: Setup?
    var formURL: String
    var nextText: String?
    var requirementsURL: String
    var checklistURL: String
    var cycleLinks: CycleLinks
    var dashboardURL: String
    var conferenceURL: String
    var canSeeDashboard: Bool

    struct Setup: Encodable {
        var url: String
        var units: [Choice]
        var ruleSets: [Choice]
    }

    struct Choice: Encodable {
        var id: String
        var name: String
        var isMember: Bool
        var isHead: Bool
        var isDeputy: Bool
        var isSelected: Bool
    }

    struct Member: Encodable {
        var name: String
        var shortName: String
        var roleLabel: String?
    }

    struct Row: Encodable {
        var id: String
        var code: String
        var title: String
        var dueText: String
        var dueISO: String
        var ruleText: String
        var status: String
        var statusLabel: String
        var updateURL: String
        var deleteURL: String
        var isRelative: Bool
        var date: String
        var time: String
        var relativeTo: String
        var offsetDays: Int
        var dayKind: String
        /// `MilestoneRole` raw value, or "" for a milestone that is only shown.
        var role: String
    }

    /// The choices of the milestone form's role and day-kind selects.
    var roles: [Option]
    var dayKinds: [Option]

    struct Option: Encodable {
        var value: String
        var label: String
    }

    static func build(_ cycle: Cycle, on req: Request) async throws -> CyclePage {
        let dto = try await CycleService.dto(cycle, on: req.db)
        let bloc = try await CycleService.requireBloc(dto.blocID, on: req)
        let milestones = try await MilestoneService.milestones(of: dto.id, on: req.db)
        let statuses = MilestoneService.statuses(milestones, now: req.now)
        let codes = Dictionary(uniqueKeysWithValues: milestones.compactMap { m in m.id.map { ($0, m.code) } })
        let titles = Dictionary(uniqueKeysWithValues: milestones.compactMap { m in m.id.map { ($0, m.title) } })
        let calendar = DeadlineCalendar(holidays: [])
        let rows = milestones.map { m -> Row in
            let status = statuses[m.id!] ?? .upcoming
            let local = calendar.localDate(of: m.dueAt)
            let hm = VietnameseDate.hourMinute(m.dueAt)
            return Row(
                id: m.id!.uuidString, code: m.code, title: m.title, dueText: VietnameseDate.long(m.dueAt),
                dueISO: LocalTime.rfc3339(m.dueAt), ruleText: ruleText(m, titles: titles, req: req),
                status: status.rawValue, statusLabel: req.t(status.labelKey),
                updateURL: SiteURL.milestone(m.id!), deleteURL: SiteURL.milestoneDelete(m.id!),
                isRelative: m.ruleKind == .relative,
                date: local.iso, time: m.ruleKind == .instant ? hm : "",
                relativeTo: m.relativeToID.flatMap { codes[$0] } ?? "", offsetDays: m.offsetDays ?? 0,
                dayKind: (m.dayKind ?? .calendar).rawValue, role: m.role?.rawValue ?? ""
            )
        }
        let user = try req.user()
        let members = dto.members.map { unit in
            Member(name: unit.name, shortName: unit.shortName,
                   roleLabel: unit.id == dto.headUnit.id ? req.t("head_unit") : unit.id == dto.deputyUnit.id ? req.t("deputy_unit") : nil)
        }
        let next = rows.first { $0.status == MilestoneStatus.next.rawValue }
        return CyclePage(
            heading: req.t("cycle_heading", ["bloc": bloc.name, "year": String(dto.year)]),
            blocName: bloc.name, blocURL: SiteURL.bloc(dto.blocID), year: dto.year,
            headName: dto.headUnit.name, deputyName: dto.deputyUnit.name, members: members,
            ruleSetName: dto.ruleSet.map { "\($0.name) (\($0.version))" }, ruleSetIsExample: dto.ruleSet?.isExample ?? false,
            milestones: rows, drafts: [draft(from: req.peekFlash()?.values ?? [:])], canManage: Policy.allows(user, .manageMilestones(cycle)),
            setup: Policy.allows(user, .manageDirectory) ? try await setup(dto, on: req) : nil,
            formURL: SiteURL.cycleMilestones(dto.id),
            nextText: next.map { req.t("next_milestone", ["title": $0.title, "due": $0.dueText]) },
            requirementsURL: SiteURL.requirements(dto.id), checklistURL: SiteURL.checklist(dto.id), cycleLinks: CycleLinks(dto.id),
            dashboardURL: SiteURL.dashboard(dto.id), conferenceURL: SiteURL.conference(dto.id), canSeeDashboard: Policy.allows(user, .readCycleFiles(cycle)),
            roles: [Option(value: "", label: req.t("milestone_role_none"))]
                + MilestoneRole.allCases.map { Option(value: $0.rawValue, label: req.t($0.labelKey)) },
            dayKinds: DayKind.allCases.map { Option(value: $0.rawValue, label: req.t($0.labelKey)) }
        )
    }

    static func setup(_ dto: CycleDTO, on req: Request) async throws -> Setup {
        let members = Set(dto.members.map(\.id))
        let units = try await DirectoryService.units(on: req.db).map { unit in
            Choice(id: unit.id!.uuidString, name: unit.name, isMember: members.contains(unit.id!),
                   isHead: unit.id == dto.headUnit.id, isDeputy: unit.id == dto.deputyUnit.id, isSelected: false)
        }
        let ruleSets = try await RuleSetService.all(on: req.db).map { record in
            Choice(id: record.id!.uuidString, name: "\(record.name) (\(record.version))", isMember: false, isHead: false,
                   isDeputy: false, isSelected: record.id == dto.ruleSet?.id)
        }
        return Setup(url: SiteURL.Path.cycleSetup.link(dto.id), units: units, ruleSets: ruleSets)
    }

    static func draft(from values: [String: String]) -> Row {
        Row(id: "", code: values["code"] ?? "", title: values["title"] ?? "", dueText: "", dueISO: "", ruleText: "",
            status: "", statusLabel: "", updateURL: "", deleteURL: "", isRelative: values["mode"] == "relative",
            date: values["date"] ?? "", time: values["time"] ?? "", relativeTo: values["relativeTo"] ?? "",
            offsetDays: Int(values["offsetDays"] ?? "") ?? 0, dayKind: values["dayKind"] ?? DayKind.calendar.rawValue,
            role: values["role"] ?? "")
    }

    /// "3 ngày làm việc sau Hội nghị tổng kết": the milestone it follows named by its title, not its code.
    static func ruleText(_ m: Milestone, titles: [UUID: String], req: Request) -> String {
        switch m.ruleKind {
        case .relative:
            let base = m.relativeToID.flatMap { titles[$0] } ?? "?"
            let key = (m.dayKind == .working) ? "rule_relative_working" : "rule_relative_calendar"
            return req.t(key, ["days": String(m.offsetDays ?? 0), "base": base])
        case .endOfDay:
            return req.t("rule_end_of_day")
        case .instant:
            return req.t("rule_instant")
        }
    }
}
