import Foundation

/// What the provincial board checks in a bloc's proposal before it takes it to the council: the letter, each
/// nominee's achievement report and paper originals, the deadline, the flag quota and the award-history warnings.
/// Pure, so the inbox, the API and a test say the same thing.
public enum ProposalCompleteness {
    public struct Nominee: Sendable {
        public var label: String
        public var isFlag: Bool
        public var hasReport: Bool
        /// Originals the bloc owes for this nominee (0 when none are asked) and those recorded as received.
        public var originalsOwed: Int
        public var originalsReceived: Int

        public init(label: String, isFlag: Bool, hasReport: Bool, originalsOwed: Int, originalsReceived: Int) {
            self.label = label
            self.isFlag = isFlag
            self.hasReport = hasReport
            self.originalsOwed = originalsOwed
            self.originalsReceived = originalsReceived
        }
    }

    public enum Issue: Equatable, Sendable {
        case noLetter
        case noReport(String)
        case originalsMissing(String, owed: Int, received: Int)
        case sentLate(sentAt: Date, due: Date)
        case overFlagQuota(nominated: Int, quota: Int)
        case warning(String)

        /// In Vietnamese, as the board reads it; dates in Vietnamese form.
        public var text: String {
            switch self {
            case .noLetter: return "Chưa có tờ trình đề nghị."
            case .noReport(let label): return "Chưa có báo cáo thành tích của “\(label)”."
            case let .originalsMissing(label, owed, received):
                return "“\(label)”: mới nhận \(received)/\(owed) bản chính hồ sơ giấy."
            case let .sentLate(sentAt, due):
                let calendar = DeadlineCalendar(holidays: [])
                return "Gửi ngày \(VietnameseDate.short(calendar.localDate(of: sentAt))), sau hạn \(VietnameseDate.short(calendar.localDate(of: due)))."
            case let .overFlagQuota(nominated, quota):
                return "Đề nghị \(nominated) đơn vị tặng Cờ thi đua, vượt chỉ tiêu \(quota) của khối."
            case .warning(let text): return text
            }
        }
    }

    /// Every issue, in the order the board checks a dossier. An empty list: complete.
    public static func issues(hasLetter: Bool, nominees: [Nominee], sentAt: Date?, due: Date?, flagQuota: Int,
                              warnings: [String]) -> [Issue] {
        var issues: [Issue] = hasLetter ? [] : [.noLetter]
        for n in nominees where !n.hasReport { issues.append(.noReport(n.label)) }
        for n in nominees where n.originalsReceived < n.originalsOwed {
            issues.append(.originalsMissing(n.label, owed: n.originalsOwed, received: n.originalsReceived))
        }
        if let sentAt, let due, sentAt > due { issues.append(.sentLate(sentAt: sentAt, due: due)) }
        let flags = nominees.filter(\.isFlag).count
        if flags > flagQuota { issues.append(.overFlagQuota(nominated: flags, quota: flagQuota)) }
        return issues + warnings.map(Issue.warning)
    }
}
