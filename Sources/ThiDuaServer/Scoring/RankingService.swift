import Fluent
import SQLKit
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// One ranked unit, with its section subtotals rather than one blended number.
struct RankingRowDTO: Content {
    struct Section: Content {
        var code: String
        var title: String
        var points: Decimal
        var max: Decimal
    }

    var unitID: UUID
    var unitName: String
    var base: Decimal
    var bonus: Decimal
    var penalty: Decimal
    var total: Decimal
    /// nil for a unit not scored yet (no self-assessment sent, nothing agreed): it stands outside the ranking.
    var rank: Int?
    var scored: Bool
    var classification: String?
    var eligible: Bool
    var ineligibilityReasons: [String]
    var sections: [Section]
}

/// The ranking of a cycle, computed by ThiDuaCore from the agreed scores (self-scores where none is agreed yet).
enum RankingService {
    static func authorizeRead(_ cycle: Cycle, on req: Request) async throws {
        try req.authorize(.readRanking(cycle, published: try await AssessmentService.published(cycleID: cycle.requireID(), on: req.db)))
    }

    static func ranking(_ cycle: Cycle, on db: Database) async throws -> [RankingRowDTO] {
        let cycleID = try cycle.requireID()
        guard let record = try await ScoringTableService.current(cycleID: cycleID, on: db),
              let ruleSet = try await BallotService.ruleSet(of: cycle, on: db) else { return [] }
        let table = try ScoringTableService.decode(record)
        let members = try await CycleService.members(of: cycleID, on: db)
        let locked = try await AssessmentService.state(cycleID: cycleID, on: db)?.lockedAt != nil
        // Four queries for the whole bloc, whatever its size: assessments, their scores, agreed scores, adjustments.
        let assessments = Dictionary(try await SelfAssessment.query(on: db).filter(\.$cycleID == cycleID).all().map { ($0.unitID, $0) },
                                     uniquingKeysWith: { first, _ in first })
        let assessmentIDs = assessments.values.compactMap(\.id)
        // Scores as plain rows: a bloc of 15 units has hundreds, and a Fluent model per row was most of the ranking's time.
        let selfScores = assessmentIDs.isEmpty ? [:] : Dictionary(grouping: try await ScoreRow.all(
            "self_scores", keyedBy: "assessment_id", in: assessmentIDs, on: db), by: \.owner)
        let agreedRows = Dictionary(grouping: try await ScoreRow.all("agreed_scores", keyedBy: "unit_id", in: members.compactMap(\.id),
                                                                     cycleID: cycleID, on: db), by: \.owner)
        let adjustmentRows = Dictionary(grouping: try await ScoreAdjustment.query(on: db).filter(\.$cycleID == cycleID).all(), by: \.unitID)
        var inputs: [UnitScores] = []
        var unscored: [Unit] = []
        for unit in members {
            var points: [String: Decimal] = [:]
            let assessment = assessments[unit.id!]
            for s in assessment.flatMap({ selfScores[$0.id!] }) ?? [] { points[s.code] = Decimal(string: s.points) }
            let agreed = agreedRows[unit.id!] ?? []
            for row in agreed { points[row.code] = Decimal(string: row.points) }
            // A unit is scored once it sent its assessment, once anything is agreed for it, or, after the lock, when
            // it has any score at all. Otherwise it is not last with 0 points: it is not scored yet.
            guard assessment?.submittedAt != nil || !agreed.isEmpty || (locked && !points.isEmpty) else { unscored.append(unit); continue }
            let adjustments = adjustmentRows[unit.id!] ?? []
            inputs.append(UnitScores(
                unit: unit.id!.uuidString, leafPoints: points,
                bonus: adjustments.filter { $0.kind == .bonus }.compactMap { Decimal(string: $0.points) },
                penalties: adjustments.filter { $0.kind == .penalty }.map {
                    PenaltyEntry(kind: $0.penaltyKind ?? "khac", points: Decimal(string: $0.points) ?? 0)
                }))
        }
        let names = Dictionary(uniqueKeysWithValues: members.map { ($0.id!.uuidString, $0.name) })
        let ranked = Ranking.rank(inputs, table: table, ruleSet: ruleSet).map { r in
            RankingRowDTO(
                unitID: UUID(uuidString: r.unit)!, unitName: names[r.unit] ?? r.unit, base: r.base, bonus: r.bonus,
                penalty: r.penalty, total: r.total, rank: r.rank, scored: true, classification: r.classification, eligible: r.eligible,
                ineligibilityReasons: r.ineligibilityReasons,
                sections: r.sections.map { .init(code: $0.code, title: $0.title, points: $0.points, max: $0.maxPoints) })
        }
        let sections = table.sections.map { RankingRowDTO.Section(code: $0.code, title: $0.title, points: 0, max: $0.maxPoints ?? 0) }
        return ranked + unscored.map { unit in
            RankingRowDTO(unitID: unit.id!, unitName: unit.name, base: 0, bonus: 0, penalty: 0, total: 0, rank: nil, scored: false,
                          classification: nil, eligible: false, ineligibilityReasons: [], sections: sections)
        }
    }

    /// The score summary table (bảng tổng hợp điểm) as XLSX.
    static func xlsx(_ rows: [RankingRowDTO], on req: Request) throws -> Data {
        let sectionCodes = rows.first?.sections.map(\.code) ?? []
        let header = ([req.t("rank"), req.t("unit_name")] + sectionCodes.map { req.t("section") + " " + $0 }
                      + [req.t("base_points"), req.t("bonus_points"), req.t("penalty_points"), req.t("total_points"),
                         req.t("classification"), req.t("eligible")]).map(XLSXCell.text)
        let body = rows.map { r -> [XLSXCell] in
            [r.rank.map { .number(Double($0)) } ?? .text(req.t("not_scored")), .text(r.unitName)] + r.sections.map { .number(($0.points as NSDecimalNumber).doubleValue) }
                + [r.base, r.bonus, r.penalty, r.total].map { .number(($0 as NSDecimalNumber).doubleValue) }
                + [.text(r.scored ? r.classification ?? "" : req.t("not_scored")), .text(r.eligible ? req.t("yes") : req.t("no"))]
        }
        return try XLSXWriter.data([XLSXSheet(name: req.t("score_summary"), rows: [header] + body)])
    }

    /// Flag candidates: the eligible units of the ranking once anything has been scored, else every member.
    static func flagCandidates(_ cycle: Cycle, on db: Database) async throws -> [UUID]? {
        let rows = try await ranking(cycle, on: db)
        guard rows.contains(where: \.scored) else { return nil }
        return rows.filter(\.eligible).map(\.unitID)
    }
}

/// One score line (criterion code and points) of a self-assessment or of a unit's agreed scores, as a plain row.
struct ScoreRow: Decodable {
    var owner: UUID
    var code: String
    var points: String

    static func all(_ table: String, keyedBy owner: String, in owners: [UUID], cycleID: UUID? = nil, on db: Database) async throws -> [ScoreRow] {
        guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError) }
        guard !owners.isEmpty else { return [] }
        var query = sql.select().column(SQLAlias(SQLColumn(owner), as: SQLIdentifier("owner"))).column("code").column("points").from(table)
            .where(SQLColumn(owner), .in, SQLGroupExpression(SQLList(owners.map { SQLBind($0) })))
        if let cycleID { query = query.where("cycle_id", .equal, SQLBind(cycleID)) }
        return try await query.all(decoding: ScoreRow.self)
    }
}
