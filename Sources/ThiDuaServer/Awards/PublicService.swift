import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// What the public page may show: only cycles whose scores are published, read in bulk.
enum PublicService {
    /// One published cycle on the index: its bloc's name and year.
    struct Entry {
        var cycle: Cycle
        var blocName: String
    }

    /// A decision as the public reads it: number, date, issuer and who received the award.
    struct DecisionLine {
        var number: String
        var date: LocalDate?
        var issuer: String
        var awarded: [String]
    }

    /// Published cycles, newest first, with their blocs' names: two queries, whatever their number.
    static func published(on db: Database) async throws -> [Entry] {
        let states = try await ScoringState.query(on: db).filter(\.$publishedAt != nil).all()
        let cycles = try await Cycle.query(on: db).filter(\.$id ~~ states.map(\.cycleID)).sort(\.$year, .descending).all()
        let blocs = Dictionary(uniqueKeysWithValues: try await Bloc.query(on: db).filter(\.$id ~~ Set(cycles.map { $0.$bloc.id })).all()
            .map { ($0.id!, $0.name) })
        return cycles.map { Entry(cycle: $0, blocName: blocs[$0.$bloc.id] ?? "") }
    }

    /// The flag ballot's nominees of a cycle.
    static func flagNominees(of cycleID: UUID, on db: Database) async throws -> [String] {
        try await Nominee.query(on: db).filter(\.$cycleID == cycleID).filter(\.$source == .ballot).all().map(\.label)
    }

    /// The decisions on the cycle's decided proposals, with the awarded nominees' names: four queries in all.
    static func decisions(of cycleID: UUID, on db: Database) async throws -> [DecisionLine] {
        let proposals = try await Proposal.query(on: db).filter(\.$cycleID == cycleID).filter(\.$status == .decided).all()
        let decisions = try await Decision.query(on: db).filter(\.$proposalID ~~ proposals.compactMap(\.id)).sort(\.$recordedAt).all()
        let entries = try await AwardEntry.query(on: db).filter(\.$decisionID ~~ decisions.compactMap(\.id)).filter(\.$awarded == true).all()
        let labels = Dictionary(uniqueKeysWithValues: try await Nominee.query(on: db).filter(\.$id ~~ Set(entries.map(\.nomineeID))).all()
            .map { ($0.id!, $0.label) })
        return decisions.map { d in
            DecisionLine(number: d.number, date: LocalDate(iso: d.date), issuer: d.issuer,
                         awarded: entries.filter { $0.decisionID == d.id }.compactMap { labels[$0.nomineeID] })
        }
    }
}
