import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// The requirements page: what the plan asks every unit to send; the secretariat's forms to change it.
enum RequirementsController {
    struct Page: Encodable {
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
        let page = Page(
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

    struct Form: Content {
        var code: String?
        var title: String?
        var milestone: String?
        var parentID: String?
        var audience: String?
        var acceptedKinds: [String]?
        var maxMegabytes: String?
        var maxPages: String?
        var originalsRequired: String?
        var role: String?
    }

    static func create(_ req: Request) async throws -> Response {
        let cycleID = try req.idParameter("cycleID")
        let form = try req.content.decode(Form.self)
        let values = ["code": form.code ?? "", "title": form.title ?? ""]
        return try await req.formAction(back: SiteURL.requirements(cycleID), values: values) {
            let megabytes = Double((form.maxMegabytes ?? "").replacingOccurrences(of: ",", with: ".")) ?? 20
            let input = RequirementInput(
                code: form.code, title: form.title, milestone: form.milestone,
                parentID: form.parentID.flatMap(UUID.init(uuidString:)),
                audience: try form.audience.flatMap { $0.isEmpty ? nil : try Validate.choice($0, "audience", on: req) },
                acceptedKinds: form.acceptedKinds ?? [], maxBytes: Int(megabytes * 1_048_576),
                maxPages: form.maxPages.flatMap { Int($0) }, originalsRequired: Int(form.originalsRequired ?? "") ?? 0,
                role: try form.role.flatMap { $0.isEmpty ? nil : try Validate.choice($0, "role", on: req) })
            let r = try await RequirementService.create(in: cycleID, input, on: req)
            req.setFlash(Flash(kind: "ok", message: req.t("requirement_saved", ["code": r.code])))
            return SiteURL.requirements(cycleID)
        }
    }

    struct ActionForm: Content {
        var action: String?
        var unitID: String?
        var date: String?
        var time: String?
        var count: String?
    }

    /// Close or reopen, grant an extension, or record originals, from the requirements page.
    static func act(_ req: Request) async throws -> Response {
        let id = try req.idParameter("requirementID")
        let r = try await RequirementService.find(id, on: req)
        let back = SiteURL.requirements(r.$cycle.id)
        let form = try req.content.decode(ActionForm.self)
        return try await req.formAction(back: back) {
            let unitID = form.unitID.flatMap(UUID.init(uuidString:))
            let day = (form.date ?? "").trimmingCharacters(in: .whitespaces)
            let time = (form.time ?? "").trimmingCharacters(in: .whitespaces)
            let instant = time.isEmpty ? day : "\(day)T\(time):00+07:00"
            switch form.action {
            case "close", "reopen":
                _ = try await RequirementService.update(id, RequirementInput(closed: form.action == "close"), on: req)
            case "extension":
                guard let unitID else { throw AppError.validation("unitID", req.t("upload.unit_required")) }
                _ = try await SubmissionService.grantExtension(id, ExtensionInput(unitID: unitID, dueAt: instant), on: req)
            case "originals":
                guard let unitID else { throw AppError.validation("unitID", req.t("upload.unit_required")) }
                let input = OriginalsInput(unitID: unitID, count: try Validate.whole(form.count, "count", on: req), receivedAt: day.isEmpty ? nil : instant)
                _ = try await SubmissionService.recordOriginals(id, input, on: req)
            default:
                throw AppError.validation("action", req.t("problem.validation.detail"))
            }
            req.setFlash(Flash(kind: "ok", message: req.t("requirement_saved", ["code": r.code])))
            return back
        }
    }
}
