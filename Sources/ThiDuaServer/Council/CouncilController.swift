import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The council's pages: the board's list of members and sessions, a session (attendance, a ballot per award kind,
/// the counts and their minutes), and a member's paper.
enum CouncilController {
    struct SessionLink: Encodable { var title: String; var when: String; var url: String }
    struct Page: Encodable {
        var members: [CouncilMemberDTO]
        var sessions: [SessionLink]
        var year: Int
        var today: String
    }

    static func page(_ req: Request) async throws -> View {
        try req.authorize(.manageCouncil)
        let sessions = try await CouncilService.sessions(on: req).compactMap { s in
            s.id.map { SessionLink(title: s.title, when: VietnameseDate.long(s.startsAt), url: SiteURL.Path.councilSession.link($0)) }
        }
        let today = DeadlineCalendar(holidays: []).localDate(of: req.now)
        return try await req.render("council/index", title: req.t("council_title"), Page(
            members: try await CouncilService.memberDTOs(of: BoardScope.province(on: req), on: req.db), sessions: sessions, year: today.year - 1, today: today.iso))
    }

    enum Button: String, FormButton { case addMember, createSession }

    struct MemberForm: WebForm {
        var fullName: String?, position: String?, isChair: String?, username: String?
        func input(on req: Request) throws -> CouncilMemberInput {
            CouncilMemberInput(fullName: fullName ?? "", position: position ?? "", isChair: isChair == "1", username: username)
        }
    }

    /// The day and the hour typed apart, one agenda item per line.
    struct SessionForm: WebForm {
        var year: Int?, title: String?, date: String?, start: String?, venue: String?, agenda: String?
        func input(on req: Request) throws -> CouncilSessionInput {
            let day = (date ?? "").trimmingCharacters(in: .whitespaces)
            guard LocalDate.supported(day) != nil else { throw AppError.validation("date", req.t("milestone.bad_due_at")) }
            return CouncilSessionInput(year: year ?? 0, title: title ?? "", startsAt: "\(day)T\(start ?? "08:00"):00+07:00", venue: venue ?? "",
                                       agenda: (agenda ?? "").split(whereSeparator: \.isNewline).map(String.init))
        }
    }

    static func act(_ req: Request) async throws -> Response {
        try req.authorize(.manageCouncil)
        let back = SiteURL.Path.council.link()
        return try await req.formAction(back: back) {
            switch try req.button(Button.self) {
            case .addMember:
                _ = try await CouncilService.addMember(try req.webForm(MemberForm.self), on: req)
                req.setFlash(Flash(kind: .ok, message: req.t("council_member_added")))
                return back
            case .createSession:
                let s = try await CouncilService.createSession(try req.webForm(SessionForm.self), on: req)
                return SiteURL.Path.councilSession.link(try s.requireID())
            }
        }
    }

    struct SessionPage: Encodable {
        var session: CouncilSessionDTO
        var when: String
        var canManage: Bool
        /// For a member: the ballots they may still vote in.
        var toVote: [UUID]
        var url: String
        var backURL: String
    }

    static func sessionPage(_ req: Request) async throws -> View {
        try await req.authorizeCouncilReader()
        let s = try await CouncilService.session(try req.idParameter("sessionID"), on: req)
        let dto = try await CouncilViews.session(s, on: req)
        let user = try req.user()
        var toVote: [UUID] = []
        if let member = try await CouncilService.member(of: user, on: req.db), let memberID = member.id,
           dto.members.contains(where: { $0.id == memberID && $0.present }) {
            let open = dto.ballots.filter(\.isOpen).map(\.id)
            let done = Set(try await CouncilParticipation.query(on: req.db).filter(\.$memberID == memberID).filter(\.$ballotID ~~ open).all().map(\.ballotID))
            toVote = open.filter { !done.contains($0) }
        }
        let canManage = Policy.allows(user, .manageCouncil)
        return try await req.render("council/session", title: s.title, SessionPage(
            session: dto, when: VietnameseDate.long(s.startsAt), canManage: canManage, toVote: toVote,
            url: SiteURL.Path.councilSession.link(try s.requireID()), backURL: canManage ? SiteURL.Path.council.link() : "/"))
    }

    enum SessionButton: String, FormButton { case attendance, open, close }

    struct AttendanceForm: Decodable { var present: [UUID]? }
    struct OpenForm: Decodable { var award: String?; var quota: Int? }
    struct CloseForm: Decodable { var ballotID: UUID? }

    static func sessionAct(_ req: Request) async throws -> Response {
        try req.authorize(.manageCouncil)
        let id = try req.idParameter("sessionID")
        let back = SiteURL.Path.councilSession.link(id)
        return try await req.formAction(back: back) {
            switch try req.button(SessionButton.self) {
            case .attendance:
                let present = Set(try req.content.decode(AttendanceForm.self).present ?? [])
                for member in try await CouncilService.members(of: try await CouncilService.session(id, on: req).province, on: req.db) {
                    guard let memberID = member.id else { continue }
                    try await CouncilService.setAttendance(id, .init(memberID: memberID, present: present.contains(memberID)), on: req)
                }
                req.setFlash(Flash(kind: .ok, message: req.t("council_attendance_saved")))
            case .open:
                let form = try req.content.decode(OpenForm.self)
                _ = try await CouncilBallots.open(id, .init(award: form.award ?? "", quota: form.quota, maxChoices: nil), on: req)
                req.setFlash(Flash(kind: .ok, message: req.t("council_ballot_opened")))
            case .close:
                guard let ballotID = try req.content.decode(CloseForm.self).ballotID else { throw AppError.validation("ballotID", req.t("council.ballot_not_found")) }
                _ = try await CouncilBallots.close(ballotID, on: req)
                req.setFlash(Flash(kind: .ok, message: req.t("council_ballot_closed")))
            }
            return back
        }
    }
}
