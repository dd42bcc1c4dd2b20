import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The province's award history for the board (issue 17): every unit and person whose name matches the words typed,
/// without regard to diacritics ("van phong" finds "Văn phòng"), each with every award recorded for them (and those
/// imported from earlier years' workbooks), newest first.
enum ProvinceHistory {
    struct Holder: Content {
        var kind: NomineeKind
        var name: String
        /// A person's unit; empty for a collective.
        var unit: String
        var entries: [AwardHistoryDTO]
    }

    static let limit = 100

    /// Units and people matching `text` (at most `limit` of each), with their histories: seven queries at any size.
    /// `units`, when given, limits the search to those units and their people (a reviewer's province).
    static func search(_ text: String, units inScope: Set<UUID>? = nil, on db: Database) async throws -> [Holder] {
        let q = VietnameseText.fold(text)
        guard q.count >= 2 else { return [] }
        let units = Array(VietnameseText.sorted(try await Unit.query(on: db).all().filter {
            VietnameseText.fold($0.name).contains(q) && (inScope?.contains($0.id ?? UUID()) ?? true)
        }, by: \.name).prefix(limit))
        let people = try await AwardService.people(matching: text, on: db).filter { inScope?.contains($0.unitID) ?? true }
        let unitIDs = Set(units.compactMap(\.id)), personIDs = Set(people.compactMap(\.id))
        var entries = try await AwardEntry.query(on: db).filter(\.$unitID ~~ unitIDs).filter(\.$personID == nil).all()
        if !personIDs.isEmpty { entries += try await AwardEntry.query(on: db).filter(\.$personID ~~ personIDs).all() }
        var byUnit: [UUID: [AwardHistoryDTO]] = [:], byPerson: [UUID: [AwardHistoryDTO]] = [:]
        for (entry, row) in try await AwardService.historyRows(entries, on: db) {
            if let personID = entry.personID { byPerson[personID, default: []].append(row) } else { byUnit[entry.unitID, default: []].append(row) }
        }
        // Earlier years imported from workbooks, after the recorded ones of the same holder, newest first.
        var past = try await PastAwardRecord.query(on: db).filter(\.$unitID ~~ unitIDs).filter(\.$personID == nil).all()
        if !personIDs.isEmpty { past += try await PastAwardRecord.query(on: db).filter(\.$personID ~~ personIDs).all() }
        for p in past {
            if let personID = p.personID { byPerson[personID, default: []].append(p.history) } else { byUnit[p.unitID, default: []].append(p.history) }
        }
        byUnit = byUnit.mapValues { $0.sorted { $0.year > $1.year } }
        byPerson = byPerson.mapValues { $0.sorted { $0.year > $1.year } }
        let unitNames = Dictionary(try await Unit.query(on: db).filter(\.$id ~~ Set(people.map(\.unitID))).all().compactMap { u in
            u.id.map { ($0, u.name) }
        }, uniquingKeysWith: { a, _ in a })
        return units.map { Holder(kind: .collective, name: $0.name, unit: "", entries: byUnit[$0.id ?? UUID()] ?? []) }
            + people.map { Holder(kind: .individual, name: $0.fullName, unit: unitNames[$0.unitID] ?? "", entries: byPerson[$0.id ?? UUID()] ?? []) }
    }

    /// `GET /api/v1/history?q=`
    static func api(_ req: Request) async throws -> [Holder] {
        try req.authorize(.readProvinceHistory)
        let q = req.query[String.self, at: "q"] ?? ""
        guard VietnameseText.fold(q).count >= 2 else { throw AppError.validation("q", req.t("history_too_short")) }
        return try await search(q, units: try await scopeUnits(on: req), on: req.db)
    }

    /// The units of a reviewer's province: members of its blocs' cycles (two queries); nil for every unit.
    static func scopeUnits(on req: Request) async throws -> Set<UUID>? {
        guard let blocs = try await BoardScope.blocIDs(on: req) else { return nil }
        let cycles = try await Cycle.query(on: req.db).filter(\.$bloc.$id ~~ blocs).all().compactMap(\.id)
        return Set(try await Membership.query(on: req.db).filter(\.$cycle.$id ~~ cycles).all().map(\.$unit.id))
    }

    struct Page: Encodable {
        var query: String
        var holders: [Holder]
        var searched: Bool
        var xlsxURL: String
        var importURL: String
        var csrfQuery: String
        var canImport: Bool
    }

    /// `/board/history?q=`: the same search as a page, with the whole history as a workbook.
    static func page(_ req: Request) async throws -> View {
        try req.authorize(.readProvinceHistory)
        let q = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        return try await req.render("awards/history", title: req.t("history_title"), Page(
            query: q, holders: try await search(q, units: try await scopeUnits(on: req), on: req.db), searched: VietnameseText.fold(q).count >= 2,
            xlsxURL: SiteURL.Path.historyXLSX.link(), importURL: SiteURL.Path.historyImport.link(),
            csrfQuery: "csrfToken=\(req.csrfToken)", canImport: Policy.allows(try req.user(), .importHistory)))
    }

    /// The page's upload form: the API's import, then back to the page with what was added or why nothing was.
    static func importForm(_ req: Request) async throws -> Response {
        try req.authorize(.importHistory)
        let back = SiteURL.Path.history.link()
        return try await req.formAction(back: back) {
            let result = try await PastAwards.importWorkbook(req)
            req.setFlash(Flash(kind: .ok, message: req.t("history_import.done", ["imported": String(result.imported),
                                                                                 "skipped": String(result.skipped)])))
            return back
        }
    }
}
