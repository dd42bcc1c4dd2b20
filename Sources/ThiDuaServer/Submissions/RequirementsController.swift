import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// The requirements page: what the plan asks every unit to send; the secretariat's forms to change it.
enum RequirementsController {
    struct RequirementsPage: Encodable {
        var heading: String
        var cycleURL: String
        var formURL: String
        var rows: [Row]
        var canManage: Bool
        var milestones: [Option]
        var groups: [Option]
        var units: [Option]
        var audiences: [Option]
        var roles: [Option]
        var kinds: [String]
    }

    struct Option: Encodable { var value: String; var label: String }

    struct Row: Encodable {
        var code: String
        var title: String
        var isPart: Bool
        var dueText: String
        var audience: String
        var accepts: String
        var limits: String
        var originalsRequired: Int
        var closed: Bool
        var url: String
    }

    static func index(_ req: Request) async throws -> View {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        let cycleID = try cycle.requireID()
        let requirements = try await RequirementService.requirements(of: cycleID, on: req.db)
        let rows = requirements.map { r, m in
            Row(code: r.code, title: r.title, isPart: r.parentID != nil, dueText: VietnameseDate.long(m.dueAt),
                audience: req.t(r.audience.labelKey), accepts: r.kinds.map { $0.uppercased() }.joined(separator: ", "),
                limits: ByteCount.text(r.maxBytes) + (r.maxPages.map { ", ≤ \($0) " + req.t("pages") } ?? ""),
                originalsRequired: r.originalsRequired, closed: r.closedAt.map { req.now >= $0 } ?? false,
                url: SiteURL.requirement(r.id!))
        }
        let page = RequirementsPage(
            heading: req.t("requirements_heading", ["year": String(cycle.year)]), cycleURL: SiteURL.cycle(cycleID),
            formURL: SiteURL.requirements(cycleID), rows: rows,
            canManage: Policy.allows(try req.user(), .runCycle(cycle)),
            milestones: try await MilestoneService.milestones(of: cycleID, on: req.db).map { Option(value: $0.code, label: "\($0.code) — \($0.title)") },
            groups: requirements.filter { $0.0.parentID == nil }.map { Option(value: $0.0.id!.uuidString, label: $0.0.code) },
            units: try await CycleService.members(of: cycleID, on: req.db).map { Option(value: $0.id!.uuidString, label: $0.name) },
            audiences: Audience.allCases.map { Option(value: $0.rawValue, label: req.t($0.labelKey)) },
            roles: [Option(value: "", label: req.t("requirement_role_none"))]
                + RequirementRole.allCases.map { Option(value: $0.rawValue, label: req.t($0.labelKey)) },
            kinds: FileKind.allCases.filter { $0 != .unknown }.map(\.rawValue))
        return try await req.render("submissions/requirements", title: page.heading, page)
    }

    /// The requirement form carries the API's `RequirementInput` fields (the size as bytes, from a list).
    static func create(_ req: Request) async throws -> Response {
        let cycleID = try req.idParameter("cycleID")
        return try await req.formAction(back: SiteURL.requirements(cycleID)) {
            let r = try await RequirementService.create(in: cycleID, req.formInput(RequirementInput.self), on: req)
            req.setFlash(Flash(kind: .ok, message: req.t("requirement_saved", ["code": r.code])))
            return SiteURL.requirements(cycleID)
        }
    }

    /// The buttons of a requirement's row.
    enum Button: String, FormButton { case close, reopen, `extension`, originals }

    /// A unit's extension or originals: the date and hour boxes become the API's instant.
    struct UnitDateForm: WebForm {
        var unitID: UUID
        var date: String?
        var time: String?
        var count: Int?

        func input(on req: Request) throws -> (unitID: UUID, instant: String?, count: Int?) {
            let day = (date ?? "").trimmingCharacters(in: .whitespaces)
            let hour = (time ?? "").trimmingCharacters(in: .whitespaces)
            return (unitID, day.isEmpty ? nil : hour.isEmpty ? day : "\(day)T\(hour):00+07:00", count)
        }
    }

    /// Close or reopen, grant an extension, or record originals, from the requirements page.
    static func act(_ req: Request) async throws -> Response {
        let id = try req.idParameter("requirementID")
        let r = try await RequirementService.find(id, on: req)
        let back = SiteURL.requirements(r.$cycle.id)
        return try await req.formAction(back: back) {
            let button = try req.button(Button.self)
            switch button {
            case .close, .reopen:
                _ = try await RequirementService.update(id, RequirementInput(closed: button == .close), on: req)
            case .`extension`:
                let form = try req.webForm(UnitDateForm.self)
                _ = try await SubmissionService.grantExtension(id, ExtensionInput(unitID: form.unitID, dueAt: form.instant ?? ""), on: req)
            case .originals:
                let form = try req.webForm(UnitDateForm.self)
                guard let count = form.count else { throw AppError.malformed("count", req.t("validation.whole_number", ["field": "count"])) }
                _ = try await SubmissionService.recordOriginals(id, OriginalsInput(unitID: form.unitID, count: count, receivedAt: form.instant), on: req)
            }
            req.setFlash(Flash(kind: .ok, message: req.t("requirement_saved", ["code": r.code])))
            return back
        }
    }
}
