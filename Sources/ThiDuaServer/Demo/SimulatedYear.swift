import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// A simulated bloc's year once its cycle exists: uploads, self-assessments and agreed scores, the conference, and a
/// closed flag ballot whose outcome became a sent proposal. Rows are written in batches; no request is involved.
struct SimulatedYear {
    var cycleID: UUID
    var members: [UUID]
    var officers: [UUID]
    var ruleSet: RuleSet
    var table: ScoringTable
    var ballotTitle: String
    var proposalTitle: String
    var draw: SimulationDraw

    /// One small PDF per unit and requirement, mostly on time, a few late; most accepted, some waiting, a few returned.
    func uploads(store: any FileStore, on db: Database) async throws -> Int {
        let requirements = try await Requirement.query(on: db).filter(\.$cycle.$id == cycleID).all()
        let parents = Set(requirements.compactMap(\.parentID))
        let due = Dictionary(uniqueKeysWithValues: try await Milestone.query(on: db).filter(\.$cycle.$id == cycleID).all().map { ($0.id!, $0.dueAt) })
        var rows: [Submission] = []
        for r in requirements where r.audience == .all && !parents.contains(r.id!) {
            guard let dueAt = due[r.milestoneID] else { continue }
            for (unit, officer) in zip(members, officers) where draw.chance(0.92) {
                let late = draw.chance(0.05)
                let data = Self.pdf("\(r.code) \(unit.uuidString) \(draw.int(0...999_999))")
                let s = Submission()
                s.id = draw.uuid()
                s.requirementID = r.id!
                s.unitID = unit
                s.version = 1
                s.sha256 = try store.store(data)
                s.size = data.count
                s.contentType = FileKind.pdf.mimeType
                s.fileKind = FileKind.pdf.rawValue
                s.originalName = "\(r.code).pdf"
                s.uploaderID = officer
                s.receivedAt = dueAt.addingTimeInterval(Double(late ? draw.int(1...48) : -draw.int(1...240)) * 3600)
                s.isLate = late
                let review = draw.int(0...99)
                s.review = review < 80 ? .accepted : review < 95 ? .pending : .returned
                if s.review != .pending {
                    s.reviewedBy = "simulate"
                    s.reviewedAt = s.receivedAt.addingTimeInterval(86_400)
                    s.reviewReason = s.review == .returned ? "Thiếu chữ ký của thủ trưởng đơn vị." : nil
                }
                rows.append(s)
            }
        }
        try await rows.createChunked(on: db)
        return rows.count
    }

    /// A one-page PDF that says `text`: small, valid, and different per upload, as real files are.
    static func pdf(_ text: String) -> Data {
        let stream = "BT /F1 12 Tf 72 720 Td (\(text)) Tj ET"
        return PDFWriter.document([
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ])
    }

    /// Self-assessments sent before SCORING, agreed as scored or a step lower, then locked and published.
    /// Returns each unit's agreed total, for the flag ballot's candidates.
    func scores(tableDocument: String, dueAt: Date, on db: Database) async throws -> [UUID: Decimal] {
        let record = ScoringTableRecord()
        record.id = draw.uuid()
        record.cycleID = cycleID
        record.version = 1
        record.document = tableDocument
        record.frozenAt = dueAt.addingTimeInterval(-10 * 86_400)
        try await record.create(on: db)
        var assessments: [SelfAssessment] = [], selfScores: [SelfScore] = [], agreed: [AgreedScore] = []
        var totals: [UUID: Decimal] = [:]
        for unit in members {
            let a = SelfAssessment()
            a.id = draw.uuid()
            a.cycleID = cycleID
            a.unitID = unit
            a.tableVersion = 1
            a.submittedAt = dueAt.addingTimeInterval(-Double(draw.int(1...120)) * 3600)
            a.isLate = false
            assessments.append(a)
            for leaf in table.leaves {
                guard let max = leaf.maxPoints else { continue }
                let step = leaf.step ?? 1
                let scored = Swift.max(0, max - Decimal(draw.int(0...2)) * step)
                let s = SelfScore()
                s.id = draw.uuid()
                s.assessmentID = a.id!
                s.code = leaf.code
                s.points = "\(scored)"
                selfScores.append(s)
                let lowered = draw.chance(0.1) && scored >= step
                let g = AgreedScore()
                g.id = draw.uuid()
                g.cycleID = cycleID
                g.unitID = unit
                g.code = leaf.code
                g.points = "\(lowered ? scored - step : scored)"
                g.reason = lowered ? "Minh chứng chưa đầy đủ." : nil
                agreed.append(g)
                totals[unit, default: 0] += lowered ? scored - step : scored
            }
        }
        try await assessments.createChunked(on: db)
        try await selfScores.createChunked(on: db)
        try await agreed.createChunked(on: db)
        let state = ScoringState()
        state.id = draw.uuid()
        state.cycleID = cycleID
        state.lockedAt = dueAt.addingTimeInterval(7 * 86_400)
        state.publishedAt = dueAt.addingTimeInterval(8 * 86_400)
        try await state.create(on: db)
        return totals
    }
}
