import Fluent
import Foundation
import Testing
import ThiDuaCore
import VaporTesting
@testable import ThiDuaServer

/// The board's overview reads milestones as plain rows (`Milestone.plain`): every field must be what Fluent reads.
@Suite("Milestones as plain rows")
struct MilestoneRowsTests {
    @Test("the plain read gives every field Fluent gives, in due order then code, for the cycles asked only")
    func sameAsFluent() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            var random = SplitMix64(seed: 5)
            let base = Date(timeIntervalSince1970: 1_700_000_000.25)
            var made: [Milestone] = []
            for i in 0..<12 {
                let m = Milestone(cycleID: i % 4 == 3 ? s.f.otherCycleID : s.f.cycleID, code: "M\(11 - i)", title: "Mốc số \(i) – hạn nộp")
                // Two share a due instant, so the code decides their order.
                m.dueAt = base.addingTimeInterval(Double(i / 2) * 86_400 + Double(random.next() % 3_600))
                if i % 2 == 1 { m.dueAt = made.last!.dueAt }
                switch i % 3 {
                case 0: (m.ruleKind, m.fixedAt) = (.instant, m.dueAt)
                case 1: (m.ruleKind, m.localDate, m.dayKind) = (.endOfDay, "2023-12-\(10 + i)", .working)
                default: (m.ruleKind, m.relativeToID, m.offsetDays, m.dayKind) = (.relative, made.first?.id, -3, .calendar)
                }
                m.role = i == 4 ? .scoring : nil
                try await m.create(on: app.db)
                made.append(m)
            }
            let fluent = try await Milestone.query(on: app.db).filter(\.$cycle.$id == s.f.cycleID).sort(\.$dueAt).sort(\.$code).all()
            let plain = try await Milestone.plain(of: [s.f.cycleID], on: app.db)
            #expect(plain.count == fluent.count && plain.count == made.filter { $0.$cycle.id == s.f.cycleID }.count)
            #expect(plain.map(\.id) == fluent.map(\.id), "the same order")
            for (p, f) in zip(plain, fluent) {
                #expect(p.$cycle.id == f.$cycle.id && p.code == f.code && p.title == f.title && p.role == f.role && p.ruleKind == f.ruleKind)
                #expect(p.fixedAt == f.fixedAt && p.localDate == f.localDate && p.relativeToID == f.relativeToID)
                #expect(p.offsetDays == f.offsetDays && p.dayKind == f.dayKind && p.dueAt == f.dueAt)
            }
            #expect(plain.contains { $0.role == .scoring } && plain.contains { $0.dayKind == .working } && plain.contains { $0.offsetDays == -3 })
            #expect(try await Milestone.plain(of: [], on: app.db).isEmpty)
        }
    }
}
