import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Web pages for submissions: the unit's checklist and uploads, the dashboard, one submission and its review.
enum SubmissionsController {
    static func checklist(_ req: Request) async throws -> View {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        let user = try req.user()
        let chosen = req.query[String.self, at: "unit"].flatMap(UUID.init(uuidString:))
        let firstMember = try await CycleService.members(of: cycle.requireID(), on: req.db).first?.id
        guard let unitID = chosen ?? user.$unit.id ?? firstMember else { throw AppError.notFound(req.t("unit.not_found")) }
        try req.authorize(.readUnitFiles(unitID: unitID, cycle))
        let page = try await ChecklistPage.build(cycle, unitID: unitID, on: req)
        return try await req.render("submissions/checklist", title: page.heading, page)
    }

    static func upload(_ req: Request) async throws -> Response {
        let requirementID = try req.idParameter("requirementID")
        let requirement = try await RequirementService.find(requirementID, on: req)
        let unit = req.query[String.self, at: "unitID"].flatMap(UUID.init(uuidString:))
        let back = SiteURL.checklist(requirement.$cycle.id, unit: unit)
        do {
            let submission = try await SubmissionService.upload(to: requirementID, on: req)
            req.setFlash(Flash(kind: .ok, message: req.t("upload_done", ["code": requirement.code, "version": String(submission.version)])))
        } catch let error as AppError where error.status != .unauthorized {
            // Drain what is left of the body, so the browser sees the answer rather than a reset connection.
            for try await _ in req.body {}
            req.setFlash(Flash(kind: .error, message: error.detail))
        }
        return req.redirect(to: back)
    }

    static func dashboard(_ req: Request) async throws -> View {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        let matrix = try await SubmissionsAPI.matrix(req)
        let cycleID = try cycle.requireID()
        // The self-assessment is followed like any file: sent (when), or not yet, once the cycle has a scoring table.
        let assessments = try await ScoringTableService.current(cycleID: cycleID, on: req.db) == nil ? nil
            : Dictionary(try await SelfAssessment.query(on: req.db).filter(\.$cycleID == cycleID).all().map { ($0.unitID, $0.submittedAt) },
                         uniquingKeysWith: { first, _ in first })
        let page = DashboardPage(matrix: matrix, cycle: cycle, assessments: assessments, req: req)
        return try await req.render("submissions/dashboard", title: page.heading, page)
    }

    static func show(_ req: Request) async throws -> View {
        let (submission, _) = try await SubmissionService.authorizedFile(req.idParameter("submissionID"), on: req)
        let requirement = try await RequirementService.find(submission.requirementID, on: req)
        let cycle = try await CycleService.find(requirement.$cycle.id, on: req)
        let unit = try await DirectoryService.unit(submission.unitID, on: req.db)
        let page = SubmissionPage(
            heading: "\(requirement.code) — \(unit?.name ?? "") — v\(submission.version)", requirementTitle: requirement.title,
            fileName: submission.originalName, size: ByteCount.text(submission.size), sha256: submission.sha256,
            kind: submission.fileKind.uppercased(), receivedText: VietnameseDate.long(submission.receivedAt), isLate: submission.isLate,
            reviewLabel: req.t(submission.review.labelKey), reviewReason: submission.reviewReason,
            downloadURL: SiteURL.submissionFile(submission.id!), reviewURL: SiteURL.Path.submissionReview.link(submission.id!),
            canReview: Policy.allows(try req.user(), .runCycle(cycle)),
            checklistURL: SiteURL.checklist(cycle.id!, unit: submission.unitID))
        return try await req.render("submissions/show", title: page.heading, page)
    }

    /// The form posts the API's own input (`ReviewInput`).
    static func review(_ req: Request) async throws -> Response {
        let id = try req.idParameter("submissionID")
        return try await req.formAction(back: SiteURL.submission(id)) {
            let input = try req.content.decode(ReviewInput.self)
            _ = try await SubmissionService.review(id, input, on: req)
            req.setFlash(Flash(kind: .ok, message: req.t(input.decision.doneKey)))
            return SiteURL.submission(id)
        }
    }
}

/// One stored version, for its page.
struct SubmissionPage: Encodable {
    var heading: String
    var requirementTitle: String
    var fileName: String
    var size: String
    var sha256: String
    var kind: String
    var receivedText: String
    var isLate: Bool
    var reviewLabel: String
    var reviewReason: String?
    var downloadURL: String
    var reviewURL: String
    var canReview: Bool
    var checklistURL: String
}

/// The dashboard page: the matrix with each cell's text and link.
struct DashboardPage: Encodable {
    var heading: String
    var cycleURL: String
    var columns: [StatusMatrix.Column]
    var rows: [Row]
    var state: String
    var sort: String
    var states: [RequirementsController.Option]
    var cycleLinks: CycleLinks
    /// Whether the cycle scores (then each row ends with its self-assessment's state).
    var scores: Bool

    struct Row: Encodable {
        var unitName: String
        var checklistURL: String
        var cells: [Cell]
        var assessment: Cell?
    }

    struct Cell: Encodable {
        var state: SubmissionState
        var text: String
        var url: String?
    }

    init(matrix: StatusMatrix, cycle: Cycle, assessments: [UUID: Date?]?, req: Request) {
        heading = req.t("dashboard_heading", ["year": String(cycle.year)])
        cycleURL = SiteURL.cycle(cycle.id!)
        columns = matrix.requirements
        rows = matrix.rows.map { row in
            Row(unitName: row.unitName, checklistURL: SiteURL.checklist(cycle.id!, unit: row.unitID),
                cells: row.cells.map { Cell(state: $0.state, text: matrix.text($0, t: { req.t($0) }), url: $0.submissionID.map(SiteURL.submission)) },
                assessment: assessments.map { sent in
                    let at = sent[row.unitID] ?? nil
                    return Cell(state: at == nil ? .missing : .sent,
                                text: at.map { req.t("state_sent") + " · " + VietnameseDate.short(DeadlineCalendar(holidays: []).localDate(of: $0))
                                        + " " + VietnameseDate.hourMinute($0) } ?? req.t("state_missing"),
                                url: SiteURL.assessment(cycle.id!, unit: row.unitID))
                })
        }
        scores = assessments != nil
        state = req.query[String.self, at: "state"] ?? ""
        sort = req.query[String.self, at: "sort"] ?? "unit"
        states = SubmissionState.allCases.map { RequirementsController.Option(value: $0.rawValue, label: req.t($0.labelKey)) }
        cycleLinks = CycleLinks(cycle.id!)
    }
}
