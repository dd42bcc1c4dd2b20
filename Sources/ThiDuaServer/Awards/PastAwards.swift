import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// An award of a year before the system, imported from a workbook.
final class PastAwardRecord: Model, @unchecked Sendable {
    static let schema = "past_awards"
    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "award") var award: String
    @Field(key: "unit_id") var unitID: UUID
    @OptionalField(key: "person_id") var personID: UUID?
    @Field(key: "holder_key") var holderKey: String
    @Field(key: "decision_number") var decisionNumber: String
    @Field(key: "decision_date") var decisionDate: String
    @Field(key: "method") var method: String
    @Field(key: "imported_at") var importedAt: Date
    @Field(key: "imported_by") var importedBy: String
    init() {}

    var history: AwardHistoryDTO {
        AwardHistoryDTO(year: year, award: award, awardName: AwardKind.common.first { $0.key == award }?.name ?? award, awarded: true,
                        decisionNumber: decisionNumber, decisionDate: decisionDate)
    }
}

struct PastAwardImportResult: Content {
    var imported: Int
    /// Rows already held (the same year, award, holder and decision): not added twice.
    var skipped: Int
}

/// The board imports earlier years' awards from a workbook (`ThiDuaCore.PastAwardImport` reads it): every row is
/// matched to an award kind and a unit of the directory, a person found or added in their unit; any problem refuses
/// the whole workbook, naming each row, and nothing is written.
enum PastAwards {
    static func importWorkbook(_ req: Request) async throws -> PastAwardImportResult {
        try req.authorize(.importHistory)
        let data = try ScoringAPI.uploadedData(req)
        let sheet: XLSXReadSheet
        do {
            guard let first = try await req.application.threadPool.runIfActive({ try XLSXReader.read(data) }).first else {
                throw AppError.validation("file", req.t("history_import.empty"))
            }
            sheet = first
        } catch let error as XLSXReadError {
            throw AppError.validation("file", error.description)
        }
        let rows = (1...max(sheet.maxRow, 1)).map { r in
            (1...max(sheet.maxColumn, 1)).map { c -> String in
                switch sheet.cells[XLSXCellRef(row: r, column: c)]?.value {
                case let .text(t): t
                case let .number(n): NSDecimalNumber(decimal: n).stringValue
                default: ""
                }
            }
        }
        let today = DeadlineCalendar(holidays: []).localDate(of: req.now)
        let (awards, parseProblems) = PastAwardImport.parse(rows, now: today)
        var problems = parseProblems.map(\.description)
        let kinds = try await awardKinds(on: req.db)
        let units = try await Unit.query(on: req.db).all()
        var matched: [(PastAward, String, Unit)] = []
        for a in awards {
            let typed = VietnameseText.fold(a.award)
            let candidates = kinds.filter { VietnameseText.fold($0.name) == typed || $0.key == a.award }
            let kind = candidates.first ?? { let c = kinds.filter { VietnameseText.fold($0.name).contains(typed) }; return c.count == 1 ? c[0] : nil }()
            guard let kind else { problems.append(req.t("history_import.unknown_award", ["line": String(a.line), "award": a.award])); continue }
            let unitText = VietnameseText.fold(a.unit)
            guard let unit = units.first(where: { VietnameseText.fold($0.name) == unitText || $0.shortName.lowercased() == a.unit.lowercased() }) else {
                problems.append(req.t("history_import.unknown_unit", ["line": String(a.line), "unit": a.unit]))
                continue
            }
            matched.append((a, kind.key, unit))
        }
        guard problems.isEmpty else {
            throw AppError.validation("file", req.t("history_import.problems", ["count": String(problems.count),
                                                                                "list": problems.prefix(30).joined(separator: "\n")]))
        }
        return try await write(matched, on: req)
    }

    /// Every award kind a rule set names, and the common ones.
    static func awardKinds(on db: Database) async throws -> [AwardKind] {
        var kinds = AwardKind.common
        for record in try await RuleSetRecord.query(on: db).all() {
            for kind in (try? RuleSet.decode(Data(record.document.utf8)))?.awardKinds ?? [] where !kinds.contains(where: { $0.key == kind.key }) {
                kinds.append(kind)
            }
        }
        return kinds
    }

    static func write(_ rows: [(PastAward, String, Unit)], on req: Request) async throws -> PastAwardImportResult {
        let actor = req.actorName
        let now = req.now
        return try await req.audited { db in
            var imported = 0, skipped = 0
            for (a, award, unit) in rows {
                let unitID = try unit.requireID()
                var personID: UUID?
                if !a.collective {
                    let folded = VietnameseText.fold(a.holder)
                    let person = try await Person.query(on: db).filter(\.$unitID == unitID).filter(\.$foldedName == folded).first() ?? Person()
                    if person.id == nil { (person.unitID, person.fullName, person.foldedName, person.position) = (unitID, a.holder, folded, a.position) }
                    if let level = a.level { person.positionLevel = level.rawValue }
                    try await person.save(on: db)
                    personID = person.id
                }
                let key = personID.map { "person:\($0)" } ?? "unit:\(unitID)"
                if try await PastAwardRecord.query(on: db).filter(\.$year == a.year).filter(\.$award == award).filter(\.$holderKey == key)
                    .filter(\.$decisionNumber == a.decisionNumber).first() != nil {
                    skipped += 1
                    continue
                }
                let r = PastAwardRecord()
                (r.year, r.award, r.unitID, r.personID, r.holderKey) = (a.year, award, unitID, personID, key)
                (r.decisionNumber, r.decisionDate, r.method, r.importedAt, r.importedBy) = (a.decisionNumber, a.decisionDate.iso, a.method.rawValue, now, actor)
                try await r.create(on: db)
                imported += 1
            }
            let result = PastAwardImportResult(imported: imported, skipped: skipped)
            return (result, AuditRecord(actor: actor, action: "import", entity: "past_awards", entityID: "",
                                        before: String?.none, after: ["imported": String(imported), "skipped": String(skipped)]))
        }
    }
}
