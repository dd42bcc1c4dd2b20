import Fluent
import Foundation
import Vapor

/// `/api/v1/units`, `/api/v1/blocs` and their cycles, and `/api/v1/rule-sets`.
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

    static func listCycles(_ req: Request) async throws -> [CycleDTO] {
        let blocID = try req.idParameter("blocID")
        guard try await Bloc.find(blocID, on: req.db) != nil else { throw AppError.notFound(req.t("bloc.not_found")) }
        var result: [CycleDTO] = []
        for cycle in try await CycleService.cycles(ofBloc: blocID, on: req.db) {
            result.append(try await CycleService.dto(cycle, on: req.db))
        }
        return result
    }

    static func createCycle(_ req: Request) async throws -> Response {
        let blocID = try req.idParameter("blocID")
        let cycle = try await CycleService.create(blocID: blocID, req.content.decode(CreateCycleInput.self), on: req)
        return try await CycleService.dto(cycle, on: req.db).encodeResponse(status: .created, for: req)
    }

    static func getCycle(_ req: Request) async throws -> CycleDTO {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        return try await CycleService.dto(cycle, on: req.db)
    }

    static func updateCycle(_ req: Request) async throws -> CycleDTO {
        let id = try req.idParameter("cycleID")
        let cycle = try await CycleService.update(id, req.content.decode(UpdateCycleInput.self), on: req)
        return try await CycleService.dto(cycle, on: req.db)
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

/// `/api/v1/cycles/{cycleID}/milestones` and `/api/v1/milestones/{id}`.
enum MilestonesAPI {
    static func list(_ req: Request) async throws -> [MilestoneDTO] {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        let milestones = try await MilestoneService.milestones(of: cycle.requireID(), on: req.db)
        let statuses = MilestoneService.statuses(milestones, now: req.now)
        return try milestones.map { try MilestoneDTO($0, status: statuses[$0.id!]) }
    }

    static func create(_ req: Request) async throws -> Response {
        let cycleID = try req.idParameter("cycleID")
        let milestone = try await MilestoneService.create(in: cycleID, req.content.decode(MilestoneInput.self), on: req)
        return try await withStatus(milestone, on: req).encodeResponse(status: .created, for: req)
    }

    static func update(_ req: Request) async throws -> MilestoneDTO {
        let id = try req.idParameter("milestoneID")
        return try await withStatus(MilestoneService.update(id, req.content.decode(MilestoneInput.self), on: req), on: req)
    }

    /// The status depends on the whole cycle ("next" is the earliest still to come).
    private static func withStatus(_ milestone: Milestone, on req: Request) async throws -> MilestoneDTO {
        let all = try await MilestoneService.milestones(of: milestone.$cycle.id, on: req.db)
        return try MilestoneDTO(milestone, status: MilestoneService.statuses(all, now: req.now)[milestone.requireID()])
    }

    static func delete(_ req: Request) async throws -> HTTPStatus {
        try await MilestoneService.delete(req.idParameter("milestoneID"), on: req)
        return .noContent
    }
}
