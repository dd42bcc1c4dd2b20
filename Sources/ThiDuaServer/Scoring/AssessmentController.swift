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
            throw AppError.notFound(req.t("scoring_no_table"))
        }
        let table = try ScoringTableService.decode(record)
        let agreed = try await AgreementService.dto(cycleID: cycleID, unitID: unitID, on: req.db)
        let user = try req.user()
        let locked = try await AssessmentService.state(cycleID: cycleID, on: req.db)?.lockedAt != nil
        let selfByCode = Dictionary(dto.scores.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let agreedByCode = Dictionary(agreed.scores.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        // A refused save comes back with every box as typed, and its message beside the box it names.
        let flash = req.peekFlash()
        let typed = flash?.kind == .error ? flash?.values ?? [:] : [:]
        func box(_ name: String, _ code: String, _ stored: String) -> String { typed["\(name)[\(code)]"] ?? stored }
        var rows: [AssessmentPage.Row] = []
        func walk(_ node: ScoringNode, _ depth: Int) {
            let code = node.code
            let selfPoints = selfByCode[code].map { ScoringNumber.vietnamese($0.points) } ?? ""
            rows.append(.init(
                code: code, title: node.title, depth: depth, isLeaf: node.isLeaf,
                max: node.maxPoints.map(ScoringNumber.vietnamese) ?? "", maxValue: node.maxPoints.map { "\($0)" } ?? "",
                step: node.step.map { "\($0)" } ?? "any", stepText: node.step.map(ScoringNumber.vietnamese) ?? "",
                selfPoints: box("points", code, selfPoints), note: box("note", code, selfByCode[code]?.note ?? ""),
                // The secretariat starts from what the unit scored: only the boxes it disagrees with need typing.
                agreed: box("agreed", code, agreedByCode[code].map { ScoringNumber.vietnamese($0.points) } ?? selfPoints),
                reason: box("reason", code, agreedByCode[code]?.reason ?? ""), evidenceRequired: node.evidenceRequired,
                evidence: dto.evidence.filter { $0.code == code }
                    .map { .init(fileName: $0.fileName, url: SiteURL.Path.evidenceFile.link($0.id)) },
                error: ["points", "note", "agreed", "reason"].contains { flash?.field == "\($0)[\(code)]" } ? flash?.message : nil))
            node.children.forEach { walk($0, depth + 1) }
        }
        table.sections.forEach { walk($0, 0) }
        let unitName = try await DirectoryService.unit(unitID, on: req.db)?.name ?? ""
        // Stored lines and two blank rows to add to; a refused save brings back the rows as typed.
        func adjustmentRows(_ prefix: String, _ list: [AdjustmentEntry]) -> [AssessmentPage.AdjustmentRow] {
            let typedIndices = Set(typed.keys.compactMap { key -> Int? in
                guard key.hasPrefix(prefix), let open = key.firstIndex(of: "[") else { return nil }
                return Int(key[key.index(after: open)...].dropLast())
            }).sorted()
            if !typedIndices.isEmpty {
                return typedIndices.map { i in
                    let box = { (name: String) in typed["\(prefix)\(name)[\(i)]"] ?? "" }
                    let refused = ["Title", "Points", "Reason"].contains { flash?.field == "\(prefix)\($0)[\(i)]" }
                    return .init(index: i, title: box("Title"), points: box("Points"), reason: box("Reason"), kind: box("Kind"),
                                 error: refused ? flash?.message : nil)
                }
            }
            return list.enumerated().map { i, e in
                .init(index: i, title: e.title, points: ScoringNumber.vietnamese(e.points), reason: e.reason, kind: e.kind ?? "", error: nil)
            } + (list.count..<(list.count + 2)).map { .init(index: $0, title: "", points: "", reason: "", kind: "", error: nil) }
        }
        let canReview = Policy.allows(user, .reviewScores(unitID: unitID, cycle)) && !locked
        let page = AssessmentPage(
            heading: req.t("assessment_heading", ["unit": unitName, "year": String(cycle.year)]),
            backURL: SiteURL.scoring(cycleID), url: SiteURL.assessment(cycleID, unit: unitID),
            links: AssessmentLinks(cycleID: cycleID, unitID: unitID),
            canEdit: Policy.allows(user, .submitFor(unitID: unitID, cycle)) && dto.submittedAt == nil && !locked,
            canReview: canReview, submittedText: dto.submittedAt.flatMap(LocalTime.parseRFC3339).map(VietnameseDate.long),
            isLate: dto.isLate, complete: dto.complete, rows: rows,
            bonusRows: adjustmentRows("bonus", agreed.bonus), penaltyRows: adjustmentRows("penalty", agreed.penalties),
            // Named by the catalogue's own items, one choice per kind, then "other".
            penaltyKinds: table.penaltyItems.reduce(into: [RequirementsController.Option]()) { list, item in
                if !list.contains(where: { $0.value == item.kind }) { list.append(.init(value: item.kind, label: item.title)) }
            } + [RequirementsController.Option(value: "khac", label: req.t("penalty_kind_other"))],
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
                let input = try req.webForm(AssessmentForms.Agreement.self)
                do {
                    _ = try await AgreementService.put(cycleID: cycleID, unitID: unitID, input, on: req)
                } catch let error as AppError {
                    throw AssessmentForms.boxError(error, codes: (input.scores ?? []).map(\.code), box: "agreed")
                }
                req.setFlash(Flash(kind: .ok, message: req.t("agreement_saved")))
            case .save, .submit:
                let scores = try req.webForm(AssessmentForms.SelfScores.self).scores
                do {
                    try await AssessmentService.put(cycleID: cycleID, unitID: unitID, scores, on: req)
                } catch let error as AppError {
                    throw AssessmentForms.boxError(error, codes: scores.map(\.code), box: "points")
                }
                if button == .submit {
                    _ = try await AssessmentService.submit(cycleID: cycleID, unitID: unitID, on: req)
                    req.setFlash(Flash(kind: .ok, message: req.t("assessment_submitted")))
                } else {
                    req.setFlash(Flash(kind: .ok, message: req.t("assessment_saved")))
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
            req.setFlash(Flash(kind: .ok, message: req.t("assessment_saved")))
            return back
        }
    }

    /// The page uploads evidence with `fetch` (`Accept: application/json`), so the scores typed on it stay; without
    /// JavaScript the form posts and the page comes back with a message.
    static func evidence(_ req: Request) async throws -> Response {
        let (cycleID, unitID) = try ScoringAPI.ids(req)
        let back = SiteURL.assessment(cycleID, unit: unitID)
        let wantsJSON = req.headers.accept.mediaTypes.contains(.json)
        do {
            let created = try await ScoringAPI.uploadEvidence(req)
            if wantsJSON { return created }
            req.setFlash(Flash(kind: .ok, message: req.t("evidence_saved")))
        } catch let error as AppError where error.status != .unauthorized {
            for try await _ in req.body {}
            if wantsJSON {
                return try await ["detail": error.detail].encodeResponse(status: error.status, for: req)
            }
            req.setFlash(Flash(kind: .error, message: error.detail))
        }
        return req.redirect(to: back)
    }
}
