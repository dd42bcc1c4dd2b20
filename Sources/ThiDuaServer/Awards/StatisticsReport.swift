import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// The board's yearly statistics workbook (issue 17, Thông tư 02/2023/TT-BNV): biểu 0601 from the blocs' emulation
/// years; then, from the decisions recorded here, biểu 0603 and the awards given that year by kind, by proposing bloc
/// and by method, collective and individual, and individuals by where they stand (`ThiDuaCore.AwardStatistics`).
/// Decisions recorded before the method was asked count as regular, people whose level was not entered as "not
/// recorded"; the sheet says so.
enum StatisticsReport {
    /// Every award given in `year`, with its kind's name and its bloc: a fixed number of queries.
    static func facts(year: Int, on req: Request) async throws -> [AwardStatistics.Fact] {
        let db = req.db
        let entries = try await AwardEntry.query(on: db).filter(\.$year == year).filter(\.$awarded == true).all()
        let nominees = Dictionary(uniqueKeysWithValues: try await Nominee.query(on: db).filter(\.$id ~~ Set(entries.map(\.nomineeID))).all()
            .map { ($0.id!, $0) })
        let cycles = Dictionary(uniqueKeysWithValues: try await Cycle.query(on: db).filter(\.$id ~~ Set(nominees.values.map(\.cycleID))).all()
            .map { ($0.id!, $0) })
        let blocs = Dictionary(uniqueKeysWithValues: try await Bloc.query(on: db).filter(\.$id ~~ Set(cycles.values.map(\.$bloc.id))).all()
            .map { ($0.id!, $0.name) })
        let names = try await awardNames(cycles: Array(cycles.values), on: db)
        let methods = Dictionary(try await Decision.query(on: db).filter(\.$id ~~ Set(entries.map(\.decisionID))).all()
            .compactMap { d in d.id.map { ($0, d.method.flatMap(AwardMethod.init(rawValue:)) ?? .regular) } }, uniquingKeysWith: { a, _ in a })
        let levels = Dictionary(try await Person.query(on: db).filter(\.$id ~~ Set(entries.compactMap(\.personID))).all()
            .compactMap { p in p.id.map { ($0, p.positionLevel.flatMap(PositionLevel.init(rawValue:))) } }, uniquingKeysWith: { a, _ in a })
        // Earlier years' awards imported from workbooks count in their year, under their own heading for the bloc.
        let scope = try await BoardScope.blocIDs(on: req)
        var past = try await PastAwardRecord.query(on: db).filter(\.$year == year).all()
        // A reviewer's province: imported awards of units that belong to its blocs.
        if let units = try await ProvinceHistory.scopeUnits(on: req) { past = past.filter { units.contains($0.unitID) } }
        let pastLevels = Dictionary(try await Person.query(on: db).filter(\.$id ~~ Set(past.compactMap(\.personID))).all()
            .compactMap { p in p.id.map { ($0, p.positionLevel.flatMap(PositionLevel.init(rawValue:))) } }, uniquingKeysWith: { a, _ in a })
        func fact(award key: String, collective: Bool, bloc: String, method: AwardMethod, level: PositionLevel?) -> AwardStatistics.Fact {
            let name = names[key] ?? key
            return AwardStatistics.Fact(award: name, collective: collective, bloc: bloc, method: req.t(method.labelKey),
                                        level: level.map { req.t($0.labelKey) }, column: StatisticsForm0603.column(key: key, name: name),
                                        methodValue: method, levelValue: level)
        }
        let imported = past.map { p in
            fact(award: p.award, collective: p.personID == nil, bloc: req.t("statistics.imported"),
                 method: AwardMethod(rawValue: p.method) ?? .regular, level: p.personID.flatMap { pastLevels[$0] ?? nil })
        }
        return imported + entries.compactMap { entry in
            guard let nominee = nominees[entry.nomineeID] else { return nil }
            if let scope, let cycle = cycles[nominee.cycleID], !scope.contains(cycle.$bloc.id) { return nil }
            let bloc = cycles[nominee.cycleID].flatMap { blocs[$0.$bloc.id] } ?? ""
            return fact(award: entry.award, collective: nominee.kind == .collective, bloc: bloc,
                        method: methods[entry.decisionID] ?? .regular, level: entry.personID.flatMap { levels[$0] ?? nil })
        }
    }

    /// Each award key's name: the common ones, overridden by the names in the cycles' rule sets (one query).
    static func awardNames(cycles: [Cycle], on db: Database) async throws -> [String: String] {
        let records = try await RuleSetRecord.query(on: db).filter(\.$id ~~ Set(cycles.compactMap(\.$ruleSet.id))).all()
        var names = Dictionary(AwardKind.common.map { ($0.key, $0.name) }, uniquingKeysWith: { first, _ in first })
        for record in records {
            for kind in (try? RuleSet.decode(Data(record.document.utf8)))?.awardKinds ?? [] { names[kind.key] = kind.name }
        }
        return names
    }

    static func xlsx(_ req: Request) async throws -> Response {
        try req.authorize(.readProvinceHistory)
        guard let year = req.parameters.get("year", as: Int.self), (1900...2200).contains(year) else {
            throw AppError.notFound(req.t("problem.not-found.detail"))
        }
        let facts = try await facts(year: year, on: req)
        func sheet(_ name: String, _ first: String, _ rows: [AwardStatistics.Row]) -> XLSXSheet {
            let title = [XLSXCell.text(req.t("statistics.title", ["year": String(year)]))]
            let note = [XLSXCell.text(req.t("statistics.not_held"))]
            let header = [first, "statistics.total", "statistics.collectives", "statistics.individuals"].map { XLSXCell.text(req.t($0)) }
            let body = rows.map { [XLSXCell.text($0.label), .number(Double($0.total)), .number(Double($0.collectives)), .number(Double($0.individuals))] }
            return XLSXSheet(name: req.t(name), rows: [title, note, header] + body)
        }
        // The forms first, in their numbers' order, then the counts the board reads them against.
        let data = try XLSXWriter.data([
            try await StatisticsForm0601Sheet.sheet(year: year, on: req),
            try await StatisticsForm0603Sheet.sheet(year: year, facts: facts, on: req),
            sheet("statistics.by_award", "statistics.award", AwardStatistics.byAward(facts)),
            sheet("statistics.by_bloc", "statistics.bloc", AwardStatistics.byBloc(facts)),
            sheet("statistics.by_method", "statistics.method", AwardStatistics.byMethod(facts)),
            sheet("statistics.by_level", "statistics.level", AwardStatistics.byLevel(facts, unrecorded: req.t("statistics.level_unrecorded"))),
        ])
        return SubmissionsAPI.file(data, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                   name: req.t("statistics.file", ["year": String(year)]))
    }
}
