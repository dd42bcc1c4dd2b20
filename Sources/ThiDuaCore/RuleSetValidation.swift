import Foundation

extension RuleSet {
    /// Semantic checks beyond the JSON shape; the first problem found is thrown, naming its field.
    public func validate() throws(RuleSetError) {
        func fail(_ field: String, _ message: String) -> RuleSetError {
            RuleSetError(field: field, message: message)
        }
        guard schemaVersion == Self.currentSchemaVersion else {
            throw fail("schemaVersion", Self.schemaVersionMessage)
        }
        if key.isEmpty { throw fail("key", Self.emptyMessage) }
        if !key.utf8.allSatisfy(Self.isKeyByte) {
            throw fail("key", "chỉ được dùng chữ thường không dấu (a–z), chữ số và dấu gạch ngang")
        }
        if Self.isBlank(version) { throw fail("version", Self.emptyMessage) }
        if Self.isBlank(name) { throw fail("name", Self.emptyMessage) }
        for (i, text) in legalBasis.enumerated() where Self.isBlank(text) {
            throw fail("legalBasis[\(i)]", Self.emptyMessage)
        }
        try validateVoting()
        try validateRanking()
        if gracePeriodMinutes < 0 { throw fail("gracePeriodMinutes", "không được là số âm") }
        try validateDays()
        try validateDeadlines()
    }

    private func validateVoting() throws(RuleSetError) {
        switch flagQuota {
        case .absolute(let count) where count < 1:
            throw RuleSetError(field: "flagQuota.count", message: "số cờ phải là số nguyên dương")
        case .share(let fraction, _) where !(fraction > 0 && fraction <= 1):
            throw RuleSetError(field: "flagQuota.fraction", message: "tỷ lệ phải lớn hơn 0 và không quá 1")
        default: break
        }
        let fraction = voteThreshold.fraction
        guard fraction >= 0 && fraction <= 1 else {
            throw RuleSetError(field: "voteThreshold.fraction", message: "tỷ lệ phiếu phải từ 0 đến 1")
        }
        if voteThreshold.comparison == .moreThan && fraction == 1 {
            throw RuleSetError(field: "voteThreshold.fraction", message: "không thể đạt “trên 100%” số phiếu")
        }
        if let minimum = eligibility.minimumTotal, !(minimum.isFinite && minimum >= 0) {
            throw RuleSetError(field: "eligibility.minimumTotal", message: "phải là số không âm")
        }
        if let rank = eligibility.maximumRank, rank < 1 {
            throw RuleSetError(field: "eligibility.maximumRank", message: "thứ hạng phải từ 1 trở lên")
        }
        try Self.checkUnique(eligibility.excludedPenaltyKinds, field: "eligibility.excludedPenaltyKinds")
    }

    private func validateRanking() throws(RuleSetError) {
        for (i, rule) in tieBreaks.enumerated() {
            if tieBreaks[..<i].contains(rule) {
                throw RuleSetError(field: "tieBreaks[\(i)]", message: "tiêu chí “\(rule.rawValue)” bị lặp lại")
            }
            if rule == .sharedRank && i != tieBreaks.count - 1 {
                throw RuleSetError(field: "tieBreaks[\(i)]", message: "sharedRank (đồng hạng) phải đứng cuối danh sách")
            }
        }
        if classificationBands.isEmpty {
            throw RuleSetError(field: "classificationBands", message: "cần ít nhất một mức xếp loại")
        }
        try Self.checkUnique(classificationBands.map(\.label), field: "classificationBands", member: "label")
        for (i, band) in classificationBands.enumerated() {
            let field = "classificationBands[\(i)].minimumTotal"
            guard band.minimumTotal.isFinite else { throw RuleSetError(field: field, message: "phải là một số") }
            if i > 0, band.minimumTotal >= classificationBands[i - 1].minimumTotal {
                let previous = classificationBands[i - 1]
                throw RuleSetError(field: field, message:
                    "các mức phải giảm dần: phải nhỏ hơn mức “\(previous.label)” (\(Self.number(previous.minimumTotal)))")
            }
        }
        if !(0...4).contains(rounding.decimals) {
            throw RuleSetError(field: "rounding.decimals", message: "số chữ số thập phân phải từ 0 đến 4")
        }
    }

    private func validateDays() throws(RuleSetError) {
        for (name, days) in [("holidays", holidays), ("makeUpWorkingDays", makeUpWorkingDays)] {
            for (i, day) in days.enumerated() {
                let field = "\(name)[\(i)]"
                if !day.isValid { throw RuleSetError(field: field, message: "ngày \(day.iso) không hợp lệ") }
                if days[..<i].contains(day) {
                    throw RuleSetError(field: field, message: "ngày \(VietnameseDate.short(day)) bị trùng")
                }
            }
        }
        let holidaySet = Set(holidays)
        for (i, day) in makeUpWorkingDays.enumerated() {
            if holidaySet.contains(day) {
                throw RuleSetError(field: "makeUpWorkingDays[\(i)]", message: "ngày này đã là ngày nghỉ trong holidays")
            }
            if day.weekdayIndex != 0 && day.weekdayIndex != 6 {
                throw RuleSetError(field: "makeUpWorkingDays[\(i)]", message: "ngày làm bù phải là thứ Bảy hoặc Chủ nhật")
            }
        }
    }

    /// Characters allowed in `key`.
    private static func isKeyByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
    }

    static let emptyMessage = "không được để trống"

    static func isBlank(_ text: String) -> Bool {
        text.allSatisfy(\.isWhitespace)
    }

    /// Each entry non-blank and unique; `member` names the sub-field of array elements, if any.
    static func checkUnique(_ values: [String], field: String, member: String? = nil) throws(RuleSetError) {
        var seen: Set<String> = []
        for (i, value) in values.enumerated() {
            let path = "\(field)[\(i)]" + (member.map { ".\($0)" } ?? "")
            if isBlank(value) { throw RuleSetError(field: path, message: emptyMessage) }
            if !seen.insert(value).inserted {
                throw RuleSetError(field: path, message: "giá trị “\(value)” bị trùng")
            }
        }
    }

    /// 90 → "90", 92.5 → "92.5": bands are shown as people write them.
    static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
