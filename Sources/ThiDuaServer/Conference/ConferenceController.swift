import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Web pages of the conference: set-up, check-in, ballots and minutes.
enum ConferenceController {
    static func show(_ req: Request) async throws -> View {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        let page = try await ConferencePage.build(cycle, on: req)
        return try await req.render("conference/show", title: page.heading, page)
    }

    /// The day and the hours typed apart, one agenda item and one group of participants per line: the API's
    /// `ConferenceInput`.
    struct SetupForm: WebForm {
        var date: String?
        var start: String?
        var end: String?
        var venue: String?
        var form: ConferenceForm?
        var participants: String?
        var agenda: String?
        var chairName: String?
        var chairPosition: String?
        var secretaryName: String?
        var secretaryPosition: String?
        /// "Họ tên | chức vụ, đơn vị" per line, the committee's head first.
        var countingCommittee: String?

        func input(on req: Request) throws -> ConferenceInput {
            let day = (date ?? "").trimmingCharacters(in: .whitespaces)
            guard LocalDate.supported(day) != nil else { throw AppError.validation("date", req.t("milestone.bad_due_at")) }
            let (agenda, groups) = try ConferencePage.parse(agenda: agenda ?? "", participants: participants ?? "", on: req)
            return ConferenceInput(startsAt: "\(day)T\(start ?? "08:00"):00+07:00", endsAt: end.map { "\(day)T\($0):00+07:00" },
                                   venue: venue ?? "", form: form, participants: groups, agenda: agenda, officers: officers)
        }

        var officers: ConferenceOfficers {
            let committee = (countingCommittee ?? "").split(whereSeparator: \.isNewline).map { line -> ConferenceOfficer in
                let cells = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                return ConferenceOfficer(name: cells.first ?? "", position: cells.count > 1 ? cells[1] : "")
            }
            return ConferenceOfficers(chair: ConferenceOfficer(name: chairName ?? "", position: chairPosition ?? ""),
                                      secretary: ConferenceOfficer(name: secretaryName ?? "", position: secretaryPosition ?? ""),
                                      countingCommittee: committee)
        }
    }

    static func setup(_ req: Request) async throws -> Response {
        let cycleID = try req.idParameter("cycleID")
        let back = SiteURL.conference(cycleID)
        return try await req.formAction(back: back) {
            _ = try await ConferenceService.put(cycleID: cycleID, req.webForm(SetupForm.self), on: req)
            req.setFlash(Flash(kind: .ok, message: req.t("conference_saved")))
            return back
        }
    }

    static func checkIn(_ req: Request) async throws -> Response {
        let cycleID = try req.idParameter("cycleID")
        let back = SiteURL.conference(cycleID) + "#attendance"
        return try await req.formAction(back: back) {
            // The form posts the API's own input.
            _ = try await ConferenceService.checkIn(cycleID: cycleID, Validate.formInput(AttendanceInput.self, on: req), on: req)
            return back
        }
    }

    static func createBallot(_ req: Request) async throws -> Response {
        let cycleID = try req.idParameter("cycleID")
        return try await req.formAction(back: SiteURL.conference(cycleID) + "#ballots") {
            // The form posts the API's own input.
            let b = try await BallotService.create(cycleID: cycleID, Validate.formInput(CreateBallotInput.self, on: req), on: req)
            return SiteURL.ballot(b.id!)
        }
    }

    struct MinutesPage: Encodable {
        var heading: String
        /// What the minutes state from the data (time, place, attendance, ballots): shown, not edited.
        var facts: [String]
        var backURL: String
        var text: String
        /// Section IV as stored; empty shows the placeholder of the model conclusion.
        var conclusion: String
        var modelConclusion: String
        var locked: Bool
        var canEdit: Bool
        var url: String
    }

    static func minutes(_ req: Request) async throws -> View {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        let conference = try await ConferenceService.require(cycleID: cycle.requireID(), on: req)
        let draft = conference.minutes == nil ? try await MinutesService.draft(cycle, on: req) : ""
        let text = conference.minutes ?? draft
        let page = MinutesPage(heading: req.t("minutes_heading", ["year": String(cycle.year)]),
                               facts: try await MinutesService.facts(cycle, on: req),
                               backURL: SiteURL.conference(cycle.id!), text: text, conclusion: conference.conclusion ?? "",
                               modelConclusion: MinutesData.modelConclusion,
                               locked: conference.minutesLockedAt != nil,
                               canEdit: Policy.allows(try req.user(), .runCycle(cycle)) && conference.minutesLockedAt == nil,
                               url: SiteURL.minutes(cycle.id!))
        return try await req.render("conference/minutes", title: page.heading, page)
    }

    /// The minutes page's buttons: keep the text, start again from the data, or lock for signing.
    enum MinutesButton: String, FormButton { case save, regenerate, lock }

    struct MinutesForm: Decodable { var text: String?; var conclusion: String? }

    static func saveMinutes(_ req: Request) async throws -> Response {
        let cycleID = try req.idParameter("cycleID")
        let back = SiteURL.minutes(cycleID)
        return try await req.formAction(back: back) {
            let button = try req.button(MinutesButton.self)
            let cycle = try await CycleService.find(cycleID, on: req)
            let form = try req.content.decode(MinutesForm.self)
            let text = button == .regenerate ? try await MinutesService.draft(cycle, on: req) : (form.text ?? "")
            try await MinutesService.save(cycleID, text: text, conclusion: form.conclusion, lock: button == .lock, on: req)
            req.setFlash(Flash(kind: .ok, message: req.t(button == .lock ? "minutes_locked" : "minutes_saved")))
            return back
        }
    }
}
