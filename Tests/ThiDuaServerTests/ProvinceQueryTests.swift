import Fluent
import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// The board's views across blocs: what they say must match the blocs' own data, and their work must not grow with
/// the province (the same number of queries for 2 blocs of 5 units as for 4 blocs of 7).
@Suite("The board's province views")
struct ProvinceQueryTests {
    struct Reading {
        var queries: [String: Int] = [:]
        var overview: [OverviewAPI.BlocOverviewDTO] = []
        var proposals: [OverviewAPI.ProposalSummaryDTO] = []
        var home = ""
        /// The board's inbox: every sent proposal with its checks, through the API and on its page.
        var inbox: [ProposalReview.InboxRow] = []
        var inboxPage = ""
        /// The overview as the board downloads it, every cell's text.
        var workbook: [String] = []
        var blocNames: [String] = []
        var storedProposals = 0
        var submissions = 0
        /// Each cycle's states as the bloc's own dashboard counts them, cell by cell.
        var dashboards: [UUID: [String: Int]] = [:]
    }

    static func read(blocs: Int, units: Int) async throws -> Reading {
        var reading = Reading()
        try await withApp { app in
            _ = try await Simulator.run(app, size: .init(provinces: 1, blocs: blocs, units: units, seed: 5), password: Fixture.password) { _ in }
            reading.blocNames = try await Bloc.query(on: app.db).all().map(\.name)
            reading.storedProposals = try await Proposal.query(on: app.db).count()
            reading.submissions = try await Submission.query(on: app.db).count()
            for cycle in try await Cycle.query(on: app.db).all() {
                let matrix = try await StatusMatrix.build(for: cycle, on: app.db)
                reading.dashboards[try cycle.requireID()] = Dictionary(grouping: matrix.rows.flatMap(\.cells), by: \.state.rawValue)
                    .mapValues(\.count)
            }
            QueryCounter.prepare(app)
            let board = try await token(app, "bantdkt-01")
            let (n1, overview) = try await QueryCounter.run(app, "/api/v1/overview", token: board)
            #expect(overview.status == .ok)
            reading.overview = try overview.content.decode([OverviewAPI.BlocOverviewDTO].self)
            let (n2, proposals) = try await QueryCounter.run(app, "/api/v1/proposals", token: board)
            #expect(proposals.status == .ok)
            reading.proposals = try proposals.content.decode([OverviewAPI.ProposalSummaryDTO].self)
            var browser = Browser(app: app)
            _ = try await browser.signIn("bantdkt-01")
            let (n3, home) = try await QueryCounter.run(app, "/", token: nil, cookie: browser.cookie)
            #expect(home.status == .ok)
            reading.home = home.body.string
            let (n4, workbook) = try await QueryCounter.run(app, "/api/v1/overview.xlsx", token: board)
            #expect(workbook.status == .ok)
            reading.workbook = try StatisticsReportTests.sheets(Data(workbook.body.readableBytesView)).flatMap { $0 }
            let (n5, inbox) = try await QueryCounter.run(app, "/api/v1/board/proposals", token: board)
            #expect(inbox.status == .ok)
            reading.inbox = try inbox.content.decode([ProposalReview.InboxRow].self)
            let (n6, inboxPage) = try await QueryCounter.run(app, "/board/proposals", token: nil, cookie: browser.cookie)
            #expect(inboxPage.status == .ok)
            reading.inboxPage = inboxPage.body.string
            reading.queries = ["overview": n1, "proposals": n2, "home": n3, "overview.xlsx": n4, "inbox": n5, "inbox page": n6]
            // An officer is refused: the province's state is the board's.
            let officer = try await token(app, "t01k01d01")
            #expect(try await send(app, .GET, "/api/v1/overview", token: officer).status == .forbidden)
            #expect(try await send(app, .GET, "/api/v1/proposals", token: officer).status == .forbidden)
            #expect(try await send(app, .GET, "/api/v1/overview.xlsx", token: officer).status == .forbidden)
        }
        return reading
    }

    @Test("every bloc appears once with its own counts, and the work per request does not grow with the province")
    func boundedAndFaithful() async throws {
        let small = try await Self.read(blocs: 2, units: 5)
        let large = try await Self.read(blocs: 4, units: 7)
        for (reading, blocs, units) in [(small, 2, 5), (large, 4, 7)] {
            #expect(reading.overview.count == blocs)
            #expect(Set(reading.overview.map(\.blocName)) == Set(reading.blocNames))
            #expect(reading.overview.allSatisfy { $0.units == units })
            // Every simulated year ends with scores locked and a closed ballot.
            #expect(reading.overview.allSatisfy { $0.scoresLocked && $0.ballotsClosed >= 1 && $0.ballotsOpen == 0 })
            // The board's counts, made by the database, are the bloc dashboard's, made cell by cell.
            for entry in reading.overview {
                let cells = reading.dashboards[entry.cycleID] ?? [:]
                let s = entry.submissions
                #expect([s.missing, s.sent, s.late, s.returned, s.accepted] == ["missing", "sent", "late", "returned", "accepted"].map { cells[$0] ?? 0 },
                        "\(entry.blocName): \(s) vs \(cells)")
            }
            #expect(reading.overview.contains { $0.submissions.accepted > 0 } && reading.overview.contains { $0.submissions.missing > 0 })
            let counted = reading.overview.map { $0.submissions.sent + $0.submissions.late + $0.submissions.accepted + $0.submissions.returned }
            #expect(counted.reduce(0, +) > 0 && counted.reduce(0, +) <= reading.submissions)
            #expect(reading.proposals.count == reading.storedProposals && reading.storedProposals > 0)
            #expect(reading.proposals.allSatisfy { !$0.nominees.isEmpty && Set(reading.blocNames).contains($0.blocName) })
            for name in reading.blocNames { #expect(reading.home.contains(name), "home lists \(name)") }
            // The inbox has every bloc's sent proposal once, with the bloc's own nominees and its flag quota.
            #expect(reading.inbox.count == reading.storedProposals)
            #expect(Set(reading.inbox.map(\.proposal.id)) == Set(reading.proposals.map(\.id)))
            for row in reading.inbox {
                let summary = reading.proposals.first { $0.id == row.proposal.id }
                #expect(summary?.blocName == row.blocName && row.flagQuota >= 1, "\(row.blocName)")
                #expect(Set(row.proposal.nominees.map(\.label)) == Set(summary?.nominees ?? []), "\(row.blocName)")
                #expect(reading.inboxPage.contains(row.proposal.title))
            }
            // The workbook has a row per bloc, with its own unit count next to its name.
            #expect(reading.workbook.contains("Khối thi đua"))
            for entry in reading.overview {
                guard let at = reading.workbook.firstIndex(of: entry.blocName) else { Issue.record("no row for \(entry.blocName)"); continue }
                #expect(reading.workbook[at + 2] == String(entry.units), "\(reading.workbook[at...].prefix(3))")
            }
        }
        for name in small.queries.keys.sorted() {
            #expect(small.queries[name] == large.queries[name],
                    "\(name): \(small.queries[name] ?? -1) queries for 2 blocs, \(large.queries[name] ?? -1) for 4")
        }
        print("province queries (2 blocs → 4):", small.queries.keys.sorted().map { "\($0) \(small.queries[$0]!)→\(large.queries[$0]!)" })
    }
}
