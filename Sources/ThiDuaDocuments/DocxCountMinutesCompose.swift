import Foundation
import ThiDuaCore

extension CountMinutesData {
    /// The opening statement of a count, from the round's own facts: when and where it was counted, what was
    /// voted on, how many places and which threshold the rules set. Nothing is carried over from another year.
    public static func opening(hour: Int, minute: Int, date: LocalDate, year: Int, blocName: String, ballotTitle: String,
                               quota: Int, threshold: VoteThreshold) -> String {
        let title = ballotTitle.prefix(1).lowercased() + ballotTitle.dropFirst()
        let whole = threshold.fraction * 100
        let percent = whole == whole.rounded() ? "\(Int(whole))%" : DocxFormat.percent(Decimal(threshold.fraction))
        let base: String
        switch threshold.base {
        case .validBallots: base = "tổng số phiếu hợp lệ"
        case .membersPresent: base = "tổng số thành viên có mặt"
        case .allMembers: base = "tổng số thành viên của Khối"
        }
        let reach = threshold.comparison == .moreThan ? "trên \(percent)" : "từ \(percent) trở lên"
        let places = quota > 0 ? "Số đơn vị được suy tôn tối đa: \(String(format: "%02d", quota)); " : ""
        return "Hồi \(hour) giờ \(String(format: "%02d", minute)), ngày \(VietnameseDate.short(date)), tại Hội nghị tổng kết phong trào thi đua, công tác khen "
            + "thưởng năm \(year) của \(blocName), Ban Kiểm phiếu đã tiến hành kiểm phiếu \(title). "
            + "\(places)đơn vị được suy tôn phải đạt \(reach) số phiếu so với \(base)."
    }

    /// A committee member whose name is written by hand on the printed minutes: the conference has not recorded it.
    public static let unrecorded = Member(name: "……………………………", unit: "……………………………")
}
