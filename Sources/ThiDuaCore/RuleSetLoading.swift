import Foundation

extension RuleSet {
    /// Parses and validates a rule set; malformed JSON is reported on field "$".
    public static func decode(_ data: Data) throws(RuleSetError) -> RuleSet {
        let ruleSet = try read(data)
        try ruleSet.validate()
        return ruleSet
    }

    /// The document as read, not yet validated: an error here means the JSON cannot be read as a rule set
    /// (syntax, a missing field, a wrong type, an unknown value), which a server answers differently (400)
    /// from a rule set that reads but breaks a rule (422).
    public static func read(_ data: Data) throws(RuleSetError) -> RuleSet {
        do {
            return try JSONDecoder().decode(RuleSet.self, from: data)
        } catch let error as DecodingError {
            throw RuleSetError(decoding: error)
        } catch {
            throw RuleSetError(field: "$", message: "JSON không hợp lệ")
        }
    }

    /// Pretty-printed JSON with sorted keys, so stored rule sets diff cleanly.
    /// Empty only if a number is not finite, which `validate()` rejects.
    public func encodedJSON() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data()
    }
}

extension RuleSetError {
    /// Translates Foundation's decoding error into a field path and a Vietnamese message.
    init(decoding error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            self.init(field: Self.path(context.codingPath + [key]), message: "thiếu trường bắt buộc")
        case .valueNotFound(_, let context):
            self.init(field: Self.path(context.codingPath), message: "thiếu giá trị (không được là null)")
        case .typeMismatch(let type, let context):
            self.init(field: Self.path(context.codingPath), message: "sai kiểu dữ liệu" + Self.expected(type))
        case .dataCorrupted(let context):
            if let issue = context.underlyingError as? FieldIssue {
                self.init(field: Self.path(context.codingPath), message: issue.message)
            } else if context.codingPath.isEmpty {
                self.init(field: "$", message: "JSON không hợp lệ")
            } else {
                self.init(field: Self.path(context.codingPath), message: "giá trị không hợp lệ")
            }
        @unknown default:
            self.init(field: "$", message: "JSON không hợp lệ")
        }
    }

    /// `[flagQuota, kind]` → "flagQuota.kind"; array positions become "[2]"; empty → "$".
    static func path(_ keys: [any CodingKey]) -> String {
        var result = ""
        for key in keys {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                result += result.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return result.isEmpty ? "$" : result
    }

    private static func expected(_ type: Any.Type) -> String {
        if type == String.self { return " (cần chuỗi ký tự)" }
        if type == Int.self { return " (cần số nguyên)" }
        if type == Double.self { return " (cần số)" }
        if type == Bool.self { return " (cần true hoặc false)" }
        let name = String(describing: type)
        if name.hasPrefix("Array") || name.hasPrefix("[") && !name.contains(":") {
            return " (cần danh sách)"
        }
        if name.hasPrefix("Dictionary") || name.hasPrefix("[") { return " (cần đối tượng)" }
        return ""
    }
}
