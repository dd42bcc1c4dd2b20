import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The council through the API: thin handlers over `CouncilService` and `CouncilBallots`.
enum CouncilAPI {
    static func members(_ req: Request) async throws -> [CouncilMemberDTO] {
        try req.authorize(.manageCouncil)
        return try await CouncilService.memberDTOs(of: BoardScope.province(on: req), on: req.db)
    }

    static func addMember(_ req: Request) async throws -> Response {
        try req.authorize(.manageCouncil)
        let member = try await CouncilService.addMember(try req.content.decode(CouncilMemberInput.self), on: req)
        let dto = CouncilMemberDTO(id: try member.requireID(), fullName: member.fullName, position: member.position,
                                   isChair: member.isChair, username: try await member.userID.asyncMap { try await User.find($0, on: req.db)?.username } ?? nil)
        return try await dto.encodeResponse(status: .created, for: req)
    }

    static func sessions(_ req: Request) async throws -> [CouncilSessionDTO] {
        try await req.authorizeCouncilReader()
        var out: [CouncilSessionDTO] = []
        for s in try await CouncilService.sessions(on: req) {
            out.append(try await CouncilViews.session(s, on: req))
        }
        return out
    }

    static func createSession(_ req: Request) async throws -> Response {
        try req.authorize(.manageCouncil)
        let s = try await CouncilService.createSession(try req.content.decode(CouncilSessionInput.self), on: req)
        return try await CouncilViews.session(s, on: req).encodeResponse(status: .created, for: req)
    }

    static func session(_ req: Request) async throws -> CouncilSessionDTO {
        try await req.authorizeCouncilReader()
        return try await CouncilViews.session(try await CouncilService.session(try req.idParameter("sessionID"), on: req), on: req)
    }

    static func attendance(_ req: Request) async throws -> CouncilSessionDTO {
        try req.authorize(.manageCouncil)
        let id = try req.idParameter("sessionID")
        try await CouncilService.setAttendance(id, try req.content.decode(CouncilAttendanceInput.self), on: req)
        return try await CouncilViews.session(try await CouncilService.session(id, on: req), on: req)
    }

    static func openBallot(_ req: Request) async throws -> Response {
        try req.authorize(.manageCouncil)
        let b = try await CouncilBallots.open(try req.idParameter("sessionID"), try req.content.decode(CouncilBallotInput.self), on: req)
        return try await CouncilViews.ballot(b, voted: 0).encodeResponse(status: .created, for: req)
    }

    /// `201` with no paper in the answer: the member's choice is not echoed anywhere.
    static func vote(_ req: Request) async throws -> HTTPStatus {
        try await req.refuseNonMember()
        try await CouncilBallots.vote(try req.idParameter("ballotID"), try req.content.decode(CouncilVoteInput.self), on: req)
        return .created
    }

    static func close(_ req: Request) async throws -> CouncilBallotDTO {
        let b = try await CouncilBallots.close(try req.idParameter("ballotID"), on: req)
        let voted = try await CouncilParticipation.query(on: req.db).filter(\.$ballotID == b.requireID()).count()
        return CouncilViews.ballot(b, voted: voted)
    }
}

extension Request {
    /// Anyone but a council member is refused before the body is read or the ballot looked up.
    func refuseNonMember() async throws {
        if try await CouncilService.member(of: try user(), on: db) == nil { try authorize(.councilVote(isMember: false, present: false)) }
    }

    /// The board, or a member of the council (one point query).
    func authorizeCouncilReader() async throws {
        let user = try user()
        try authorize(.readCouncil(isMember: try await CouncilService.member(of: user, on: db) != nil))
    }
}
