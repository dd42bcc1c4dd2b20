import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Proposals as the API and the awards page show them, built in bulk: a list of proposals reads each table once
/// and joins in memory, so its number of queries does not grow with its proposals, nominees, decisions or documents.
extension ProposalService {
    static func dto(_ p: Proposal, cycle: Cycle, localizer: Localizer, language: String = Localizer.defaultLanguage,
                    on db: Database) async throws -> ProposalDTO {
        try await dtos([p], cycle: cycle, localizer: localizer, language: language, on: db)[0]
    }

    /// The cycle's proposals' DTOs, in the given order, each as `dto` would give it.
    static func dtos(_ proposals: [Proposal], cycle: Cycle, localizer: Localizer, language: String = Localizer.defaultLanguage,
                     on db: Database) async throws -> [ProposalDTO] {
        guard !proposals.isEmpty else { return [] }
        let cycleID = try cycle.requireID()
        let ruleSet = try await BallotService.ruleSet(of: cycle, on: db)
        return try await dtos(proposals, cycles: [cycleID: cycle], ruleSets: ruleSet.map { [cycleID: $0] } ?? [:], localizer: localizer,
                              language: language, on: db)
    }

    /// Proposals of any cycles (the board's inbox across blocs), given their cycles and rule sets by cycle id: the
    /// same number of queries for one bloc's proposals as for a province's.
    static func dtos(_ proposals: [Proposal], cycles: [UUID: Cycle], ruleSets: [UUID: RuleSet], localizer: Localizer,
                     language: String = Localizer.defaultLanguage, on db: Database) async throws -> [ProposalDTO] {
        guard !proposals.isEmpty else { return [] }
        let proposalIDs = try proposals.map { try $0.requireID() }
        func kinds(_ cycleID: UUID) -> [AwardKind] { ruleSets[cycleID]?.awardKinds ?? AwardKind.common }

        // Each proposal's nominees ordered by label, as `nominees(of:)` gives them: the links, then all the nominees in
        // one sorted query, dealt out to their proposals in that order (once each, as the per-proposal `~~` query did).
        let links = try await ProposalNominee.query(on: db).filter(\.$proposalID ~~ proposalIDs).all()
        let proposalsOf = Dictionary(grouping: links, by: \.nomineeID).mapValues { Set($0.map(\.proposalID)) }
        let nominees = try await Nominee.query(on: db).filter(\.$id ~~ Set(links.map(\.nomineeID))).sort(\.$label).all()
        var members: [UUID: [Nominee]] = [:]
        for n in nominees {
            guard let id = n.id else { continue }
            for proposalID in proposalsOf[id] ?? [] { members[proposalID, default: []].append(n) }
        }
        let groups = proposalIDs.map { members[$0] ?? [] }

        // One persons query for all the nominees, and the history of all of them at once for the warnings.
        var nomineeDTOs: [UUID: NomineeDTO] = [:]
        for dto in try await AwardService.dtos(nominees, kindsOf: { kinds($0.cycleID) }, on: db) { nomineeDTOs[dto.id] = dto }
        let warningsOf = try await AwardService.warnings(forGroups: groups, contexts: proposals.map { p in
            (cycles[p.cycleID]?.year ?? 0, ruleSets[p.cycleID])
        }, on: db)

        // The decisions and their award entries, each in the database's order as the per-proposal queries gave them.
        let decisions = try await Decision.query(on: db).filter(\.$proposalID ~~ proposalIDs).all()
        let entries = try await AwardEntry.query(on: db).filter(\.$decisionID ~~ decisions.compactMap(\.id)).all()
        let decisionsOf = Dictionary(grouping: decisions, by: \.proposalID)
        let entriesOf = Dictionary(grouping: entries, by: \.decisionID)

        let documents = try await ProposalDocuments.lists(proposals, localizer: localizer, language: language, on: db)

        return proposals.indices.map { i -> ProposalDTO in
            let p = proposals[i]
            let id = proposalIDs[i]
            let decided = (decisionsOf[id] ?? []).map { d -> DecisionDTO in
                let rows = entriesOf[d.id!] ?? []
                return DecisionDTO(id: d.id!, number: d.number, date: d.date, issuer: d.issuer,
                                   method: d.method.flatMap(AwardMethod.init(rawValue:)) ?? .regular,
                                   awarded: rows.filter(\.awarded).map(\.nomineeID), refused: rows.filter { !$0.awarded }.map(\.nomineeID),
                                   scan: DecisionScans.dto(d), scanWebURL: SiteURL.Path.decisionScan.link(d.id!))
            }
            return ProposalDTO(id: id, title: p.title, status: p.status, sentAt: p.sentAt.map(LocalTime.rfc3339),
                               overrideReason: p.overrideReason, nominees: groups[i].compactMap { $0.id.flatMap { nomineeDTOs[$0] } },
                               warnings: warningsOf[i], decisions: decided, documents: documents[id] ?? [],
                               returnReason: p.status == .returned ? p.returnReason : nil, reviewedAt: p.reviewedAt.map(LocalTime.rfc3339))
        }
    }
}
