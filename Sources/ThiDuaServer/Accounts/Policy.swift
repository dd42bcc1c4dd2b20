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
        case let .readCycleFiles(cycle):
            return role == .reviewer || isSecretariat(user, of: cycle)
        }
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
