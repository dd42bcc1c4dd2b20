import Foundation

/// Checks one leaf score: not negative, ≤ max, a multiple of step. Vietnamese message naming the code and the limit.
public enum ScoreCheck {
    /// nil when `points` is an acceptable score for `leaf`; otherwise the reason, in Vietnamese.
    /// A node with children cannot be scored directly.
    public static func check(_ points: Decimal, for leaf: ScoringNode) -> String? {
        let code = leaf.code
        guard leaf.isLeaf else {
            return "Tiêu chí \(code) có tiêu chí con; chỉ chấm điểm ở các tiêu chí con."
        }
        if points.isNaN {
            return "Điểm của tiêu chí \(code) không phải là một số."
        }
        let text = ScoringNumber.vietnamese(points)
        if points < 0 {
            return "Điểm của tiêu chí \(code) không được là số âm (đã nhập \(text))."
        }
        if let maximum = leaf.maxPoints, points > maximum {
            return "Điểm của tiêu chí \(code) là \(text), vượt quá điểm tối đa \(ScoringNumber.vietnamese(maximum))."
        }
        if let step = leaf.step, step > 0, !ScoringNumber.isMultiple(points, of: step) {
            return "Điểm của tiêu chí \(code) là \(text), không phải bội số của bước chấm điểm "
                + "\(ScoringNumber.vietnamese(step))."
        }
        return nil
    }
}
