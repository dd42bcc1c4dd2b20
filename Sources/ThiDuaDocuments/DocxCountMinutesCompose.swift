import Foundation
import ThiDuaCore

extension CountMinutesData {
    /// The opening statement of a count, from the round's own facts: when and where it was counted, what was
    /// voted on, how many places and which threshold the rules set. Nothing is carried over from another year.
    public static func opening(hour: Int, minute: Int, date: LocalDate, year: Int, blocName: String, ballotTitle: String,
                               quota: Int, threshold: VoteThreshold) -> String {
        let title = ballotTitle.prefix(1).lowercased() + ballotTitle.dropFirst()
        let places = quota > 0 ? "Số đơn vị được suy tôn tối đa: \(String(format: "%02d", quota)); " : ""
        return "Hồi \(hour) giờ \(String(format: "%02d", minute)), ngày \(VietnameseDate.short(date)), tại Hội nghị tổng kết phong trào thi đua, công tác khen "
            + "thưởng năm \(year) của \(blocName), Ban Kiểm phiếu đã tiến hành kiểm phiếu \(title). "
            + "\(places)đơn vị được suy tôn phải đạt \(reach(threshold, members: "tổng số thành viên của Khối"))."
    }

    /// The opening of a council ballot's count: the session, who was there, its agenda, the places and the threshold.
    public static func councilOpening(hour: Int, minute: Int, date: LocalDate, venue: String, session: String, present: Int,
                                      members: Int, agenda: [String], quota: Int, threshold: VoteThreshold) -> String {
        let items = agenda.enumerated().map { "(\($0.offset + 1)) \($0.element)" }.joined(separator: "; ")
        return "Hồi \(hour) giờ \(String(format: "%02d", minute)), ngày \(VietnameseDate.short(date)), tại \(venue), \(session). "
            + "Có mặt \(String(format: "%02d", present))/\(String(format: "%02d", members)) thành viên Hội đồng. Nội dung: \(items). "
            + "Hội đồng bỏ phiếu kín; số được đề nghị tối đa: \(String(format: "%02d", quota)); mỗi trường hợp phải đạt "
            + "\(reach(threshold, members: "tổng số thành viên Hội đồng"))."
    }

    /// "trên 50% số phiếu so với tổng số phiếu hợp lệ": the threshold in words, `members` naming the whole body.
    static func reach(_ threshold: VoteThreshold, members: String) -> String {
        let whole = threshold.fraction * 100
        let percent = whole == whole.rounded() ? "\(Int(whole))%" : DocxFormat.percent(Decimal(threshold.fraction))
        let base: String
        switch threshold.base {
        case .validBallots: base = "tổng số phiếu hợp lệ"
        case .membersPresent: base = "tổng số thành viên có mặt"
        case .allMembers: base = members
        }
        return (threshold.comparison == .moreThan ? "trên \(percent)" : "từ \(percent) trở lên") + " số phiếu so với \(base)"
    }

    /// A committee member whose name is written by hand on the printed minutes: the conference has not recorded it.
    public static let unrecorded = Member(name: "……………………………", unit: "……………………………")
}
