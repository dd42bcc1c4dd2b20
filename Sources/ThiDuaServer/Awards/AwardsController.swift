import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The awards page of a cycle: nominees, proposals (with their warnings) and decisions, with the forms for each step.
enum AwardsController {
    struct Page: Encodable {
        var heading: String
        var cycleURL: String
        var url: String
        var nominees: [NomineeDTO]
        var nomineeRows: [NomineeRow]
        var proposalRows: [ProposalRow]
        var units: [RequirementsController.Option]
        var kinds: [RequirementsController.Option]
        var canRun: Bool
        var canDecide: Bool
        var today: String
        /// Files a draft proposal can be sent with: `document:<id>` or `submission:<id>`.
        var attachable: [RequirementsController.Option]
        var csrfQuery: String
        /// The statistics' classifications: a decision's method, a person's level.
        var methods: [RequirementsController.Option] = []
        var levels: [RequirementsController.Option] = []
    }

    /// A nominee on the page, with whether this user may withdraw it (a dossier nominee of a unit they act for).
    struct NomineeRow: Encodable {
        var nominee: NomineeDTO
        var sourceLabel: String
        var removable: Bool
    }

    /// A proposal on the page: what its state allows is asked of `ProposalStatus`, not compared in the template.
    struct ProposalRow: Encodable {
        var proposal: ProposalDTO
        var statusLabel: String
        var isEditable: Bool
        var canBeDecided: Bool
        var documents: [Document]

        struct Document: Encodable {
            var roleLabel: String
            var title: String
            var webURL: String
        }

        init(_ p: ProposalDTO, on req: Request) {
            proposal = p
            statusLabel = req.t(p.status.labelKey)
            isEditable = p.status.isEditable
            canBeDecided = p.status.canDecide
            documents = p.documents.map { Document(roleLabel: req.t($0.role.labelKey), title: $0.title, webURL: $0.webURL) }
        }
    }

    static func index(_ req: Request) async throws -> View {
        let cycle = try await AwardsAPI.readableCycle(req)
        let user = try req.user()
        let cycleID = try cycle.requireID()
        let members = try await CycleService.members(of: cycleID, on: req.db)
            .filter { Policy.allows(user, .submitFor(unitID: $0.id!, cycle)) }
        let nominees = try await AwardService.nominees(cycle, on: req.db)
        let proposals = try await AwardsAPI.listProposals(req)
        let sentNominees = Set(proposals.filter { !$0.status.isEditable }.flatMap { $0.nominees.map(\.id) })
        var page = Page(
            heading: req.t("awards_heading", ["year": String(cycle.year)]), cycleURL: SiteURL.cycle(cycleID),
            url: SiteURL.awards(cycleID),
            nominees: nominees,
            nomineeRows: nominees.map {
                NomineeRow(nominee: $0, sourceLabel: req.t($0.source.labelKey), removable: !sentNominees.contains($0.id)
                    && Policy.allows(user, .withdraw(source: $0.source, unitID: $0.unitID, cycle)))
            },
            proposalRows: proposals.map { ProposalRow($0, on: req) },
            units: members.map { .init(value: $0.id!.uuidString, label: $0.name) },
            kinds: try await AwardService.awardKinds(cycle, on: req.db).map { .init(value: $0.key, label: $0.name) },
            canRun: Policy.allows(user, .runCycle(cycle)), canDecide: Policy.allows(user, .decide(cycle)),
            today: DeadlineCalendar(holidays: []).localDate(of: req.now).iso,
            attachable: try await attachable(cycle, on: req), csrfQuery: "csrfToken=\(req.csrfToken)")
        page.methods = AwardMethod.allCases.map { .init(value: $0.rawValue, label: req.t($0.labelKey)) }
        page.levels = PositionLevel.allCases.map { .init(value: $0.rawValue, label: req.t($0.labelKey)) }
        return try await req.render("awards/index", title: page.heading, page)
    }

    /// The buttons of the awards page, one per API operation.
    enum Button: String, FormButton { case nominee, proposal, send, removeNominee, attach, decide }

    /// Which proposal or nominee a row's form acts on (the API has it in its path).
    struct Target: Decodable {
        var proposalID: UUID?
        var nomineeID: UUID?
    }

    /// One list of files to attach: each choice is "document:<id>" or "submission:<id>".
    struct AttachForm: WebForm {
        var attach: String
        var role: ProposalAttachmentRole?

        func input(on req: Request) throws -> ProposalDocumentInput {
            let parts = attach.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let target = UUID(uuidString: parts[1]), ["document", "submission"].contains(parts[0]) else {
                throw AppError.validation("attach", req.t("award.document_one_of"))
            }
            return ProposalDocumentInput(role: role, documentID: parts[0] == "document" ? target : nil,
                                         submissionID: parts[0] == "submission" ? target : nil)
        }
    }

    /// The decision form ticks the awarded nominees; the API lists every nominee with `awarded` true or false.
    struct DecideForm: Decodable {
        var number: String?
        var date: String?
        var issuer: String?
        var method: AwardMethod?
        var awarded: [UUID]?

        func input(nominees: [Nominee]) -> DecisionInput {
            let awarded = Set(awarded ?? [])
            return DecisionInput(number: number ?? "", date: date ?? "", issuer: issuer ?? "", method: method,
                                 items: nominees.map { DecisionInput.Item(nomineeID: $0.id!, awarded: awarded.contains($0.id!)) })
        }
    }

    /// The cycle's generated documents, and the latest file of each nominee unit for each requirement.
    static func attachable(_ cycle: Cycle, on req: Request) async throws -> [RequirementsController.Option] {
        try await ProposalDocuments.attachable(cycle, on: req).map { .init(value: $0.value, label: $0.label) }
    }

    /// The scan form streams its body; like the other upload forms it carries the CSRF token in its URL.
    static func uploadScan(_ req: Request) async throws -> Response {
        let id = try req.idParameter("decisionID")
        let (_, cycle) = try await DecisionScans.find(id, on: req)
        do {
            _ = try await DecisionScans.upload(id, on: req)
            req.setFlash(Flash(kind: .ok, message: req.t("award.scan_saved")))
        } catch let error as AppError where error.status != .unauthorized {
            for try await _ in req.body {}  // drain, so the browser reads the answer instead of a reset
            req.setFlash(Flash(kind: .error, message: error.detail))
        }
        return req.redirect(to: SiteURL.awards(try cycle.requireID()))
    }

    static func act(_ req: Request) async throws -> Response {
        let cycle = try await AwardsAPI.cycle(req)
        let back = SiteURL.awards(try cycle.requireID())
        return try await req.formAction(back: back) {
            let target = try req.formInput(Target.self)
            func proposalID() throws -> UUID { try Validate.uuid(target.proposalID?.uuidString, "proposalID", on: req) }
            switch try req.button(Button.self) {
            case .nominee:
                _ = try await AwardService.addNominee(cycle, req.formInput(NomineeInput.self), on: req)
            case .proposal:
                _ = try await ProposalService.create(cycle, req.formInput(ProposalInput.self), on: req)
            case .send:
                // Sending is final: the answer says what went, to whom, and when.
                let sent = try await ProposalService.send(proposalID(), req.formInput(SendInput.self), on: req)
                req.setFlash(Flash(kind: .ok, message: req.t("proposal_sent_flash", [
                    "title": sent.title, "when": sent.sentAt.map(VietnameseDate.long) ?? ""])))
                return back
            case .removeNominee:
                try await AwardService.removeNominee(try Validate.uuid(target.nomineeID?.uuidString, "nomineeID", on: req), on: req)
                req.setFlash(Flash(kind: .ok, message: req.t("award.nominee_removed")))
                return back
            case .attach:
                _ = try await ProposalDocuments.link(proposalID(), req.webForm(AttachForm.self), on: req)
            case .decide:
                let id = try proposalID()
                let (p, _) = try await ProposalService.find(id, on: req)
                let input = try req.formInput(DecideForm.self).input(nominees: try await ProposalService.nominees(of: p, on: req.db))
                _ = try await ProposalService.decide(id, input, on: req)
            }
            req.setFlash(Flash(kind: .ok, message: req.t("awards_saved")))
            return back
        }
    }
}
