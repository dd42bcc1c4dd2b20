import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Every authorisation decision lives here, so routes only name what they are about to do.
enum Policy {
    /// What a request wants to do.
    enum Action {
        case manageDirectory              // units, blocs, cycles, rule sets
        case manageUsers
        /// The province's award history across every bloc: the administrator and the provincial reviewers.
        case readProvinceHistory
        /// The provincial board's inbox: accept or return a bloc's proposal.
        case reviewProposals
        /// Print certificates onto the province's blanks and calibrate them: the board (reviewers) and the administrator.
        case printCertificates
        /// Import earlier years' awards from a workbook: the board and the administrator.
        case importHistory
        /// The provincial council's members, sessions, attendance and ballots: the board and the administrator.
        case manageCouncil
        /// A council session's page and papers: the board, and the council's own members.
        case readCouncil(isMember: Bool)
        /// Vote in a council ballot: a council member's own account, present at the session when the ballot opened.
        case councilVote(isMember: Bool, present: Bool)
        /// Export or correct what the system holds about a person (their request under the personal data law).
        case managePersonalData
        case editUnitContact(unitID: UUID)
        case manageMilestones(Cycle)
        /// Requirements, reviews, extensions, originals: the secretariat's work on a cycle.
        case runCycle(Cycle)
        /// Send a file for a unit: its own officers, or the secretariat on its behalf.
        case submitFor(unitID: UUID, Cycle)
        /// Read one unit's files: its own officers, the secretariat, reviewers.
        case readUnitFiles(unitID: UUID, Cycle)
        /// Read every unit's files and the dashboard: the secretariat and reviewers.
        case readCycleFiles(Cycle)
        /// Record the province's decision on a sent proposal and file its scan: a reviewer or the secretariat.
        case decide(Cycle)
        /// Read the decision's scan: whoever reads the cycle's files, and the officers of its member units.
        /// The caller says whether the user's unit is a member (one point query), the policy decides.
        case readDecision(Cycle, unitIsMember: Bool)
        /// A bloc's nominees and proposals, and the awards page: the bloc's own units, the board, the administrator;
        /// no unit of another bloc (issue 17: a bloc sees only its own proposals and outcomes).
        case readAwards(Cycle, unitIsMember: Bool)
        /// Vote in the cycle's ballots: an officer of a member unit whose unit is checked in present. Both are facts
        /// the caller reads with a point query each; whether the round is open is the ballot's state (409, not 403).
        case vote(unitIsMember: Bool, unitIsPresent: Bool)
        /// Withdraw a nominee from its unit's dossier: whoever may submit for the unit, and only a dossier
        /// nominee (a ballot's nominee follows the ballot).
        case withdraw(source: NomineeSource, unitID: UUID, Cycle)
        /// Send a file to a requirement: any officer (the service then checks the unit), or the secretariat.
        case submitToCycle(Cycle)
        /// Send a file for a unit to one requirement: whoever may submit for the unit, and only when the unit is one of
        /// the requirement's targets (the caller reads the targets; `code` names the requirement in the refusal).
        case sendTo(unitID: UUID, Cycle, code: String, unitIsTarget: Bool)
        /// Read one unit's self-assessment and scores: whoever reads its files, and anyone once the scores are published.
        case readScores(unitID: UUID, Cycle, published: Bool)
        /// Read the ranking: whoever reads the cycle's files, and anyone once the scores are published.
        case readRanking(Cycle, published: Bool)
        /// Agree a unit's scores: the secretariat, but never an officer for their own unit (the head's assessment is
        /// reviewed by the deputy's officers and vice versa).
        case reviewScores(unitID: UUID, Cycle)
    }

    /// Why a refused action is refused: a localisation key and its values, shown to the user as the `403`'s text.
    struct Refusal: Equatable, Sendable {
        var key: String
        var values: [String: String] = [:]
        static let generic = Refusal(key: "auth.forbidden")
    }

    static func allows(_ user: User, _ action: Action) -> Bool {
        refusal(user, action) == nil
    }

    /// Nil when the user may act; otherwise the reason, most specific first, so a page and the API say the same thing.
    static func refusal(_ user: User, _ action: Action) -> Refusal? {
        switch action {
        case let .councilVote(isMember, present):
            guard user.role == .council, isMember else { return Refusal(key: "council.not_member") }
            return present ? nil : Refusal(key: "council.not_present")
        case let .vote(unitIsMember, unitIsPresent):
            guard user.role == .officer, user.$unit.id != nil, unitIsMember else { return Refusal(key: "ballot.not_voter") }
            return unitIsPresent ? nil : Refusal(key: "ballot.not_present")
        case let .sendTo(unitID, cycle, code, unitIsTarget):
            guard allows(user, .submitFor(unitID: unitID, cycle)) else { return .generic }
            return unitIsTarget ? nil : Refusal(key: "upload.not_target", values: ["code": code])
        default:
            return grants(user, action) ? nil : .generic
        }
    }

    private static func grants(_ user: User, _ action: Action) -> Bool {
        let role = user.role
        if role == .admin { return true }
        switch action {
        case .manageDirectory, .manageUsers, .managePersonalData:
            return false
        case .readProvinceHistory, .reviewProposals, .printCertificates, .manageCouncil, .importHistory:
            return role == .reviewer
        case let .readCouncil(isMember):
            return role == .reviewer || (role == .council && isMember)
        case let .editUnitContact(unitID):
            return role == .officer && user.$unit.id == unitID
        case let .manageMilestones(cycle), let .runCycle(cycle):
            return isSecretariat(user, of: cycle)
        case let .submitFor(unitID, cycle):
            return (role == .officer && user.$unit.id == unitID) || isSecretariat(user, of: cycle)
        case let .readUnitFiles(unitID, cycle):
            return role == .reviewer || (role == .officer && user.$unit.id == unitID) || isSecretariat(user, of: cycle)
        case let .readCycleFiles(cycle), let .decide(cycle):
            return role == .reviewer || isSecretariat(user, of: cycle)
        case let .readDecision(cycle, unitIsMember), let .readAwards(cycle, unitIsMember):
            return allows(user, .readCycleFiles(cycle)) || (user.$unit.id != nil && unitIsMember)
        case .vote, .sendTo, .councilVote:
            return false  // never reached: refusal(_:_:) decides these itself, with their own reasons
        case let .readScores(unitID, cycle, published):
            return published || allows(user, .readUnitFiles(unitID: unitID, cycle))
        case let .readRanking(cycle, published):
            return published || allows(user, .readCycleFiles(cycle))
        case let .withdraw(source, unitID, cycle):
            return source.isWithdrawable && allows(user, .submitFor(unitID: unitID, cycle))
        case let .submitToCycle(cycle):
            return role == .officer || isSecretariat(user, of: cycle)
        case let .reviewScores(unitID, cycle):
            return isSecretariat(user, of: cycle) && user.$unit.id != unitID
        }
    }

    /// Whether the user's unit is one of the cycle's members: the fact `.vote` and `.readDecision` need.
    static func unitIsMember(_ user: User, of cycleID: UUID, on db: Database) async throws -> Bool {
        guard let unitID = user.$unit.id else { return false }
        return try await Membership.query(on: db).filter(\.$cycle.$id == cycleID).filter(\.$unit.$id == unitID).first() != nil
    }

    /// Officers of the cycle's head or deputy unit run that cycle.
    static func isSecretariat(_ user: User, of cycle: Cycle) -> Bool {
        guard user.role == .officer, let unitID = user.$unit.id else { return false }
        return unitID == cycle.$headUnit.id || unitID == cycle.$deputyUnit.id
    }
}

extension Request {
    /// Throws 401 for no user and 403 for a user the policy refuses.
    func authorize(_ action: Policy.Action) throws {
        let user = try user()
        if let refusal = Policy.refusal(user, action) {
            logger.notice("forbidden", metadata: ["user": .string(user.username), "path": .string(url.path)])
            throw AppError.forbidden(t(refusal.key, refusal.values))
        }
    }
}
