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
        /// Vote in the cycle's ballots: an officer of a member unit. Whether the round is open and the unit
        /// present are facts of the day, checked by the ballot service (409/403 with their own reasons).
        case vote(unitIsMember: Bool)
        /// Withdraw a nominee from its unit's dossier: whoever may submit for the unit, and only a dossier
        /// nominee (a ballot's nominee follows the ballot).
        case withdraw(source: NomineeSource, unitID: UUID, Cycle)
        /// Send a file to a requirement: any officer (the service then checks the unit), or the secretariat.
        case submitToCycle(Cycle)
        /// Agree a unit's scores: the secretariat, but never an officer for their own unit (the head's assessment is
        /// reviewed by the deputy's officers and vice versa).
        case reviewScores(unitID: UUID, Cycle)
    }

    static func allows(_ user: User, _ action: Action) -> Bool {
        let role = user.role
        if role == .admin { return true }
        switch action {
        case .manageDirectory, .manageUsers:
            return false
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
        case let .readDecision(cycle, unitIsMember):
            return allows(user, .readCycleFiles(cycle)) || (user.$unit.id != nil && unitIsMember)
        case let .vote(unitIsMember):
            return role == .officer && user.$unit.id != nil && unitIsMember
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
        guard Policy.allows(user, action) else {
            logger.notice("forbidden", metadata: ["user": .string(user.username), "path": .string(url.path)])
            throw AppError.forbidden(t("auth.forbidden"))
        }
    }
}
