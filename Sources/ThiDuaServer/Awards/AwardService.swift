import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Nominees, proposals and decisions; the award history follows from decisions.
enum AwardService {
    static func awardKinds(_ cycle: Cycle, on db: Database) async throws -> [AwardKind] {
        try await BallotService.ruleSet(of: cycle, on: db)?.awardKinds ?? AwardKind.common
    }

    static func dto(_ n: Nominee, kinds: [AwardKind], on db: Database) async throws -> NomineeDTO {
        try await dtos([n], kinds: kinds, on: db)[0]
    }

    /// The nominees' DTOs in their order: one query for all their persons (whose position they show), not one each.
    static func dtos(_ nominees: [Nominee], kinds: [AwardKind], on db: Database) async throws -> [NomineeDTO] {
        try await dtos(nominees, kindsOf: { _ in kinds }, on: db)
    }

    /// As `dtos(_:kinds:on:)`, for nominees of several cycles, each named by its own cycle's award kinds.
    static func dtos(_ nominees: [Nominee], kindsOf: (Nominee) -> [AwardKind], on db: Database) async throws -> [NomineeDTO] {
        let personIDs = Set(nominees.compactMap(\.personID))
        var persons: [UUID: Person] = [:]
        if !personIDs.isEmpty {
            for p in try await Person.query(on: db).filter(\.$id ~~ personIDs).all() { if let id = p.id { persons[id] = p } }
        }
        return nominees.map { n in
            NomineeDTO(id: n.id!, kind: n.kind, unitID: n.unitID, personID: n.personID, label: n.label,
                       position: n.personID.flatMap { persons[$0] }?.position,
                       award: n.award, awardName: kindsOf(n).first { $0.key == n.award }?.name ?? n.award, source: n.source)
        }
    }

    static func nominees(_ cycle: Cycle, on db: Database) async throws -> [NomineeDTO] {
        let kinds = try await awardKinds(cycle, on: db)
        return try await dtos(Nominee.query(on: db).filter(\.$cycleID == cycle.requireID()).sort(\.$label).all(), kinds: kinds, on: db)
    }

    /// A unit's officers nominate for their own unit (the nomination dossier); the secretariat for any member.
    static func addNominee(_ cycle: Cycle, _ input: NomineeInput, on req: Request) async throws -> Nominee {
        try req.authorize(.submitFor(unitID: input.unitID, cycle))
        guard let unit = try await CycleService.members(of: cycle.requireID(), on: req.db).first(where: { $0.id == input.unitID }) else {
            throw AppError.validation("unitID", req.t("conference.not_member"))
        }
        guard let kind = try await awardKinds(cycle, on: req.db).first(where: { $0.key == input.award }) else {
            throw AppError.validation("award", req.t("award.unknown"))
        }
        let n = Nominee()
        n.cycleID = try cycle.requireID()
        n.unitID = input.unitID
        n.award = kind.key
        n.source = .dossier
        var person: Person?
        switch input.kind {
        case .collective:
            guard kind.forCollective else { throw AppError.validation("award", req.t("award.not_for_collective")) }
            n.kind = .collective
            n.label = try Validate.optionalName(input.label, "label", on: req) ?? unit.name
        case .individual:
            guard kind.forIndividual else { throw AppError.validation("award", req.t("award.not_for_individual")) }
            let name = try Validate.name(input.personName, "personName", max: 200, on: req)
            n.kind = .individual
            n.label = name
            let folded = VietnameseText.fold(name)
            person = try await Person.query(on: req.db).filter(\.$unitID == input.unitID).filter(\.$foldedName == folded).first()
            if person == nil {
                let p = Person()
                p.unitID = input.unitID
                p.fullName = name
                p.foldedName = folded
                p.position = try Validate.optionalName(input.position, "position", on: req)
                person = p
            }
            // A level typed now is kept on the person, whose later awards count with it.
            if let level = input.positionLevel { person?.positionLevel = level.rawValue }
        }
        // The dossier asks each unit for a set number of collectives and individuals (the rule set's dossierQuota).
        let quota = try await BallotService.ruleSet(of: cycle, on: req.db)?.dossierQuota ?? .oneOfEach
        let existing = try await Nominee.query(on: req.db).filter(\.$cycleID == n.cycleID).filter(\.$unitID == n.unitID)
            .filter(\.$source == .dossier).filter(\.$kind == n.kind).count()
        guard quota.allows(adding: n.kind, existing: existing) else {
            throw AppError.conflict(req.t(n.kind == .collective ? "award.dossier_full_collective" : "award.dossier_full_individual",
                                          ["unit": unit.name, "count": String(format: "%02d", quota.limit(for: n.kind))]), field: "kind")
        }
        let actor = req.actorName
        let newPerson = person
        return try await req.audited { db in
            if let newPerson { try await newPerson.save(on: db) }
            n.personID = newPerson?.id
            try await n.create(on: db)
            return (n, AuditRecord(actor: actor, action: "nominate", entity: "nominee", entityID: try n.requireID().uuidString,
                                   before: String?.none, after: ["label": n.label, "award": n.award]))
        }
    }

    /// A unit withdraws a dossier nominee (or the secretariat does), while no sent proposal holds it; a draft
    /// proposal lets go of it. Ballot nominees follow the ballot and are not removed by hand.
    static func removeNominee(_ id: UUID, on req: Request) async throws {
        guard let n = try await Nominee.find(id, on: req.db) else { throw AppError.notFound(req.t("award.nominee_not_found")) }
        let cycle = try await CycleService.find(n.cycleID, on: req)
        try req.authorize(.submitFor(unitID: n.unitID, cycle))
        // The page's question; a no here is about this nominee (a ballot's), so a 409 with its reason, not a 403.
        guard Policy.allows(try req.user(), .withdraw(source: n.source, unitID: n.unitID, cycle)) else {
            throw AppError.conflict(req.t("award.nominee_from_ballot"))
        }
        let links = try await ProposalNominee.query(on: req.db).filter(\.$nomineeID == id).all()
        let proposals = try await Proposal.query(on: req.db).filter(\.$id ~~ links.map(\.proposalID)).all()
        guard proposals.allSatisfy(\.status.isEditable) else { throw AppError.conflict(req.t("award.nominee_in_sent_proposal")) }
        let actor = req.actorName
        try await req.audited { db in
            try await ProposalNominee.query(on: db).filter(\.$nomineeID == id).delete()
            try await n.delete(on: db)
            return ((), AuditRecord(actor: actor, action: "withdraw", entity: "nominee", entityID: id.uuidString,
                                    before: ["label": n.label, "award": n.award], after: String?.none))
        }
    }

    /// The flag ballot's outcome becomes the flag nominees (replacing earlier ballot-sourced ones).
    /// The award key of the provincial emulation flag, as the rule sets name it.
    static let flagKey = "provincialFlag"

    static func syncFlagNominees(cycleID: UUID, unitIDs: [UUID], on db: Database) async throws {
        try await Nominee.query(on: db).filter(\.$cycleID == cycleID).filter(\.$source == .ballot).filter(\.$award == flagKey).delete()
        for unitID in unitIDs {
            guard let unit = try await Unit.find(unitID, on: db) else { continue }
            let n = Nominee()
            n.cycleID = cycleID
            n.kind = .collective
            n.unitID = unitID
            n.label = unit.name
            n.award = flagKey
            n.source = .ballot
            try await n.create(on: db)
        }
    }

    /// The cycle's proposals, in the order the database gives them.
    static func proposals(of cycleID: UUID, on db: Database) async throws -> [Proposal] {
        try await Proposal.query(on: db).filter(\.$cycleID == cycleID).all()
    }

    /// A unit's own award history (not its people's), newest first, whether awarded or refused.
    static func unitHistory(_ unitID: UUID, on db: Database) async throws -> [AwardHistoryDTO] {
        let past = try await PastAwardRecord.query(on: db).filter(\.$unitID == unitID).filter(\.$personID == nil).all().map(\.history)
        return (try await historyDTOs(AwardEntry.query(on: db).filter(\.$unitID == unitID).filter(\.$personID == nil).all(), on: db) + past)
            .sorted { $0.year > $1.year }
    }

    /// A person's award history, newest first, whether awarded or refused.
    static func personHistory(_ personID: UUID, on db: Database) async throws -> [AwardHistoryDTO] {
        let past = try await PastAwardRecord.query(on: db).filter(\.$personID == personID).all().map(\.history)
        return (try await historyDTOs(AwardEntry.query(on: db).filter(\.$personID == personID).all(), on: db) + past).sorted { $0.year > $1.year }
    }

    /// History rows with their decisions' numbers and dates, newest year first.
    static func historyDTOs(_ entries: [AwardEntry], on db: Database) async throws -> [AwardHistoryDTO] {
        try await historyRows(entries, on: db).map(\.1)
    }

    /// Each entry with its history row, newest year first: one query for every entry's decision, not one per entry.
    static func historyRows(_ entries: [AwardEntry], on db: Database) async throws -> [(AwardEntry, AwardHistoryDTO)] {
        let kinds = AwardKind.common
        let decisions = Dictionary(uniqueKeysWithValues: try await Decision.query(on: db)
            .filter(\.$id ~~ Set(entries.map(\.decisionID))).all().map { ($0.id!, $0) })
        return entries.sorted(by: { $0.year > $1.year }).map { e in
            let d = decisions[e.decisionID]
            return (e, AwardHistoryDTO(year: e.year, award: e.award, awardName: kinds.first { $0.key == e.award }?.name ?? e.award,
                                       awarded: e.awarded, decisionNumber: d?.number ?? "", decisionDate: d?.date ?? ""))
        }
    }

    /// Name search that ignores diacritics ("nguyen thi hoa" finds "Nguyễn Thị Hòa"): the first 100 in Vietnamese order.
    static func people(matching text: String, on db: Database) async throws -> [Person] {
        let q = VietnameseText.fold(text)
        // The database filters (LIKE on the folded name); the
        // Vietnamese order, which SQL cannot give, is applied to what comes back.
        var query = Person.query(on: db)
        if !q.isEmpty { query = query.filter(\.$foldedName ~~ q) }
        return Array(VietnameseText.sorted(try await query.sort(\.$foldedName).limit(1000).all(), by: \.fullName).prefix(100))
    }

    /// The earlier awards (awarded only) of many holders, read together: a person's are those with their ID; a
    /// collective's are its unit's own, without a person — what each nominee's eligibility is checked against.
    struct Histories {
        var byPerson: [UUID: [AwardRecord]] = [:]
        var byUnit: [UUID: [AwardRecord]] = [:]

        /// The nominee's history: by person for an individual, else the unit's own.
        func of(_ n: Nominee) -> [AwardRecord] {
            if let personID = n.personID { return byPerson[personID] ?? [] }
            return byUnit[n.unitID] ?? []
        }
    }

    /// Two queries whatever the number of nominees (one for the persons, one for the units), not one per nominee.
    static func histories(of nominees: [Nominee], on db: Database) async throws -> Histories {
        var result = Histories()
        let personIDs = Set(nominees.compactMap(\.personID))
        // Only collectives (no person) read their unit's history.
        let unitIDs = Set(nominees.filter { $0.personID == nil }.map(\.unitID))
        if !personIDs.isEmpty {
            for e in try await AwardEntry.query(on: db).filter(\.$awarded == true).filter(\.$personID ~~ personIDs).all() {
                guard let personID = e.personID else { continue }
                result.byPerson[personID, default: []].append(AwardRecord(award: e.award, year: e.year))
            }
            // Awards imported from earlier years' workbooks count the same.
            for p in try await PastAwardRecord.query(on: db).filter(\.$personID ~~ personIDs).all() {
                guard let personID = p.personID else { continue }
                result.byPerson[personID, default: []].append(AwardRecord(award: p.award, year: p.year))
            }
        }
        if !unitIDs.isEmpty {
            for e in try await AwardEntry.query(on: db).filter(\.$awarded == true).filter(\.$unitID ~~ unitIDs)
                .filter(\.$personID == nil).all() {
                result.byUnit[e.unitID, default: []].append(AwardRecord(award: e.award, year: e.year))
            }
            for p in try await PastAwardRecord.query(on: db).filter(\.$unitID ~~ unitIDs).filter(\.$personID == nil).all() {
                result.byUnit[p.unitID, default: []].append(AwardRecord(award: p.award, year: p.year))
            }
        }
        return result
    }

    static func warnings(for nominees: [Nominee], cycle: Cycle, on db: Database) async throws -> [String] {
        try await warnings(forGroups: [nominees], cycle: cycle, on: db)[0]
    }

    /// The warnings of several groups of a cycle's nominees (one group per proposal), in the groups' order: the rule
    /// set and every nominee's history are read once for all.
    static func warnings(forGroups groups: [[Nominee]], cycle: Cycle, on db: Database) async throws -> [[String]] {
        let ruleSet = try await BallotService.ruleSet(of: cycle, on: db)
        return try await warnings(forGroups: groups, contexts: groups.map { _ in (cycle.year, ruleSet) }, on: db)
    }

    /// The warnings of groups of nominees of several cycles, each group judged in its cycle's year by its rule set:
    /// every nominee's history is read once for all.
    static func warnings(forGroups groups: [[Nominee]], contexts: [(year: Int, ruleSet: RuleSet?)], on db: Database) async throws -> [[String]] {
        let past = try await Self.histories(of: groups.flatMap { $0 }, on: db)
        return zip(groups, contexts).map { nominees, context -> [String] in
            let rules = context.ruleSet?.awardRules ?? AwardRule.defaults
            let kinds = context.ruleSet?.awardKinds ?? AwardKind.common
            var result: [String] = []
            for n in nominees {
                for warning in AwardEligibility.warnings(award: n.award, year: context.year, history: past.of(n), rules: rules) {
                    // The rules speak in keys; people read the award's name.
                    let named = kinds.reduce(warning) { $0.replacingOccurrences(of: "“\($1.key)”", with: "“\($1.name)”") }
                    result.append("\(n.label): \(named)")
                }
            }
            return result
        }
    }
}
