import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The assessment page and its forms: self-scores (a form that sums as you type), XLSX, evidence, and agreement.
enum AssessmentController {
    static func page(_ req: Request) async throws -> View {
        let (cycleID, unitID) = try ScoringAPI.ids(req)
        let cycle = try await CycleService.find(cycleID, on: req)
        try await AssessmentService.authorizeRead(unitID: unitID, cycle: cycle, on: req)
        let dto = try await AssessmentService.dto(cycleID: cycleID, unitID: unitID, on: req)
        guard let record = try await ScoringTableService.version(dto.tableVersion, cycleID: cycleID, on: req.db) else {
            throw AppError.notFound(req.t("scoring.no_table"))
        }
        let table = try ScoringTableService.decode(record)
        let agreed = try await AgreementService.dto(cycleID: cycleID, unitID: unitID, on: req.db)
        let user = try req.user()
        let locked = try await AssessmentService.state(cycleID: cycleID, on: req.db)?.lockedAt != nil
        let selfByCode = Dictionary(dto.scores.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let agreedByCode = Dictionary(agreed.scores.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [AssessmentPage.Row] = []
        func walk(_ node: ScoringNode, _ depth: Int) {
            rows.append(.init(
                code: node.code, title: node.title, depth: depth, isLeaf: node.isLeaf, max: node.maxPoints.map { "\($0)" } ?? "",
                step: node.step.map { "\($0)" } ?? "any", selfPoints: selfByCode[node.code].map { "\($0.points)" } ?? "",
                note: selfByCode[node.code]?.note ?? "", agreed: agreedByCode[node.code].map { "\($0.points)" } ?? "",
                reason: agreedByCode[node.code]?.reason ?? "", evidenceRequired: node.evidenceRequired,
                evidence: dto.evidence.filter { $0.code == node.code }
                    .map { .init(fileName: $0.fileName, url: SiteURL.Path.evidenceFile.link($0.id)) }))
            node.children.forEach { walk($0, depth + 1) }
        }
        table.sections.forEach { walk($0, 0) }
        let unitName = try await DirectoryService.unit(unitID, on: req.db)?.name ?? ""
        let lines = { (list: [AdjustmentEntry]) in
            list.map { [$0.title, "\($0.points)", $0.reason, $0.kind ?? ""].joined(separator: " | ") }.joined(separator: "\n")
        }
        let canReview = Policy.allows(user, .reviewScores(unitID: unitID, cycle)) && !locked
        let page = AssessmentPage(
            heading: req.t("assessment_heading", ["unit": unitName, "year": String(cycle.year)]),
            backURL: SiteURL.scoring(cycleID), url: SiteURL.assessment(cycleID, unit: unitID),
            links: AssessmentLinks(cycleID: cycleID, unitID: unitID),
            canEdit: Policy.allows(user, .submitFor(unitID: unitID, cycle)) && dto.submittedAt == nil && !locked,
            canReview: canReview, submittedText: dto.submittedAt.flatMap(LocalTime.parseRFC3339).map(VietnameseDate.long),
            isLate: dto.isLate, complete: dto.complete, rows: rows, bonusLines: lines(agreed.bonus), penaltyLines: lines(agreed.penalties),
            base: number(dto.base), csrfQuery: "csrfToken=\(req.csrfToken)")
        return try await req.render("scoring/assessment", title: page.heading, page)
    }

    static func save(_ req: Request) async throws -> Response {
        let (cycleID, unitID) = try ScoringAPI.ids(req)
        let back = SiteURL.assessment(cycleID, unit: unitID)
        return try await req.formAction(back: back) {
            let button = try req.button(AssessmentForms.Button.self)
            switch button {
            case .agree:
                _ = try await AgreementService.put(cycleID: cycleID, unitID: unitID, req.webForm(AssessmentForms.Agreement.self), on: req)
                req.setFlash(Flash(kind: "ok", message: req.t("agreement_saved")))
            case .save, .submit:
                try await AssessmentService.put(cycleID: cycleID, unitID: unitID, req.webForm(AssessmentForms.SelfScores.self).scores, on: req)
                if button == .submit {
                    _ = try await AssessmentService.submit(cycleID: cycleID, unitID: unitID, on: req)
                    req.setFlash(Flash(kind: "ok", message: req.t("assessment_submitted")))
                } else {
                    req.setFlash(Flash(kind: "ok", message: req.t("assessment_saved")))
                }
            }
            return back
        }
    }

    /// Web uploads: the XLSX sheet (collected) and evidence (streamed), both answering with a flash on the page.
    static func importSheet(_ req: Request) async throws -> Response {
        let (cycleID, unitID) = try ScoringAPI.ids(req)
        let back = SiteURL.assessment(cycleID, unit: unitID)
        return try await req.formAction(back: back) {
            _ = try await ScoringAPI.importAssessment(req)
            req.setFlash(Flash(kind: "ok", message: req.t("assessment_saved")))
            return back
        }
    }

    static func evidence(_ req: Request) async throws -> Response {
        let (cycleID, unitID) = try ScoringAPI.ids(req)
        let back = SiteURL.assessment(cycleID, unit: unitID)
        do {
            _ = try await ScoringAPI.uploadEvidence(req)
            req.setFlash(Flash(kind: "ok", message: req.t("evidence_saved")))
        } catch let error as AppError where error.status != .unauthorized {
            for try await _ in req.body {}
            req.setFlash(Flash(kind: "error", message: error.detail))
        }
        return req.redirect(to: back)
    }
}
