import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Draws keys and choices for one bloc. A class, so the seeders' closures can draw from it.
final class SimulationDraw {
    var rng: SplitMix64
    init(_ rng: SplitMix64) { self.rng = rng }
    func uuid() -> UUID { rng.uuid() }
    func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    func shuffled<T>(_ items: [T]) -> [T] { items.shuffled(using: &rng) }
    func bytes(_ n: Int) -> [UInt8] { (0..<n).map { _ in UInt8.random(in: .min ... .max, using: &rng) } }
}

/// One simulated bloc: its members, officers and cycle, then its year (SimulatedYear).
struct SimulatedBloc: Sendable {
    var province: Int
    var number: Int
    var provinces: Int
    var units: Int
    /// Real-looking names for the demo's other blocs; a simulation numbers everything.
    var named: Named?

    struct Named: Sendable {
        var bloc: String
        var issuer: String
        var place: String
        /// (name, short name); the short name is also the officer's username.
        var units: [(String, String)]
    }

    struct Counts: Sendable {
        var submissions = 0
        var papers = 0
    }

    /// "T01K07D03": unique across a nation, short enough for a table cell.
    func shortName(_ u: Int) -> String { named.map { $0.units[u - 1].1 } ?? String(format: "T%02dK%02dD%02d", province, number, u) }

    func unitName(_ u: Int) -> String { named.map { $0.units[u - 1].0 } ?? String(format: "Đơn vị %02d, %@", u, name) }

    var name: String {
        if let named { return named.bloc }
        return provinces == 1 ? String(format: "Khối thi đua số %02d", number)
            : String(format: "Khối thi đua số %02d, tỉnh số %02d", number, province)
    }

    /// The year the rule set's deadlines fall in (the last of them, should they span a new year).
    static func year(of ruleSet: RuleSet) throws -> Int {
        let calendar = ruleSet.calendar
        guard let year = try calendar.resolve(ruleSet.defaultMilestoneRules).values.map({ calendar.localDate(of: $0).year }).max() else {
            throw SimulationError.noDeadlines
        }
        return year
    }

    /// Wording the server would take from the localisation files in a request.
    struct Texts: Sendable {
        var ballotTitle: String
        var proposalTitle: String
    }

    func write(texts: Texts, ruleSet: RuleSet, ruleSetID: UUID, table: ScoringTable, tableDocument: String, passwordHash: String,
               store: any FileStore, rng: inout SplitMix64, on db: Database) async throws -> Counts {
        let draw = SimulationDraw(rng)
        let year = try Self.year(of: ruleSet)
        defer { rng = draw.rng }
        let members = (1...units).map { u in
            Unit(id: draw.uuid(), name: unitName(u), shortName: shortName(u),
                 contactEmail: "\(shortName(u).lowercased())@example.org")
        }
        try await members.createChunked(on: db)
        let bloc = Bloc(id: draw.uuid(), name: name,
                        issuer: named?.issuer ?? (provinces == 1 ? "Ủy ban nhân dân tỉnh" : String(format: "Ủy ban nhân dân tỉnh số %02d", province)),
                        houseStyle: named != nil || number % 2 != 0 ? .state : .party,
                        place: named?.place ?? String(format: "Tỉnh số %02d", province), symbol: "KTĐ")
        try await bloc.create(on: db)
        let cycle = Cycle(id: draw.uuid(), blocID: try bloc.requireID(), year: year,
                          headUnitID: try members[0].requireID(), deputyUnitID: try members[1].requireID(), ruleSetID: ruleSetID)
        try await cycle.create(on: db)
        let cycleID = try cycle.requireID()
        try await members.map { unit in
            let m = Membership(cycleID: cycleID, unitID: unit.id!)
            m.id = draw.uuid()
            return m
        }.createChunked(on: db)
        let officers = try members.enumerated().map { i, unit in
            User(id: draw.uuid(), username: shortName(i + 1).lowercased(), passwordHash: passwordHash,
                 displayName: String(format: "Cán bộ thi đua, %@", unit.name), role: .officer, unitID: try unit.requireID())
        }
        try await officers.createChunked(on: db)
        try await DemoSeeder.seedMilestones(ruleSet, cycleID: cycleID, on: db, newID: draw.uuid) { _, _, _ in }
        try await DemoRequirements.seed(cycleID: cycleID, on: db, newID: draw.uuid) { _, _, _ in }
        let milestones = try await Milestone.query(on: db).filter(\.$cycle.$id == cycleID).all()
        guard let scoringDue = milestones.first(where: { $0.role == .scoring })?.dueAt ?? milestones.map(\.dueAt).min() else {
            throw SimulationError.noDeadlines
        }
        let simulated = SimulatedYear(cycleID: cycleID, members: members.compactMap(\.id), officers: officers.compactMap(\.id),
                                      ruleSet: ruleSet, table: table, ballotTitle: texts.ballotTitle, proposalTitle: texts.proposalTitle,
                                      draw: draw)
        var counts = Counts()
        counts.submissions = try await simulated.uploads(store: store, on: db)
        let totals = try await simulated.scores(tableDocument: tableDocument, dueAt: scoringDue, on: db)
        let conferenceAt = scoringDue.addingTimeInterval(14 * 86_400)
        let present = try await simulated.conference(at: conferenceAt, on: db)
        counts.papers = try await simulated.flagBallot(present: present, totals: totals, at: conferenceAt.addingTimeInterval(2 * 3600), on: db)
        return counts
    }
}
