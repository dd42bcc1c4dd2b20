import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// What the home page ("Việc cần làm") needs for one person, read with the services the other pages use. The rules
/// of order and wording are `ThiDuaCore.Todo`'s; this gathers the cycle's state for them.
enum HomeService {
    /// The cycles a unit belongs to, the latest year of each bloc: last year's cycle is history, not a to-do.
    static func currentCycles(ofUnit unitID: UUID, on db: Database) async throws -> [Cycle] {
        let ids = try await Membership.query(on: db).filter(\.$unit.$id == unitID).all().map(\.$cycle.id)
        guard !ids.isEmpty else { return [] }
        return latestPerBloc(try await Cycle.query(on: db).filter(\.$id ~~ ids).all())
    }

    /// Every bloc's latest cycle, for the board's overview.
    static func currentCycles(on db: Database) async throws -> [Cycle] {
        latestPerBloc(try await Cycle.query(on: db).all())
    }

    /// The latest cycle of each of `blocs` (every bloc when nil), read for those blocs only.
    static func currentCycles(of blocs: Set<UUID>?, on db: Database) async throws -> [Cycle] {
        guard let blocs else { return try await currentCycles(on: db) }
        return latestPerBloc(try await Cycle.query(on: db).filter(\.$bloc.$id ~~ blocs).all())
    }

    private static func latestPerBloc(_ cycles: [Cycle]) -> [Cycle] {
        Dictionary(grouping: cycles, by: { $0.$bloc.id }).values.compactMap { $0.max { $0.year < $1.year } }
    }

    /// The unit's items of one cycle: each requirement it is asked for, and its self-assessment while not sent.
    static func items(cycle: Cycle, matrix: StatusMatrix, unitID: UUID, on db: Database) async throws -> [Todo.Item] {
        let columns = Dictionary(uniqueKeysWithValues: matrix.requirements.map { ($0.id, $0) })
        var items: [Todo.Item] = (matrix.rows.first { $0.unitID == unitID }?.cells ?? []).compactMap { cell in
            guard let column = columns[cell.requirementID], let due = LocalTime.parseRFC3339(column.dueAt) else { return nil }
            return Todo.Item(key: cell.requirementID.uuidString, title: column.title, dueAt: due, state: cell.state, reason: cell.reviewReason)
        }
        let cycleID = try cycle.requireID()
        if try await ScoringTableService.current(cycleID: cycleID, on: db) != nil,
           let due = try await MilestoneService.milestones(of: cycleID, on: db).first(where: { $0.role == .scoring })?.dueAt {
            let sent = try await AssessmentService.assessment(cycleID: cycleID, unitID: unitID, on: db)?.submittedAt != nil
            var item = Todo.Item(key: "assessment", title: "", dueAt: due, state: sent ? .sent : .missing)
            item.kind = .selfAssessment
            items.append(item)
        }
        return items
    }

    /// Open electronic rounds of the cycle in which the unit may still vote: present, a member, not voted yet.
    static func openBallots(cycleID: UUID, unitID: UUID, on db: Database) async throws -> [Ballot] {
        let open = try await Ballot.query(on: db).filter(\.$cycleID == cycleID).filter(\.$status == .open)
            .filter(\.$mode == .electronic).all()
        guard !open.isEmpty, try await BallotService.isPresent(unitID, cycleID: cycleID, on: db) else { return [] }
        let voted = Set(try await BallotParticipation.query(on: db).filter(\.$unitID == unitID)
            .filter(\.$ballotID ~~ open.compactMap(\.id)).all().map(\.ballotID))
        return open.filter { !voted.contains($0.id!) }
    }

    /// Self-assessments sent and waiting for the secretariat's agreement.
    /// Sealed rounds waiting for this user's step as a key holder: the key while in draft, the decryption while
    /// counting. Two queries whatever the number of rounds; `SealedBallots.holds` decides, as the posts do.
    static func trusteeSteps(of user: User, on db: Database) async throws -> [(Ballot, counting: Bool)] {
        let userID = try user.requireID()
        let seats = try await BallotTrustee.query(on: db).group(.or) { or in
            or.filter(\.$userID == userID).filter(\.$holderUserID == userID)
            if let unit = user.$unit.id { or.filter(\.$unitID == unit) }
        }.all().filter { SealedBallots.holds($0, user) }
        guard !seats.isEmpty else { return [] }
        let rounds = try await Ballot.query(on: db).filter(\.$id ~~ Set(seats.map(\.ballotID)))
            .filter(\.$status ~~ [.draft, .counting]).all()
        return rounds.compactMap { b in
            guard let seat = seats.first(where: { $0.ballotID == b.id }) else { return nil }
            let pending = b.status.awaitsTrustees ? seat.decryption == nil : seat.shares == nil
            return pending ? (b, b.status.awaitsTrustees) : nil
        }
    }

    static func assessmentsToReview(cycleID: UUID, on db: Database) async throws -> Int {
        let agreed = Set(try await AgreedScore.query(on: db).filter(\.$cycleID == cycleID).all().map(\.unitID))
        return try await SelfAssessment.query(on: db).filter(\.$cycleID == cycleID).filter(\.$submittedAt != nil).all()
            .filter { !agreed.contains($0.unitID) }.count
    }
}
