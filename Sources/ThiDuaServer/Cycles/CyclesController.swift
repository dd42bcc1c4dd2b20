import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The cycle page: members, head and deputy, rule set and the plan's timeline, with milestone forms for the secretariat.
enum CyclesController {
    static func show(_ req: Request) async throws -> View {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        let page = try await CyclePage.build(cycle, on: req)
        return try await req.render("cycles/show", title: page.heading, page)
    }

    /// The milestone form carries the API's `MilestoneInput` fields, with two things people type differently: the
    /// rule is chosen by `mode`, and a fixed date comes as a date box and an optional hour box.
    struct MilestoneForm: WebForm {
        enum Mode: String, Decodable { case date, relative }
        var mode: Mode?
        var date: String?
        var time: String?

        /// A date with no hour means the end of that local day, as "trước ngày 05/12/2023" does on paper.
        func input(on req: Request) throws -> MilestoneInput {
            var input = try req.formInput(MilestoneInput.self)
            if mode == .relative {
                input.dueAt = nil
                input.offsetDays = input.offsetDays ?? 0
            } else {
                (input.relativeTo, input.offsetDays, input.dayKind) = (nil, nil, nil)
                let day = (date ?? "").trimmingCharacters(in: .whitespaces)
                guard LocalDate.supported(day) != nil else { throw AppError.validation("date", req.t("milestone.bad_due_at")) }
                let hour = (time ?? "").trimmingCharacters(in: .whitespaces)
                guard hour.isEmpty || (hour.count == 5 && hour.dropFirst(2).first == ":") else {
                    throw AppError.validation("time", req.t("milestone.bad_due_at"))
                }
                input.dueAt = hour.isEmpty ? day : "\(day)T\(hour):00+07:00"
            }
            return input
        }
    }

    static func createMilestone(_ req: Request) async throws -> Response {
        let cycleID = try req.idParameter("cycleID")
        return try await req.formAction(back: SiteURL.cycle(cycleID) + "#new-milestone") {
            let milestone = try await MilestoneService.create(in: cycleID, req.webForm(MilestoneForm.self), on: req)
            req.setFlash(Flash(kind: .ok, message: req.t("milestone_saved", ["code": milestone.code])))
            return SiteURL.cycle(cycleID)
        }
    }

    static func updateMilestone(_ req: Request) async throws -> Response {
        let id = try req.idParameter("milestoneID")
        let existing = try await MilestoneService.find(id, on: req)
        let back = SiteURL.cycle(existing.$cycle.id)
        return try await req.formAction(back: back + "#m-\(existing.code)") {
            let milestone = try await MilestoneService.update(id, req.webForm(MilestoneForm.self), on: req)
            req.setFlash(Flash(kind: .ok, message: req.t("milestone_saved", ["code": milestone.code])))
            return back
        }
    }

    static func updateSetup(_ req: Request) async throws -> Response {
        let cycleID = try req.idParameter("cycleID")
        return try await req.formAction(back: SiteURL.cycle(cycleID)) {
            var input = try req.formInput(UpdateCycleInput.self)
            // The form lists every unit with a box: none ticked means no members beyond head and deputy, not "unchanged".
            input.memberUnitIDs = input.memberUnitIDs ?? []
            _ = try await CycleService.update(cycleID, input, on: req)
            req.setFlash(Flash(kind: .ok, message: req.t("cycle_saved")))
            return SiteURL.cycle(cycleID)
        }
    }

    static func deleteMilestone(_ req: Request) async throws -> Response {
        let id = try req.idParameter("milestoneID")
        let existing = try await MilestoneService.find(id, on: req)
        let back = SiteURL.cycle(existing.$cycle.id)
        return try await req.formAction(back: back) {
            try await MilestoneService.delete(id, on: req)
            req.setFlash(Flash(kind: .ok, message: req.t("milestone_deleted", ["code": existing.code])))
            return back
        }
    }
}
