import Fluent
import Foundation
import Vapor

/// `/api/v1/blocs/{blocID}/cycles`, `/api/v1/cycles/{cycleID}`: a bloc's cycles.
enum CyclesAPI {
    static func listCycles(_ req: Request) async throws -> [CycleDTO] {
        let blocID = try req.idParameter("blocID")
        _ = try await CycleService.requireBloc(blocID, on: req)
        return try await CycleService.dtos(CycleService.cycles(ofBloc: blocID, on: req.db), on: req.db)
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
