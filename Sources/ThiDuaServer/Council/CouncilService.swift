import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The provincial council's members and sessions: kept by the board, every change audited. Each province has its
/// own council (`BoardScope.province`): a board sees, and a member votes in, only its province's.
enum CouncilService {
    static func members(of province: String, on db: Database) async throws -> [CouncilMember] {
        let all = try await CouncilMember.query(on: db).filter(\.$province == province).all()
        // The chair first, then the members in Vietnamese order.
        return all.filter(\.isChair) + VietnameseText.sorted(all.filter { !$0.isChair }, by: \.fullName)
    }

    static func memberDTOs(of province: String, on db: Database) async throws -> [CouncilMemberDTO] {
        let members = try await members(of: province, on: db)
        let users = try await User.query(on: db).filter(\.$id ~~ Set(members.compactMap(\.userID))).all()
        let names = Dictionary(users.compactMap { u in u.id.map { ($0, u.username) } }, uniquingKeysWith: { a, _ in a })
        return members.compactMap { m in
            m.id.map { CouncilMemberDTO(id: $0, fullName: m.fullName, position: m.position, isChair: m.isChair,
                                        username: m.userID.flatMap { names[$0] }) }
        }
    }

    static func addMember(_ input: CouncilMemberInput, on req: Request) async throws -> CouncilMember {
        try req.authorize(.manageCouncil)
        let name = try Validate.name(input.fullName, "fullName", on: req)
        let position = try Validate.text(input.position, "position", on: req)
        var userID: UUID?
        if let username = input.username?.trimmingCharacters(in: .whitespaces), !username.isEmpty {
            guard let user = try await User.query(on: req.db).filter(\.$username == username).first(), user.role == .council else {
                throw AppError.validation("username", req.t("council.not_council_account", ["username": username]))
            }
            userID = user.id
        }
        let now = req.now
        let chair = input.isChair ?? false
        let account = userID
        let province = try await BoardScope.province(on: req)
        return try await req.auditedCreate(entity: "council_member", dto: { m in ["fullName": m.fullName, "position": m.position] }) {
            let m = CouncilMember()
            (m.fullName, m.position, m.isChair, m.userID, m.createdAt) = (name, position, chair, account, now)
            m.province = province
            return m
        }
    }

    static func createSession(_ input: CouncilSessionInput, on req: Request) async throws -> CouncilSession {
        try req.authorize(.manageCouncil)
        guard LocalDate.supportedYears.contains(input.year) else { throw AppError.validation("year", req.t("certificate.bad_year")) }
        let title = try Validate.text(input.title, "title", on: req)
        let venue = try Validate.text(input.venue, "venue", on: req)
        guard let startsAt = LocalTime.parseRFC3339(input.startsAt) else {
            throw AppError.validation("startsAt", req.t("council.bad_time"))
        }
        let agenda = input.agenda.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard !agenda.isEmpty else { throw AppError.validation("agenda", req.t("council.no_agenda")) }
        let now = req.now
        let year = input.year
        let province = try await BoardScope.province(on: req)
        return try await req.auditedCreate(entity: "council_session", dto: { s in ["title": s.title, "year": String(s.year)] }) {
            let s = CouncilSession()
            (s.year, s.title, s.startsAt, s.venue, s.agenda, s.createdAt) = (year, title, startsAt, venue, agenda.joined(separator: "\n"), now)
            s.province = province
            return s
        }
    }

    /// A session of the user's province's council; another province's is refused.
    static func session(_ id: UUID, on req: Request) async throws -> CouncilSession {
        guard let s = try await CouncilSession.find(id, on: req.db) else { throw AppError.notFound(req.t("council.session_not_found")) }
        try await BoardScope.require(province: s.province, on: req)
        return s
    }

    /// The user's province's sessions, the latest first.
    static func sessions(on req: Request) async throws -> [CouncilSession] {
        try await CouncilSession.query(on: req.db).filter(\.$province == BoardScope.province(on: req)).sort(\.$startsAt, .descending).all()
    }

    /// The council member the user votes as, if any (one point query).
    static func member(of user: User, on db: Database) async throws -> CouncilMember? {
        guard user.role == .council, let id = user.id else { return nil }
        return try await CouncilMember.query(on: db).filter(\.$userID == id).first()
    }

    /// Marks a member present or absent. A ballot already open keeps the attendance it opened with.
    static func setAttendance(_ sessionID: UUID, _ input: CouncilAttendanceInput, on req: Request) async throws {
        try req.authorize(.manageCouncil)
        let session = try await session(sessionID, on: req)
        guard let member = try await CouncilMember.find(input.memberID, on: req.db), member.province == session.province else {
            throw AppError.validation("memberID", req.t("council.member_not_found"))
        }
        let actor = req.actorName
        try await req.audited { db in
            let row = try await CouncilAttendance.query(on: db).filter(\.$sessionID == sessionID).filter(\.$memberID == input.memberID).first()
                ?? CouncilAttendance()
            let before = row.id == nil ? nil : row.present
            (row.sessionID, row.memberID, row.present) = (sessionID, input.memberID, input.present)
            try await row.save(on: db)
            return ((), AuditRecord(actor: actor, action: "attendance", entity: "council_session", entityID: sessionID.uuidString,
                                    before: before.map { ["present": String($0)] },
                                    after: ["member": input.memberID.uuidString, "present": String(input.present)]))
        }
    }

    /// Members marked present at the session.
    static func presentIDs(_ sessionID: UUID, on db: Database) async throws -> Set<UUID> {
        Set(try await CouncilAttendance.query(on: db).filter(\.$sessionID == sessionID).filter(\.$present == true).all().map(\.memberID))
    }

    /// The open ballots a member may still vote in: of sessions where they are marked present, not yet voted in.
    static func ballotsToVote(_ member: CouncilMember, on db: Database) async throws -> [CouncilBallot] {
        let memberID = try member.requireID()
        let sessions = try await CouncilAttendance.query(on: db).filter(\.$memberID == memberID).filter(\.$present == true).all().map(\.sessionID)
        let open = try await CouncilBallot.query(on: db).filter(\.$sessionID ~~ sessions).filter(\.$status == .open).all()
        let done = Set(try await CouncilParticipation.query(on: db).filter(\.$memberID == memberID).filter(\.$ballotID ~~ open.compactMap(\.id)).all()
            .map(\.ballotID))
        return open.filter { !done.contains($0.id ?? UUID()) }
    }
}
