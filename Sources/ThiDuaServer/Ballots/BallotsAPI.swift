import Fluent
import Foundation
import Vapor

/// `/api/v1/cycles/{cycleID}/conference…` and `/api/v1/…ballots…`.
enum BallotsAPI {
    static func list(_ req: Request) async throws -> [BallotDTO] {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        let ballots = try await BallotService.ballots(of: cycle.requireID(), on: req.db)
        return try await BallotService.dtos(ballots, localizer: req.application.localizer, on: req.db)
    }

    static func create(_ req: Request) async throws -> Response {
        let b = try await BallotService.create(cycleID: req.idParameter("cycleID"), req.content.decode(CreateBallotInput.self), on: req)
        return try await BallotService.dto(b, localizer: req.application.localizer, on: req.db).encodeResponse(status: .created, for: req)
    }

    static func get(_ req: Request) async throws -> BallotDTO {
        try await BallotService.dto(BallotService.find(req.idParameter("ballotID"), on: req).0, localizer: req.application.localizer, on: req.db)
    }

    static func candidates(_ req: Request) async throws -> BallotDTO {
        let b = try await BallotService.changeCandidates(req.idParameter("ballotID"), req.content.decode(CandidateChangeInput.self), on: req)
        return try await BallotService.dto(b, localizer: req.application.localizer, on: req.db)
    }

    static func open(_ req: Request) async throws -> BallotDTO {
        try await BallotService.dto(BallotService.open(req.idParameter("ballotID"), on: req), localizer: req.application.localizer, on: req.db)
    }

    static func close(_ req: Request) async throws -> BallotDTO {
        try await BallotService.dto(BallotService.close(req.idParameter("ballotID"), on: req), localizer: req.application.localizer, on: req.db)
    }

    static func vote(_ req: Request) async throws -> Response {
        let receipt = try await BallotService.vote(req.idParameter("ballotID"), req.content.decode(VoteInput.self), on: req)
        return try await VoteReceipt(receipt: receipt).encodeResponse(status: .created, for: req)
    }

    static func paperCount(_ req: Request) async throws -> BallotResultDTO {
        let b = try await BallotService.paperCount(req.idParameter("ballotID"), req.content.decode(PaperCountInput.self), on: req)
        return try await BallotService.result(b.requireID(), on: req)
    }

    static func result(_ req: Request) async throws -> BallotResultDTO {
        try await BallotService.result(req.idParameter("ballotID"), on: req)
    }

    static func runoff(_ req: Request) async throws -> Response {
        let b = try await BallotService.runoff(req.idParameter("ballotID"), on: req)
        return try await BallotService.dto(b, localizer: req.application.localizer, on: req.db).encodeResponse(status: .created, for: req)
    }
}
