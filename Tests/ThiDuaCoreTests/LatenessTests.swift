import Foundation
import Testing
@testable import ThiDuaCore

@Suite("Lateness")
struct LatenessTests {
    let calendar = DeadlineCalendar(holidays: [])
    var due: Date { calendar.endOfDay(LocalDate(year: 2023, month: 12, day: 5)) }

    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    @Test("the scenario's boundaries: 16:59:59Z on 05/12 is on time, 17:00:01Z is late", arguments: [
        ("2023-12-04T16:59:00Z", false),
        ("2023-12-05T16:59:59Z", false),
        ("2023-12-05T17:00:01Z", true),
        ("2023-12-05T17:01:00Z", true),
    ])
    func boundaries(received: String, late: Bool) {
        #expect(Lateness.isLate(receivedAt: Self.utc(received), due: due, graceMinutes: 0) == late)
    }

    @Test("a grace period moves the boundary; an extension replaces the milestone's instant")
    func graceAndExtension() {
        let received = Self.utc("2023-12-05T17:20:00Z")
        #expect(Lateness.isLate(receivedAt: received, due: due, graceMinutes: 0))
        #expect(!Lateness.isLate(receivedAt: received, due: due, graceMinutes: 30))
        #expect(Lateness.isLate(receivedAt: received, due: due, graceMinutes: 20))
        let extended = Lateness.effectiveDue(milestoneDue: due, extensionDue: calendar.endOfDay(LocalDate(year: 2023, month: 12, day: 7)))
        #expect(!Lateness.isLate(receivedAt: Self.utc("2023-12-07T16:00:00Z"), due: extended, graceMinutes: 0))
        #expect(Lateness.effectiveDue(milestoneDue: due, extensionDue: nil) == due)
    }

    @Test("the dashboard state follows the latest version's review", arguments: [
        (nil, SubmissionState.missing),
        ((SubmissionState.Review.pending, false), .sent),
        ((.pending, true), .late),
        ((.returned, true), .returned),
        ((.accepted, true), .accepted),
    ] as [((SubmissionState.Review, Bool)?, SubmissionState)])
    func states(latest: (SubmissionState.Review, Bool)?, expected: SubmissionState) {
        #expect(SubmissionState.of(latest: latest.map { (review: $0.0, isLate: $0.1) }) == expected)
    }
}
