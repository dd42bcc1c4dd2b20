import Foundation

extension ScoringTable {
    /// Structural checks, in table order; the first problem found is thrown, naming its code.
    ///
    /// - at least one section; the bonus cap is not negative;
    /// - every node has a non-blank code, unique across the tree and the penalty catalogue, and a title;
    /// - a leaf has `maxPoints` > 0, and a `step`, if any, is > 0 and divides `maxPoints`;
    /// - a node with children has neither `maxPoints` nor `step` (its maximum is the sum of its leaves);
    /// - a penalty item has a code, a title, a kind and points > 0.
    public func validate() throws(ScoringTableError) {
        if sections.isEmpty {
            throw ScoringTableError(code: nil, message: "Bảng chấm điểm chưa có mục nào.")
        }
        if bonusCap.isNaN || bonusCap < 0 {
            throw ScoringTableError(code: nil, message: "Mức tối đa của điểm thưởng không được là số âm.")
        }
        var seen: Set<String> = []
        for section in sections {
            try Self.validate(section, seen: &seen)
        }
        for item in penaltyItems {
            try Self.validate(item, seen: &seen)
        }
    }

    private static func validate(_ node: ScoringNode, seen: inout Set<String>) throws(ScoringTableError) {
        let code = node.code
        if RuleSet.isBlank(code) {
            throw ScoringTableError(code: nil, message: "Tiêu chí “\(node.title)” chưa có mã.")
        }
        if !seen.insert(code).inserted {
            throw ScoringTableError(code: code, message: "Mã tiêu chí “\(code)” bị trùng.")
        }
        if RuleSet.isBlank(node.title) {
            throw ScoringTableError(code: code, message: "Tiêu chí \(code) chưa có tên.")
        }
        if node.isLeaf {
            guard let maximum = node.maxPoints, !maximum.isNaN, maximum > 0 else {
                throw ScoringTableError(code: code, message: "Tiêu chí \(code) phải có điểm tối đa lớn hơn 0.")
            }
            if let step = node.step {
                guard !step.isNaN, step > 0 else {
                    throw ScoringTableError(code: code, message: "Bước chấm điểm của tiêu chí \(code) phải lớn hơn 0.")
                }
                if !ScoringNumber.isMultiple(maximum, of: step) {
                    throw ScoringTableError(code: code, message:
                        "Điểm tối đa \(ScoringNumber.vietnamese(maximum)) của tiêu chí \(code) không chia hết "
                        + "cho bước chấm điểm \(ScoringNumber.vietnamese(step)).")
                }
            }
        } else {
            if node.maxPoints != nil {
                throw ScoringTableError(code: code, message:
                    "Tiêu chí \(code) có tiêu chí con nên không được ghi điểm tối đa (điểm tối đa là tổng của các tiêu chí con).")
            }
            if node.step != nil {
                throw ScoringTableError(code: code, message:
                    "Tiêu chí \(code) có tiêu chí con nên không được ghi bước chấm điểm.")
            }
            for child in node.children {
                try validate(child, seen: &seen)
            }
        }
    }

    private static func validate(_ item: PenaltyItem, seen: inout Set<String>) throws(ScoringTableError) {
        let code = item.code
        if RuleSet.isBlank(code) {
            throw ScoringTableError(code: nil, message: "Mục điểm trừ “\(item.title)” chưa có mã.")
        }
        if !seen.insert(code).inserted {
            throw ScoringTableError(code: code, message: "Mã “\(code)” của mục điểm trừ bị trùng.")
        }
        if RuleSet.isBlank(item.title) {
            throw ScoringTableError(code: code, message: "Mục điểm trừ \(code) chưa có nội dung.")
        }
        if RuleSet.isBlank(item.kind) {
            throw ScoringTableError(code: code, message: "Mục điểm trừ \(code) chưa có loại.")
        }
        if item.points.isNaN || item.points <= 0 {
            throw ScoringTableError(code: code, message: "Số điểm trừ của mục \(code) phải lớn hơn 0.")
        }
    }
}
