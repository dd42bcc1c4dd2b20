import Foundation

/// String-backed enums in rule sets decode through this so that a wrong value is reported
/// with the list of allowed values (Foundation's own message names only the Swift type).
protocol DecodableChoice: RawRepresentable, CaseIterable, Decodable where RawValue == String {}

extension DecodableChoice {
    static func decodeChoice(from decoder: Decoder) throws -> Self {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        if let value = Self(rawValue: raw) { return value }
        throw DecodingError.dataCorrupted(DecodingError.Context(
            codingPath: decoder.codingPath,
            debugDescription: "Invalid value \(raw)",
            underlyingError: FieldIssue(invalidChoiceMessage(raw))
        ))
    }

    static var allowedList: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }

    static func invalidChoiceMessage(_ raw: String) -> String {
        "giá trị “\(raw)” không hợp lệ; các giá trị cho phép: \(allowedList)"
    }
}

extension KeyedDecodingContainer {
    /// Decodes an integer through `Double`: Foundation's JSONDecoder reports `1.5` for an `Int`
    /// as "not valid JSON" with an empty path, which would hide the field's name.
    func decodeWholeNumber(forKey key: Key) throws -> Int {
        let value: Double
        do {
            value = try decode(Double.self, forKey: key)
        } catch DecodingError.typeMismatch(_, let context) {
            throw DecodingError.typeMismatch(Int.self, context)
        }
        guard value.rounded() == value, abs(value) <= 1e15 else {
            throw DecodingError.dataCorrupted(DecodingError.Context(
                codingPath: codingPath + [key],
                debugDescription: "Not a whole number",
                underlyingError: FieldIssue("cần một số nguyên")
            ))
        }
        return Int(value)
    }

    func decodeWholeNumberIfPresent(forKey key: Key) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        return try decodeWholeNumber(forKey: key)
    }

    /// A rule-set-level problem found while decoding, reported under `key`'s path.
    func issue(_ key: Key, _ message: String) -> DecodingError {
        DecodingError.dataCorrupted(DecodingError.Context(
            codingPath: codingPath + [key],
            debugDescription: message,
            underlyingError: FieldIssue(message)
        ))
    }
}
