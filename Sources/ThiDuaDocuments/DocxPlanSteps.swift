import Foundation
import ThiDuaCore

extension PlanData.Step {
    /// The step with its date written from its milestone's: the one date in the text ("Trong 03 ngày sau hội nghị
    /// (trước ngày 22/12/2023)") and its weekday ("(Thứ Ba)") are replaced, the words around them kept; a text
    /// with no single date becomes "Trước ngày 24/12/2023".
    public func dated(_ date: LocalDate) -> PlanData.Step {
        var step = self
        let dates = due.ranges(of: #/\d{2}/\d{2}/\d{4}/#)
        guard dates.count == 1, let range = dates.first else {
            step.due = "Trước ngày " + VietnameseDate.short(date)
            return step
        }
        var text = due.replacingCharacters(in: range, with: VietnameseDate.short(date))
        let weekday = VietnameseDate.weekday(date)
        let capitalized = weekday.prefix(1).uppercased() + weekday.dropFirst()
        text = text.replacing(#/\((?:[Tt]hứ \p{L}+|[Cc]hủ nhật)\)/#, with: "(\(capitalized))")
        step.due = text
        return step
    }
}
