import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct MilestoneTimelineTests {
    let due: [String: Date] = [
        "SCORING": instant("2023-12-05T16:59:59Z"),
        "REPORT": instant("2023-12-11T16:59:59Z"),
        "DOSSIER": instant("2023-12-11T16:59:59Z"),
        "CONFERENCE": instant("2023-12-19T01:00:00Z"),
    ]

    @Test func pastNextAndUpcoming() {
        let statuses = MilestoneTimeline.statuses(due, now: instant("2023-12-08T09:00:00+07:00"))
        #expect(statuses == ["SCORING": .overdue, "REPORT": .next, "DOSSIER": .next, "CONFERENCE": .upcoming])
    }

    @Test(arguments: [
        ("2023-12-05T16:59:59Z", MilestoneStatus.next), ("2023-12-05T17:00:00Z", .overdue),
        ("2023-12-01T00:00:00Z", .next),
    ])
    func boundaryAtTheDueInstant(now: String, scoring: MilestoneStatus) {
        #expect(MilestoneTimeline.statuses(due, now: instant(now))["SCORING"] == scoring)
    }

    @Test func everythingPastHasNoNext() {
        let statuses = MilestoneTimeline.statuses(due, now: instant("2024-01-01T00:00:00Z"))
        #expect(statuses.values.allSatisfy { $0 == .overdue })
        #expect(statuses.count == due.count)
    }

    @Test func emptyTimeline() {
        #expect(MilestoneTimeline.statuses([:], now: instant("2024-01-01T00:00:00Z")).isEmpty)
    }
}
