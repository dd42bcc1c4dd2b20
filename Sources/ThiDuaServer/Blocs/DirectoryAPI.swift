import Fluent
import Foundation
import Vapor

/// `/api/v1/units`, `/api/v1/blocs` and `/api/v1/rule-sets`.
enum DirectoryAPI {
    static func listUnits(_ req: Request) async throws -> [UnitDTO] {
        try await DirectoryService.units(on: req.db).map(UnitDTO.init)
    }

    static func createUnit(_ req: Request) async throws -> Response {
        let unit = try await DirectoryService.createUnit(req.content.decode(CreateUnitInput.self), on: req)
        return try await UnitDTO(unit).encodeResponse(status: .created, for: req)
    }

    static func updateUnit(_ req: Request) async throws -> UnitDTO {
        let id = try req.idParameter("unitID")
        return try UnitDTO(await DirectoryService.updateUnit(id, req.content.decode(UpdateUnitInput.self), on: req))
    }

    static func listBlocs(_ req: Request) async throws -> [BlocDTO] {
        try await DirectoryService.blocs(on: req.db).map(BlocDTO.init)
    }

    static func createBloc(_ req: Request) async throws -> Response {
        let bloc = try await DirectoryService.createBloc(req.content.decode(CreateBlocInput.self), on: req)
        return try await BlocDTO(bloc).encodeResponse(status: .created, for: req)
    }

    static func updateBloc(_ req: Request) async throws -> BlocDTO {
        let id = try req.idParameter("blocID")
        return try BlocDTO(await DirectoryService.updateBloc(id, req.content.decode(UpdateBlocInput.self), on: req))
    }

    static func listRuleSets(_ req: Request) async throws -> [RuleSetSummary] {
        try await RuleSetService.all(on: req.db).map(RuleSetSummary.init)
    }

    static func createRuleSet(_ req: Request) async throws -> Response {
        let data = req.body.data.map { Data(buffer: $0) } ?? Data()
        let record = try await RuleSetService.importDocument(data, on: req)
        return try await RuleSetSummary(record).encodeResponse(status: .created, for: req)
    }
}
