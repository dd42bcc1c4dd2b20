import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct TodoTests {
    static let now = Date(timeIntervalSince1970: 1_701_500_000)

    @Test("returned items come first, then what is missing by deadline; sent, accepted and not-asked items are not to-dos")
    func order() {
        let day = 86_400.0
        let items = [
            Todo.Item(key: "B", title: "Báo cáo", dueAt: Self.now + 5 * day, state: .missing),
            Todo.Item(key: "A", title: "Danh sách", dueAt: Self.now + 2 * day, state: .missing),
            Todo.Item(key: "C", title: "Hồ sơ", dueAt: Self.now + 9 * day, state: .returned, reason: "Thiếu chữ ký"),
            Todo.Item(key: "D", title: "Đã gửi", dueAt: Self.now, state: .sent),
            Todo.Item(key: "E", title: "Nộp muộn", dueAt: Self.now, state: .late),
            Todo.Item(key: "F", title: "Đã nhận", dueAt: Self.now, state: .accepted),
            Todo.Item(key: "G", title: "Không phải nộp", dueAt: Self.now, state: .notRequired),
        ]
        #expect(Todo.open(items).map(\.key) == ["C", "A", "B"])
    }

    static let countdowns: [(Double, String)] = [
        (3 * 86_400 + 100, "còn 3 ngày"), (86_400, "còn 1 ngày"), (5 * 3_600 + 59, "còn 5 giờ"),
        (20 * 60 + 30, "còn 20 phút"), (10, "còn 1 phút"), (-2 * 86_400 - 1, "quá hạn 2 ngày"), (-90 * 60, "quá hạn 1 giờ"),
    ]

    @Test("a countdown in whole days, hours or minutes, rounded down, and 'quá hạn' once past")
    func countdown() {
        for (offset, text) in Self.countdowns {
            #expect(Todo.countdown(now: Self.now, due: Self.now + offset) == text, "\(offset)")
        }
    }

    @Test("the secretariat's tally: sent or late waits for review; missing or returned is not sent")
    func tally() {
        #expect(Todo.tally([.sent, .late, .missing, .returned, .accepted, .notRequired, .missing])
                == Todo.Tally(awaitingReview: 2, notSent: 3))
    }
}
