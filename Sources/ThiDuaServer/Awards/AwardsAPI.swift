import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// `/api/v1/cycles/{cycleID}/nominees|proposals`, `/api/v1/proposals/{id}/…`, award histories and people search.
enum AwardsAPI {
    static func cycle(_ req: Request) async throws -> Cycle { try await CycleService.find(req.idParameter("cycleID"), on: req) }

    /// The cycle, once the user may read its awards: its own units, the board, the administrator.
    static func readableCycle(_ req: Request) async throws -> Cycle {
        let cycle = try await cycle(req)
        let user = try req.user()
        try req.authorize(.readAwards(cycle, unitIsMember: try await Policy.unitIsMember(user, of: cycle.requireID(), on: req.db)))
        return cycle
    }

    static func listNominees(_ req: Request) async throws -> [NomineeDTO] {
        let cycle = try await readableCycle(req)
        return try await AwardService.nominees(cycle, on: req.db)
    }

    static func addNominee(_ req: Request) async throws -> Response {
        let cycle = try await cycle(req)
        let n = try await AwardService.addNominee(cycle, req.content.decode(NomineeInput.self), on: req)
        return try await AwardService.dto(n, kinds: AwardService.awardKinds(cycle, on: req.db), on: req.db).encodeResponse(status: .created, for: req)
    }

    static func removeNominee(_ req: Request) async throws -> HTTPStatus {
        try await AwardService.removeNominee(req.idParameter("nomineeID"), on: req)
        return .noContent
    }

    static func listProposals(_ req: Request) async throws -> [ProposalDTO] {
        let cycle = try await readableCycle(req)
        // In bulk: a fixed number of queries however many proposals the cycle has.
        return try await ProposalService.dtos(AwardService.proposals(of: cycle.requireID(), on: req.db), cycle: cycle,
                                              localizer: req.application.localizer, language: req.language, on: req.db)
    }

    static func createProposal(_ req: Request) async throws -> Response {
        let cycle = try await cycle(req)
        let p = try await ProposalService.create(cycle, req.content.decode(ProposalInput.self), on: req)
        return try await ProposalService.dto(p, cycle: cycle, localizer: req.application.localizer, language: req.language, on: req.db).encodeResponse(status: .created, for: req)
    }

    static func send(_ req: Request) async throws -> ProposalDTO {
        let p = try await ProposalService.send(req.idParameter("proposalID"), req.content.decode(SendInput.self), on: req)
        return try await ProposalService.dto(p, cycle: CycleService.find(p.cycleID, on: req), localizer: req.application.localizer,
                                              language: req.language, on: req.db)
    }

    static func decide(_ req: Request) async throws -> Response {
        let id = try req.idParameter("proposalID")
        _ = try await ProposalService.decide(id, req.content.decode(DecisionInput.self), on: req)
        let (p, cycle) = try await ProposalService.find(id, on: req)
        return try await ProposalService.dto(p, cycle: cycle, localizer: req.application.localizer, language: req.language, on: req.db).encodeResponse(status: .created, for: req)
    }

    /// `POST /api/v1/proposals/{id}/documents`: attach a generated document or a submission to a draft.
    static func linkDocument(_ req: Request) async throws -> Response {
        let id = try req.idParameter("proposalID")
        _ = try await ProposalDocuments.link(id, req.content.decode(ProposalDocumentInput.self), on: req)
        let (p, cycle) = try await ProposalService.find(id, on: req)
        return try await ProposalService.dto(p, cycle: cycle, localizer: req.application.localizer, language: req.language, on: req.db).encodeResponse(status: .created, for: req)
    }

    /// `POST /api/v1/decisions/{id}/scan`: the scanned decision, streamed (multipart, field `file`).
    static func uploadScan(_ req: Request) async throws -> Response {
        let d = try await DecisionScans.upload(req.idParameter("decisionID"), on: req)
        let (p, cycle) = try await ProposalService.find(d.proposalID, on: req)
        return try await ProposalService.dto(p, cycle: cycle, localizer: req.application.localizer, language: req.language, on: req.db).encodeResponse(status: .created, for: req)
    }

    /// Award histories are part of the public record once decided; any signed-in user may read them.
    static func unitAwards(_ req: Request) async throws -> [AwardHistoryDTO] {
        _ = try req.user()
        let unitID = try req.idParameter("unitID")
        return try await AwardService.unitHistory(unitID, on: req.db)
    }

    static func personAwards(_ req: Request) async throws -> [AwardHistoryDTO] {
        _ = try req.user()
        let personID = try req.idParameter("personID")
        return try await AwardService.personHistory(personID, on: req.db)
    }

    struct PersonDTO: Content { var id: UUID; var fullName: String; var position: String?; var unitID: UUID }

    /// Name search that ignores diacritics: "nguyen thi hoa" finds "Nguyễn Thị Hòa".
    static func people(_ req: Request) async throws -> [PersonDTO] {
        _ = try req.user()
        return try await AwardService.people(matching: req.query[String.self, at: "q"] ?? "", on: req.db)
            .map { PersonDTO(id: $0.id!, fullName: $0.fullName, position: $0.position, unitID: $0.unitID) }
    }
}
