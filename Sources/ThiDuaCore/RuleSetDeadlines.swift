import Foundation

extension RuleSet {
    /// Checks codes, titles, dates, local times and the `relativeTo` graph of `defaultDeadlines`.
    func validateDeadlines() throws(RuleSetError) {
        try Self.checkUnique(defaultDeadlines.map(\.code), field: "defaultDeadlines", member: "code")
        let codes = Set(defaultDeadlines.map(\.code))
        for (i, deadline) in defaultDeadlines.enumerated() {
            let prefix = "defaultDeadlines[\(i)]"
            if Self.isBlank(deadline.title) {
                throw RuleSetError(field: prefix + ".title", message: Self.emptyMessage)
            }
            switch deadline.due {
            case .endOfLocalDay(let date):
                try Self.checkDate(date, field: prefix + ".dueLocal")
            case .localTime(let date, let hour, let minute):
                try Self.checkDate(date, field: prefix + ".dueLocal")
                if !(0...23).contains(hour) {
                    throw RuleSetError(field: prefix + ".hour", message: "giờ phải từ 0 đến 23")
                }
                if !(0...59).contains(minute) {
                    throw RuleSetError(field: prefix + ".minute", message: "phút phải từ 0 đến 59")
                }
            case .relative(let base, let offset, _):
                if !codes.contains(base) {
                    throw RuleSetError(field: prefix + ".relativeTo", message: "không có mốc nào mang mã “\(base)”")
                }
                if abs(offset) > DeadlineCalendar.maximumOffsetDays {
                    throw RuleSetError(field: prefix + ".offsetDays",
                                       message: "số ngày không được vượt quá \(DeadlineCalendar.maximumOffsetDays)")
                }
            }
        }
        // Resolving also finds cycles; report them on the relativeTo of the cycle's first code.
        do {
            _ = try calendar.resolve(defaultMilestoneRules)
        } catch {
            throw deadlineFailure(error)
        }
    }

    private func deadlineFailure(_ error: DeadlineError) -> RuleSetError {
        func index(of code: String) -> Int {
            defaultDeadlines.firstIndex { $0.code == code } ?? 0
        }
        switch error {
        case .cycle(let codes):
            return RuleSetError(
                field: "defaultDeadlines[\(index(of: codes.first ?? ""))].relativeTo",
                message: "các mốc tạo thành vòng lặp: " + codes.joined(separator: " → "))
        case .unknownBase(let milestone, let base):
            return RuleSetError(
                field: "defaultDeadlines[\(index(of: milestone))].relativeTo",
                message: "không có mốc nào mang mã “\(base)”")
        case .outOfRange(let milestone):
            return RuleSetError(
                field: "defaultDeadlines[\(index(of: milestone))]",
                message: "mốc rơi ra ngoài phạm vi ngày hợp lệ")
        }
    }

    private static func checkDate(_ date: LocalDate, field: String) throws(RuleSetError) {
        if !date.isValid { throw RuleSetError(field: field, message: "ngày \(date.iso) không hợp lệ") }
    }
}
