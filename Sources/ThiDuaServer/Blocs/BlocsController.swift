import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Web pages for blocs, a bloc's cycles, and units.
enum BlocsController {
    struct BlocRow: Encodable {
        var id: UUID
        var name: String
        var issuer: String
        var styleLabel: String
        var url: String
        var cyclesURL: String
    }

    struct IndexPage: Encodable {
        var blocs: [BlocRow]
        var styles: [AccountsController.Option]
        var query: String
    }

    static func index(_ req: Request) async throws -> View {
        let query = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        let blocs = try await DirectoryService.blocs(on: req.db)
            // Already in Vietnamese order (DirectoryService sorts with each collation key computed once).
            .filter { query.isEmpty || VietnameseText.matches($0.name, query: query) || VietnameseText.matches($0.issuer, query: query) }
            .map { BlocRow(id: $0.id!, name: $0.name, issuer: $0.issuer,
                           styleLabel: req.t($0.houseStyle.labelKey), url: SiteURL.bloc($0.id!), cyclesURL: SiteURL.blocCycles($0.id!)) }
        let styles = HouseStyle.allCases.map { AccountsController.Option(value: $0.rawValue, label: req.t($0.labelKey)) }
        return try await req.render("blocs/index", title: req.t("blocs_title"), IndexPage(blocs: blocs, styles: styles, query: query))
    }

    /// The form posts the API's own input (`CreateBlocInput`): one decoding and one validation for both doors.
    static func create(_ req: Request) async throws -> Response {
        try await req.formAction(back: SiteURL.blocs) {
            let bloc = try await DirectoryService.createBloc(req.formInput(CreateBlocInput.self), on: req)
            return SiteURL.bloc(try bloc.requireID())
        }
    }

    struct ShowPage: Encodable {
        var bloc: BlocRow
        /// The facts its documents print, as the edit form shows them: a refused edit's own values, else the bloc's.
        var facts: [String: String]
        var styles: [AccountsController.Option]
        var cycles: [CycleRow]
        var units: [UnitDTO]
        var ruleSets: [RuleSetSummary]
        var nextYear: Int
    }

    struct CycleRow: Encodable {
        var year: Int
        var url: String
        var headName: String
        var deputyName: String
        var memberCount: Int
    }

    static func show(_ req: Request) async throws -> View {
        let blocID = try req.idParameter("blocID")
        let bloc = try await CycleService.requireBloc(blocID, on: req)
        let rows = try await CycleService.dtos(CycleService.cycles(ofBloc: blocID, on: req.db), on: req.db).map { dto in
            CycleRow(year: dto.year, url: SiteURL.cycle(dto.id), headName: dto.headUnit.name,
                     deputyName: dto.deputyUnit.name, memberCount: dto.members.count)
        }
        let units = try await DirectoryService.units(on: req.db)
        let page = ShowPage(
            bloc: BlocRow(id: blocID, name: bloc.name, issuer: bloc.issuer, styleLabel: req.t(bloc.houseStyle.labelKey),
                          url: SiteURL.bloc(blocID), cyclesURL: SiteURL.blocCycles(blocID)),
            facts: facts(of: bloc, on: req),
            styles: HouseStyle.allCases.map { AccountsController.Option(value: $0.rawValue, label: req.t($0.labelKey)) },
            cycles: rows, units: try units.map(UnitDTO.init),
            ruleSets: try await RuleSetService.all(on: req.db).map(RuleSetSummary.init),
            nextYear: (rows.map(\.year).max() ?? (DeadlineCalendar(holidays: []).localDate(of: req.now).year - 1)) + 1
        )
        return try await req.render("blocs/show", title: bloc.name, page)
    }

    /// Only the edit form sends `issuer` on this page, so a refused edit is told apart from a refused new cycle.
    private static func facts(of bloc: Bloc, on req: Request) -> [String: String] {
        if let typed = req.peekFlash()?.values, typed["issuer"] != nil { return typed }
        return ["name": bloc.name, "issuer": bloc.issuer, "houseStyle": bloc.houseStyle.rawValue, "place": bloc.place ?? "",
                "symbol": bloc.symbol ?? "", "contactName": bloc.contactName ?? "", "contactPhone": bloc.contactPhone ?? "",
                "contactEmail": bloc.contactEmail ?? ""]
    }

    /// The edit form posts the API's `UpdateBlocInput`; an emptied box clears its fact (the API's "" does the same).
    static func update(_ req: Request) async throws -> Response {
        let blocID = try req.idParameter("blocID")
        return try await req.formAction(back: SiteURL.bloc(blocID)) {
            _ = try await DirectoryService.updateBloc(blocID, req.content.decode(UpdateBlocInput.self), on: req)
            req.setFlash(Flash(kind: .ok, message: req.t("bloc_updated")))
            return SiteURL.bloc(blocID)
        }
    }

    /// The new-cycle form carries the API's `CreateCycleInput` fields, so both are decoded and refused alike.
    static func createCycle(_ req: Request) async throws -> Response {
        let blocID = try req.idParameter("blocID")
        return try await req.formAction(back: SiteURL.bloc(blocID)) {
            let cycle = try await CycleService.create(blocID: blocID, req.formInput(CreateCycleInput.self), on: req)
            return SiteURL.cycle(try cycle.requireID())
        }
    }

    struct UnitsPage: Encodable {
        var units: [UnitDTO]
        var query: String
    }

    static func units(_ req: Request) async throws -> View {
        let query = (req.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        let units = try await DirectoryService.units(on: req.db)
            .filter { query.isEmpty || VietnameseText.matches($0.name, query: query) || VietnameseText.matches($0.shortName, query: query) }
        return try await req.render("blocs/units", title: req.t("units_title"),
                                    UnitsPage(units: try units.map(UnitDTO.init), query: query))
    }

    /// The form posts the API's own input (`CreateUnitInput`).
    static func createUnit(_ req: Request) async throws -> Response {
        try await req.formAction(back: SiteURL.units) {
            let unit = try await DirectoryService.createUnit(req.content.decode(CreateUnitInput.self), on: req)
            req.setFlash(Flash(kind: .ok, message: req.t("unit_created", ["value": unit.name])))
            return SiteURL.units
        }
    }
}
