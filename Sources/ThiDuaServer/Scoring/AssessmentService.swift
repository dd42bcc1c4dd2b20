import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Self-assessments: a unit scores every leaf, attaches evidence, and submits before the scoring milestone.
enum AssessmentService {
    static func state(cycleID: UUID, on db: Database) async throws -> ScoringState? {
        try await ScoringState.query(on: db).filter(\.$cycleID == cycleID).first()
    }

    static func published(cycleID: UUID, on db: Database) async throws -> Bool {
        try await state(cycleID: cycleID, on: db)?.publishedAt != nil
    }

    /// Before publication a unit sees only its own assessment; the secretariat and reviewers see all.
    static func authorizeRead(unitID: UUID, cycle: Cycle, on req: Request) async throws {
        try req.authorize(.readScores(unitID: unitID, cycle, published: try await published(cycleID: cycle.requireID(), on: req.db)))
    }

    static func assessment(cycleID: UUID, unitID: UUID, on db: Database) async throws -> SelfAssessment? {
        try await SelfAssessment.query(on: db).filter(\.$cycleID == cycleID).filter(\.$unitID == unitID).first()
    }

    static func scores(of a: SelfAssessment, on db: Database) async throws -> [SelfScore] {
        try await SelfScore.query(on: db).filter(\.$assessmentID == a.requireID()).all()
    }

    static func dto(cycleID: UUID, unitID: UUID, on req: Request) async throws -> SelfAssessmentDTO {
        let a = try await assessment(cycleID: cycleID, unitID: unitID, on: req.db)
        var version = a?.tableVersion ?? 0
        if a == nil { version = try await ScoringTableService.table(cycleID: cycleID, on: req).0.version }
        guard let record = try await ScoringTableService.version(version, cycleID: cycleID, on: req.db) else {
            throw AppError.notFound(req.t("scoring_no_table"))
        }
        let table = try ScoringTableService.decode(record)
        let stored = try await a.asyncMap { try await Self.scores(of: $0, on: req.db) } ?? []
        let entries = stored.compactMap { s in Decimal(string: s.points).map { ScoreEntry(code: s.code, points: $0, note: s.note) } }
            .sorted { $0.code < $1.code }
        let evidence = try await a.asyncMap { a in
            try await EvidenceFile.query(on: req.db).filter(\.$assessmentID == a.requireID()).all()
        } ?? []
        let scored = Set(entries.map(\.code))
        return SelfAssessmentDTO(
            cycleID: cycleID, unitID: unitID, tableVersion: version, submittedAt: a?.submittedAt.map(LocalTime.rfc3339),
            isLate: a?.isLate ?? false, complete: table.leaves.allSatisfy { scored.contains($0.code) },
            base: entries.reduce(0) { $0 + $1.points }, scores: entries,
            evidence: evidence.map { EvidenceDTO(id: $0.id!, code: $0.code, fileName: $0.originalName, size: $0.size, contentType: $0.contentType) })
    }

    /// Saves scores (all-or-nothing: every entry is checked first). The table version in use is frozen from here on.
    static func put(cycleID: UUID, unitID: UUID, _ entries: [ScoreEntry], on req: Request) async throws {
        let cycle = try await CycleService.find(cycleID, on: req)
        try req.authorize(.submitFor(unitID: unitID, cycle))
        guard try await CycleService.members(of: cycleID, on: req.db).contains(where: { $0.id == unitID }) else {
            throw AppError.validation("unitID", req.t("conference.not_member"))
        }
        if try await state(cycleID: cycleID, on: req.db)?.lockedAt != nil { throw AppError.conflict(req.t("scoring.locked")) }
        let existing = try await assessment(cycleID: cycleID, unitID: unitID, on: req.db)
        if existing?.submittedAt != nil { throw AppError.conflict(req.t("scoring.already_submitted")) }
        let (current, _) = try await ScoringTableService.table(cycleID: cycleID, on: req)
        let version = existing?.tableVersion ?? current.version
        guard let record = try await ScoringTableService.version(version, cycleID: cycleID, on: req.db) else {
            throw AppError.notFound(req.t("scoring_no_table"))
        }
        let table = try ScoringTableService.decode(record)
        for (i, entry) in entries.enumerated() {
            guard let leaf = table.node(code: entry.code), leaf.isLeaf else {
                throw AppError.validation("scores[\(i)].code", req.t("scoring.unknown_code", ["code": entry.code]))
            }
            if let problem = ScoreCheck.check(entry.points, for: leaf) { throw AppError.validation("scores[\(i)].points", problem) }
        }
        if Set(entries.map(\.code)).count != entries.count { throw AppError.validation("scores", req.t("scoring.duplicate_code")) }
        let actor = req.actorName
        let now = req.now
        try await req.audited { db in
            let a = existing ?? SelfAssessment()
            a.cycleID = cycleID
            a.unitID = unitID
            a.tableVersion = version
            if existing == nil { a.isLate = false }
            try await a.save(on: db)
            if record.frozenAt == nil {
                record.frozenAt = now
                try await record.save(on: db)
            }
            for entry in entries {
                let row = try await SelfScore.query(on: db).filter(\.$assessmentID == a.requireID()).filter(\.$code == entry.code).first() ?? SelfScore()
                row.assessmentID = try a.requireID()
                row.code = entry.code
                row.points = "\(entry.points)"
                row.note = entry.note.flatMap { $0.isEmpty ? nil : String($0.prefix(2000)) }
                try await row.save(on: db)
            }
            return ((), AuditRecord(actor: actor, action: "self-score", entity: "assessment", entityID: try a.requireID().uuidString,
                                    before: String?.none, after: entries))
        }
    }

    /// Only a complete assessment with the evidence its criteria require can be submitted; lateness as for submissions.
    static func submit(cycleID: UUID, unitID: UUID, on req: Request) async throws -> SelfAssessmentDTO {
        let cycle = try await CycleService.find(cycleID, on: req)
        try req.authorize(.submitFor(unitID: unitID, cycle))
        guard let a = try await assessment(cycleID: cycleID, unitID: unitID, on: req.db) else {
            throw AppError.validation("scores", req.t("scoring.incomplete", ["codes": req.t("scoring.all")]))
        }
        guard a.submittedAt == nil else { throw AppError.conflict(req.t("scoring.already_submitted")) }
        if try await state(cycleID: cycleID, on: req.db)?.lockedAt != nil { throw AppError.conflict(req.t("scoring.locked")) }
        guard let record = try await ScoringTableService.version(a.tableVersion, cycleID: cycleID, on: req.db) else {
            throw AppError.notFound(req.t("scoring_no_table"))
        }
        let table = try ScoringTableService.decode(record)
        let scored = Set(try await scores(of: a, on: req.db).map(\.code))
        let missing = table.leaves.map(\.code).filter { !scored.contains($0) }
        guard missing.isEmpty else {
            throw AppError.validation("scores", req.t("scoring.incomplete", ["codes": missing.prefix(10).joined(separator: ", ")]))
        }
        let withEvidence = Set(try await EvidenceFile.query(on: req.db).filter(\.$assessmentID == a.requireID()).all().map(\.code))
        let needEvidence = table.leaves.filter { $0.evidenceRequired && !withEvidence.contains($0.code) }.map(\.code)
        guard needEvidence.isEmpty else {
            throw AppError.validation("evidence", req.t("scoring.evidence_missing", ["codes": needEvidence.joined(separator: ", ")]))
        }
        let due = try await scoringDue(cycleID: cycleID, on: req.db)
        let grace = try await SubmissionService.graceMinutes(of: cycle, on: req.db)
        let actor = req.actorName
        let now = req.now
        try await req.audited { db in
            a.submittedAt = now
            a.isLate = due.map { Lateness.isLate(receivedAt: now, due: $0, graceMinutes: grace) } ?? false
            try await a.save(on: db)
            return ((), AuditRecord(actor: actor, action: "submit", entity: "assessment", entityID: try a.requireID().uuidString,
                                    before: String?.none, after: ["isLate": String(a.isLate)]))
        }
        return try await dto(cycleID: cycleID, unitID: unitID, on: req)
    }

    /// The milestone whose role is the scoring deadline, when the cycle has one.
    static func scoringDue(cycleID: UUID, on db: Database) async throws -> Date? {
        try await Milestone.query(on: db).filter(\.$cycle.$id == cycleID).filter(\.$role == .scoring).first()?.dueAt
    }
}
