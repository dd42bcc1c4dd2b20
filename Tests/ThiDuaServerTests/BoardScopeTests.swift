import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting
@testable import ThiDuaServer

/// A reviewer with a province sees the blocs placed there, and no other (issue 17: "the board sees every bloc of its
/// province"); one without a province, and the administrator, see every bloc.
@Suite("The board's province")
struct BoardScopeTests {
    @Test("the inbox, overview, proposals and statistics show a reviewer its own province's blocs; another's proposal is refused")
    func reviewerSeesItsProvince() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            // The fixture's bloc is in Lào Cai, the other in Yên Bái.
            let blocs = try await Bloc.query(on: app.db).all()
            for b in blocs { b.place = b.id == s.f.blocID ? "Lào Cai" : "Yên Bái"; try await b.save(on: app.db) }
            let admin = try await token(app, "admin")
            for (name, province) in [("ytb", "Yên Bái"), ("lci", "lao cai")] {
                let res = try await send(app, .POST, "/api/v1/users", token: admin, json: """
                    {"username":"\(name)","password":"\(name)-ban-thi-dua-khen-thuong","displayName":"Chuyên viên","role":"reviewer","province":"\(province)"}
                    """)
                #expect(res.status == .created, "\(res.body.string)")
                #expect(try res.content.get(String.self, at: "province") == province)
            }
            let yenBai = try await token(app, "ytb", password: "ytb-ban-thi-dua-khen-thuong")
            let laoCai = try await token(app, "lci", password: "lci-ban-thi-dua-khen-thuong")
            let everyone = try await token(app, "reviewer")
            // A sent proposal and decided awards in the Lào Cai bloc.
            try await StatisticsReportTests.decide(app, s, seed: 61)
            let p = Proposal()
            (p.cycleID, p.title, p.status) = (s.f.cycleID, "Tờ trình Lào Cai", .sent)
            try await p.create(on: app.db)

            func inbox(_ token: String) async throws -> [String] {
                try await send(app, .GET, "/api/v1/board/proposals", token: token).content.decode([ProposalReview.InboxRow].self).map(\.proposal.title)
            }
            let (seenByLaoCai, seenByAll, seenByYenBai) = (try await inbox(laoCai), try await inbox(everyone), try await inbox(yenBai))
            #expect(seenByLaoCai.contains("Tờ trình Lào Cai") && seenByAll.contains("Tờ trình Lào Cai"))
            #expect(seenByYenBai.isEmpty)
            let refused = try await send(app, .POST, "/api/v1/proposals/\(p.id!)/accept", token: yenBai)
            #expect(refused.status == .forbidden && (refused.problem?.detail ?? "").contains("tỉnh khác"))
            #expect(try await send(app, .POST, "/api/v1/proposals/\(p.id!)/accept", token: laoCai).status == .ok)

            let overview = try await send(app, .GET, "/api/v1/overview", token: yenBai).content.decode([OverviewAPI.BlocOverviewDTO].self)
            #expect(overview.map(\.blocName) == blocs.filter { $0.id != s.f.blocID }.map(\.name))
            #expect(try await send(app, .GET, "/api/v1/overview", token: everyone).content.decode([OverviewAPI.BlocOverviewDTO].self).count == 2)
            #expect(try await send(app, .GET, "/api/v1/proposals", token: yenBai).content.decode([OverviewAPI.ProposalSummaryDTO].self).isEmpty)

            // The Lào Cai bloc's awards are in Lào Cai's statistics, not in Yên Bái's.
            func total(_ token: String) async throws -> String {
                let sheets = try StatisticsReportTests.sheets(Data(try await send(app, .GET, "/api/v1/statistics/2023", token: token).body.readableBytesView))
                // Biểu 0603 is headed with the province as its blocs write it, whatever the reviewer typed.
                #expect(sheets[1].contains { $0.hasPrefix("Đơn vị báo cáo: UBND tỉnh ") && !$0.hasSuffix("lao cai") })
                return sheets[2][try #require(sheets[2].firstIndex(of: "Tổng cộng")) + 1]
            }
            let given = try await AwardEntry.query(on: app.db).filter(\.$year == 2023).filter(\.$awarded == true).count()
            let (laoCaiTotal, yenBaiTotal) = (try await total(laoCai), try await total(yenBai))
            #expect(laoCaiTotal == String(given) && yenBaiTotal == "0")
            // Biểu 0601: each province counts its own bloc's year, the unscoped reviewer both.
            let (laoCaiYears, allYears) = (try await StatisticsReportTests.form0601(app, year: 2023, token: laoCai, row: "04"),
                                           try await StatisticsReportTests.form0601(app, year: 2023, token: everyone, row: "04"))
            #expect(laoCaiYears == [1, 0, 1, 0] && allYears == [2, 0, 2, 0])
        }
    }
}
