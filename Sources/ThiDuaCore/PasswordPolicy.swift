import Foundation

/// Which passwords may be set, after NIST SP 800-63B-4 § 3.1.1.2 for a password that is the only factor:
/// a length floor, no composition rules, and a refusal of passwords that attackers try first.
public enum PasswordPolicy {
    /// Characters, not bytes: "mật khẩu" counts 8, as its owner counts it.
    public static let minimumLength = 15
    /// Long passphrases are welcome (the guideline asks for at least 64 characters); this only bounds the work.
    public static let maximumLength = 256

    public enum Refusal: Equatable, Sendable {
        case tooShort(minimum: Int)
        case tooLong(maximum: Int)
        /// On the shipped list of common and breached passwords, or one of them repeated or with digits added.
        case common
        /// One character or a short run repeated ("aaaa…", "abcabc…"), or a keyboard or number sequence.
        case repetitive
        /// Holds the account's own username or the product's name, the first words a guesser tries.
        case contextual
    }

    /// Why `password` may not be set, or nil when it may. `common` holds lower-cased entries.
    public static func refusal(_ password: String, username: String, common: Set<String>) -> Refusal? {
        let length = password.count
        if length < minimumLength { return .tooShort(minimum: minimumLength) }
        if length > maximumLength { return .tooLong(maximum: maximumLength) }
        let folded = password.lowercased()
        let compact = String(folded.filter { !$0.isWhitespace })
        if isRepetitive(compact) || isSequence(compact) { return .repetitive }
        // Entries are compared without their spaces too: "mật khẩu mật khẩu" repeats the entry "mật khẩu".
        let compactCommon = Set(common.map { String($0.filter { !$0.isWhitespace }) })
        if isCommon(compact, compactCommon) || isCommon(folded, common) { return .common }
        let name = username.lowercased()
        if (name.count >= 4 && compact.contains(name)) || compact.contains("thidua") || compact.contains("thiđua") {
            return .contextual
        }
        return nil
    }

    /// A whole made of one unit of at most 4 characters.
    static func isRepetitive(_ text: String) -> Bool {
        let chars = Array(text)
        guard !chars.isEmpty else { return true }
        for period in 1...min(4, chars.count) where chars.count % period == 0 || chars.count > period * 3 {
            if chars.indices.allSatisfy({ chars[$0] == chars[$0 % period] }) { return true }
        }
        return false
    }

    /// Ascending or descending runs of digits, letters or keyboard rows ("123456789012345", "qwertyuiop…").
    static func isSequence(_ text: String) -> Bool {
        let rows = ["01234567890123456789", "abcdefghijklmnopqrstuvwxyz", "qwertyuiopasdfghjklzxcvbnm", "1qaz2wsx3edc4rfv5tgb6yhn7ujm"]
        return rows.contains { row in
            let doubled = row + row
            return doubled.contains(text) || String(doubled.reversed()).contains(text)
        }
    }

    /// The entry itself, repeated, or followed by digits and symbols ("passwordpassword", "iloveyou2024!!!").
    static func isCommon(_ text: String, _ common: Set<String>) -> Bool {
        if common.contains(text) { return true }
        let stem = String(text.reversed().drop { !$0.isLetter }.reversed())
        if stem.count >= 4, common.contains(stem) { return true }
        for entry in [text, stem] where !entry.isEmpty {
            let chars = Array(entry)
            for period in 4...max(4, chars.count / 2) where chars.count % period == 0 && period < chars.count {
                let unit = String(chars[0..<period])
                if common.contains(unit), String(repeating: unit, count: chars.count / period) == entry { return true }
            }
        }
        return false
    }
}
