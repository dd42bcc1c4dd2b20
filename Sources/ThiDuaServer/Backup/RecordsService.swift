import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Records kept for the archive and for people's requests about their own data (Luật Bảo vệ dữ liệu cá nhân
/// 91/2025/QH15): the province's award history as a workbook, and a person's data, exported and corrected by the
/// administrator. Every export and correction is audited.
enum RecordsService {
    /// Every decided award of the province, one row each, newest year first, with its unit, person and decision.
    static func awardHistoryXLSX(on req: Request) async throws -> Data {
        try req.authorize(.readProvinceHistory)
        let db = req.db
        let entries = try await AwardEntry.query(on: db).all()
        let units = Dictionary(uniqueKeysWithValues: try await Unit.query(on: db).filter(\.$id ~~ Set(entries.map(\.unitID))).all().map { ($0.id!, $0) })
        let people = Dictionary(uniqueKeysWithValues: try await Person.query(on: db)
            .filter(\.$id ~~ Set(entries.compactMap(\.personID))).all().map { ($0.id!, $0) })
        let decisions = Dictionary(uniqueKeysWithValues: try await Decision.query(on: db)
            .filter(\.$id ~~ Set(entries.map(\.decisionID))).all().map { ($0.id!, $0) })
        let header = ["year", "unit", "person", "position", "award", "result", "decision", "date", "issuer"]
            .map { XLSXCell.text(req.t("award_history.column.\($0)")) }
        // Sorted on keys made once, not on formatted text inside the comparison.
        let rows = entries.map { e -> (key: (Int, String, String), cells: [XLSXCell]) in
            let unit = units[e.unitID]?.name ?? ""
            let person = e.personID.flatMap { people[$0] }
            let d = decisions[e.decisionID]
            let award = AwardKind.common.first { $0.key == e.award }?.name ?? e.award
            return ((-e.year, VietnameseText.fold(unit), VietnameseText.fold(person?.fullName ?? "")),
                    [.number(Double(e.year)), .text(unit), .text(person?.fullName ?? ""), .text(person?.position ?? ""), .text(award),
                     .text(req.t(e.awarded ? "award_history.awarded" : "award_history.refused")), .text(d?.number ?? ""),
                     .text(d.flatMap { LocalDate(iso: $0.date) }.map(VietnameseDate.short) ?? d?.date ?? ""), .text(d?.issuer ?? "")])
        }.sorted { $0.key < $1.key }.map(\.cells)
        let data = try XLSXWriter.data([XLSXSheet(name: req.t("award_history.sheet"), rows: [header] + rows)])
        try await req.auditedRead(action: "export", entity: "awardHistory", entityID: "")
        return data
    }

    struct PersonData: Content {
        var person: PersonDTO
        var unit: UnitDTO?
        var awards: [AwardHistoryDTO]
        var nominations: [NomineeDTO]
    }

    struct PersonDTO: Content {
        var id: UUID
        var fullName: String
        var position: String?
        var unitID: UUID
    }

    struct PersonCorrection: Content {
        var fullName: String?
        var position: String?
    }

    /// All the system holds about one person, for their request; the export is audited.
    static func personData(_ id: UUID, on req: Request) async throws -> PersonData {
        try req.authorize(.managePersonalData)
        let person = try await find(id, on: req)
        let nominees = try await Nominee.query(on: req.db).filter(\.$personID == id).all()
        var kinds: [AwardKind] = []
        for cycleID in Set(nominees.map(\.cycleID)) {
            if let cycle = try await Cycle.find(cycleID, on: req.db) { kinds += try await AwardService.awardKinds(cycle, on: req.db) }
        }
        let data = PersonData(person: dto(person), unit: try await DirectoryService.unit(person.unitID, on: req.db).map(UnitDTO.init),
                              awards: try await AwardService.personHistory(id, on: req.db),
                              nominations: try await AwardService.dtos(nominees, kinds: kinds.isEmpty ? AwardKind.common : kinds, on: req.db))
        try await req.auditedRead(action: "export-personal-data", entity: "person", entityID: id.uuidString)
        return data
    }

    /// The administrator corrects a person's name or position; the old and new values are audited.
    static func correct(_ id: UUID, _ input: PersonCorrection, on req: Request) async throws -> PersonDTO {
        try req.authorize(.managePersonalData)
        let person = try await find(id, on: req)
        let before = dto(person)
        let name = try input.fullName.map { try Validate.name($0, "fullName", max: 200, on: req) }
        let position = try input.position.map { try Validate.optionalName($0, "position", max: 200, on: req) }
        let actor = req.actorName
        return try await req.audited { db in
            if let name { (person.fullName, person.foldedName) = (name, VietnameseText.fold(name)) }
            if let position { person.position = position }
            try await person.save(on: db)
            let after = dto(person)
            return (after, AuditRecord(actor: actor, action: "correct", entity: "person", entityID: id.uuidString, before: before, after: after))
        }
    }

    static func find(_ id: UUID, on req: Request) async throws -> Person {
        guard let person = try await Person.find(id, on: req.db) else { throw AppError.notFound(req.t("person.not_found")) }
        return person
    }

    static func dto(_ p: Person) -> PersonDTO {
        PersonDTO(id: p.id!, fullName: p.fullName, position: p.position, unitID: p.unitID)
    }
}
