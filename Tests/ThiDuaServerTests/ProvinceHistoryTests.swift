import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting
@testable import ThiDuaServer

/// The board's search of the province's award history (issue 17): by unit or person, diacritics ignored, each holder
/// with exactly its own entries.
@Suite("The province's award history")
struct ProvinceHistoryTests {
    @Test("typed without diacritics, a unit's and a person's names find their own awards, and only the board may search")
    func searchFindsEachHoldersOwnAwards() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            for seed in [51, 52] as [UInt64] { try await StatisticsReportTests.decide(app, s, seed: seed) }
            let reviewer = try await token(app, "reviewer")
            func search(_ q: String) async throws -> [ProvinceHistory.Holder] {
                let res = try await send(app, .GET, "/api/v1/history?q=\(q.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)", token: reviewer)
                #expect(res.status == .ok)
                return try res.content.decode([ProvinceHistory.Holder].self)
            }
            // "van phong" finds "Văn phòng Tỉnh ủy", with every entry of the unit itself (not its people's).
            let unit = try #require(try await Unit.find(s.f.unitC, on: app.db))
            let found = try await search("van phong")
            let holder = try #require(found.first { $0.kind == .collective && $0.name == unit.name })
            let own = try await AwardEntry.query(on: app.db).filter(\.$unitID == s.f.unitC).filter(\.$personID == nil).all()
            #expect(holder.entries.count == own.count && own.count > 0)
            #expect(holder.entries.map(\.year) == holder.entries.map(\.year).sorted(by: >), "newest first")
            // A person, by a part of the name without its marks: their entries only.
            let person = try #require(try await Person.query(on: app.db).first())
            let part = VietnameseText.fold(person.fullName).split(separator: " ").last.map(String.init) ?? ""
            let people = try await search(part).filter { $0.kind == .individual && $0.name == person.fullName }
            let theirs = try await AwardEntry.query(on: app.db).filter(\.$personID == person.requireID()).count()
            #expect(people.first?.entries.count == theirs && people.first?.unit.isEmpty == false)
            #expect(try await send(app, .GET, "/api/v1/history?q=x", token: reviewer).status == .unprocessableEntity, "one letter is refused")
            #expect(try await send(app, .GET, "/api/v1/history?q=van", token: s.head).status == .forbidden)
            // The page shows the same, at /board/history.
            var browser = Browser(app: app)
            _ = try await browser.signIn("reviewer")
            let page = try await browser.get("/board/history?q=van%20phong")
            #expect(page.status == .ok && page.body.string.contains(unit.name))
        }
    }
}
