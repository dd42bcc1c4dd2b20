import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Agreed scores, bonus and penalty items, the lock at the conference, and publication.
enum AgreementService {
    static func agreedPoints(cycleID: UUID, unitID: UUID, on db: Database) async throws -> [String: Decimal] {
        var result: [String: Decimal] = [:]
        for row in try await AgreedScore.query(on: db).filter(\.$cycleID == cycleID).filter(\.$unitID == unitID).all() {
            result[row.code] = Decimal(string: row.points)
        }
        return result
    }

    /// Policy's `reviewScores`; a secretariat officer refused for their own unit is told why.
    static func authorizeReview(unitID: UUID, cycle: Cycle, on req: Request) throws {
        try req.authorize(.runCycle(cycle))
        guard Policy.allows(try req.user(), .reviewScores(unitID: unitID, cycle)) else {
            throw AppError.forbidden(req.t("scoring.own_review"))
        }
    }

    static func dto(cycleID: UUID, unitID: UUID, on db: Database) async throws -> AgreedScoresDTO {
        let scores = try await AgreedScore.query(on: db).filter(\.$cycleID == cycleID).filter(\.$unitID == unitID).sort(\.$code).all()
        let adjustments = try await ScoreAdjustment.query(on: db).filter(\.$cycleID == cycleID).filter(\.$unitID == unitID).all()
        func entry(_ a: ScoreAdjustment) -> AdjustmentEntry {
            AdjustmentEntry(title: a.title, points: Decimal(string: a.points) ?? 0, reason: a.reason, kind: a.penaltyKind)
        }
        return AgreedScoresDTO(
            unitID: unitID, scores: scores.map { AgreedEntry(code: $0.code, points: Decimal(string: $0.points) ?? 0, reason: $0.reason) },
            bonus: adjustments.filter { $0.kind == .bonus }.map(entry), penalties: adjustments.filter { $0.kind == .penalty }.map(entry))
    }

    static func put(cycleID: UUID, unitID: UUID, _ input: AgreedScoresInput, on req: Request) async throws -> AgreedScoresDTO {
        let cycle = try await CycleService.find(cycleID, on: req)
        try authorizeReview(unitID: unitID, cycle: cycle, on: req)
        if try await AssessmentService.state(cycleID: cycleID, on: req.db)?.lockedAt != nil { throw AppError.conflict(req.t("scoring.locked")) }
        guard try await CycleService.members(of: cycleID, on: req.db).contains(where: { $0.id == unitID }) else {
            throw AppError.validation("unitID", req.t("conference.not_member"))
        }
        // Agreed scores are checked against the table version the unit's self-assessment uses.
        var (_, table) = try await ScoringTableService.table(cycleID: cycleID, on: req)
        let assessment = try await AssessmentService.assessment(cycleID: cycleID, unitID: unitID, on: req.db)
        if let a = assessment, let record = try await ScoringTableService.version(a.tableVersion, cycleID: cycleID, on: req.db) {
            table = try ScoringTableService.decode(record)
        }
        let selfScores = try await assessment.asyncMap { try await AssessmentService.scores(of: $0, on: req.db) } ?? []
        let selfPoints = Dictionary(selfScores.map { ($0.code, Decimal(string: $0.points) ?? 0) }, uniquingKeysWith: { a, _ in a })
        // What is stored is the cleaned text (UserText via Validate), never the raw input.
        let scores: [AgreedEntry]? = try input.scores?.enumerated().map { pair -> AgreedEntry in
            let (i, entry) = pair
            guard let leaf = table.node(code: entry.code), leaf.isLeaf else {
                throw AppError.validation("scores[\(i)].code", req.t("scoring.unknown_code", ["code": entry.code]))
            }
            if let problem = ScoreCheck.check(entry.points, for: leaf) { throw AppError.validation("scores[\(i)].points", problem) }
            let reason = try Validate.optionalText(entry.reason, "scores[\(i)].reason", max: 2000, on: req)
            if entry.points != selfPoints[entry.code], reason == nil {
                throw AppError.validation("scores[\(i)].reason", req.t("scoring.reason_required", ["code": entry.code]))
            }
            return AgreedEntry(code: entry.code, points: entry.points, reason: reason)
        }
        func cleanedItems(_ list: [AdjustmentEntry]?, _ field: String) throws -> [AdjustmentEntry]? {
            try list?.enumerated().map { pair -> AdjustmentEntry in
                let i = pair.offset
                var item = pair.element
                item.title = try Validate.text(item.title, "\(field)[\(i)].title", on: req)
                item.reason = try Validate.text(item.reason, "\(field)[\(i)].reason", max: 2000, on: req)
                guard item.points > 0 else { throw AppError.validation("\(field)[\(i)].points", req.t("scoring.positive_points")) }
                return item
            }
        }
        let bonus = try cleanedItems(input.bonus, "bonus")
        let penalties = try cleanedItems(input.penalties, "penalties")
        let actor = req.actorName
        let now = req.now
        try await req.audited { db in
            let before = try await dto(cycleID: cycleID, unitID: unitID, on: db)
            for entry in scores ?? [] {
                let row = try await AgreedScore.query(on: db).filter(\.$cycleID == cycleID).filter(\.$unitID == unitID)
                    .filter(\.$code == entry.code).first() ?? AgreedScore()
                let previous = row.id == nil ? nil : row.points
                row.cycleID = cycleID
                row.unitID = unitID
                row.code = entry.code
                row.points = "\(entry.points)"
                row.reason = entry.reason
                try await row.save(on: db)
                try await history(cycleID, unitID, entry.code, previous, row.points, row.reason, actor, now, on: db)
            }
            for (kind, list) in [(AdjustmentKind.bonus, bonus), (.penalty, penalties)] {
                guard let list else { continue }
                try await ScoreAdjustment.query(on: db).filter(\.$cycleID == cycleID).filter(\.$unitID == unitID).filter(\.$kind == kind).delete()
                for item in list {
                    let a = ScoreAdjustment()
                    a.cycleID = cycleID
                    a.unitID = unitID
                    a.kind = kind
                    a.title = item.title
                    a.points = "\(item.points)"
                    a.penaltyKind = kind == .penalty ? (item.kind ?? "khac") : nil
                    a.reason = item.reason
                    try await a.create(on: db)
                    try await history(cycleID, unitID, "\(kind):\(item.title)", nil, a.points, item.reason, actor, now, on: db)
                }
            }
            return ((), AuditRecord(actor: actor, action: "agree", entity: "scores", entityID: "\(cycleID)/\(unitID)",
                                    before: before, after: try await dto(cycleID: cycleID, unitID: unitID, on: db)))
        }
        return try await dto(cycleID: cycleID, unitID: unitID, on: req.db)
    }

    private static func history(_ cycleID: UUID, _ unitID: UUID, _ code: String, _ before: String?, _ after: String?,
                                _ reason: String?, _ actor: String, _ at: Date, on db: Database) async throws {
        let h = ScoreHistory()
        (h.cycleID, h.unitID, h.code, h.before, h.after) = (cycleID, unitID, code, before, after)
        (h.reason, h.actor, h.at) = (reason, actor, at)
        try await h.create(on: db)
    }

    /// lock, unlock (administrator, with a reason) and publish.
    static func setState(cycleID: UUID, action: ScoresAction, reason: String?, on req: Request) async throws -> ScoringStateDTO {
        let cycle = try await CycleService.find(cycleID, on: req)
        if action.needsReason {
            try req.authorize(.manageDirectory)
        } else {
            try req.authorize(.runCycle(cycle))
        }
        var reason = action.needsReason ? try Validate.text(reason, "reason", max: 2000, on: req) : reason
        if action == .publish {
            // Publishing while some units are not scored is a decision the secretariat records, with its reason.
            reason = try Validate.optionalText(reason, "reason", max: 2000, on: req)
            let unscored = try await RankingService.ranking(cycle, on: req.db).filter { !$0.scored }.map(\.unitName)
            if !unscored.isEmpty, reason == nil {
                throw AppError.validation("reason", req.t("scoring.publish_unscored", ["units": unscored.joined(separator: "; ")]))
            }
        }
        let recorded = reason
        let actor = req.actorName
        let now = req.now
        let existing = try await AssessmentService.state(cycleID: cycleID, on: req.db)
        let state: ScoringState = try await req.audited { db in
            let s = existing ?? ScoringState()
            s.cycleID = cycleID
            switch action {
            case .lock: s.lockedAt = s.lockedAt ?? now
            case .unlock: s.lockedAt = nil
            case .publish: s.publishedAt = s.publishedAt ?? now
            }
            try await s.save(on: db)
            return (s, AuditRecord(actor: actor, action: "scores-\(action.rawValue)", entity: "cycle", entityID: cycleID.uuidString,
                                   before: String?.none, after: ["reason": recorded ?? ""]))
        }
        if action == .publish {
            // Notices are stored and mailed in Vietnamese, whatever the language of the request that caused them.
            let localizer = req.application.localizer
            let title = localizer.text("notice.results_published.title", Localizer.defaultLanguage, ["year": String(cycle.year)])
            let body = localizer.text("notice.results_published.body")
            for unit in try await CycleService.members(of: cycleID, on: req.db) {
                try await NoticeService.notifyUnit(unit.id!, title: title, body: body,
                                                   link: SiteURL.ranking(cycleID), dedupeKey: "publish:\(cycleID):\(unit.id!)",
                                                   now: now, on: req.db)
            }
        }
        return ScoringStateDTO(lockedAt: state.lockedAt.map(LocalTime.rfc3339), publishedAt: state.publishedAt.map(LocalTime.rfc3339))
    }
}
