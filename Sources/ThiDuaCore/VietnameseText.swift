import Foundation

/// Search folding and dictionary ordering for Vietnamese text.
public enum VietnameseText: Sendable {
    /// Lowercase, strip diacritics, đ→d: "Lào Cai" → "lao cai". Accepts NFC or NFD input.
    public static func fold(_ s: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in s.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            // Đ has no decomposition; U+00D0/U+00F0 (eth) is a common look-alike typo for it.
            switch scalar.value {
            case 0x0111, 0x0110, 0x00F0, 0x00D0: scalars.append("d")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// Whether the folded `haystack` contains the folded `query`; runs of whitespace count as
    /// one space and a blank query matches everything.
    public static func matches(_ haystack: String, query: String) -> Bool {
        let needle = squeeze(fold(query))
        return needle.isEmpty || squeeze(fold(haystack)).contains(needle)
    }

    /// Vietnamese collation "a < b": letters in the order a ă â b c d đ e ê … o ô ơ … u ư …;
    /// tones are secondary (ngang, huyền, hỏi, ngã, sắc, nặng, as in Hoàng Phê's dictionary);
    /// lowercase sorts before uppercase when all else is equal.
    public static func compare(_ a: String, _ b: String) -> Bool {
        if a == b { return false }
        return precedes(CollationKey(a), a, CollationKey(b), b)
    }

    /// `items` in `compare` order of `name`, with each collation key computed once instead of once per
    /// comparison: the same order, for lists of hundreds of units.
    public static func sorted<T>(_ items: [T], by name: (T) -> String) -> [T] {
        items.map { item in let text = name(item); return (CollationKey(text), text, item) }
            .sorted { $0.1 != $1.1 && precedes($0.0, $0.1, $1.0, $1.1) }
            .map(\.2)
    }

    private static func precedes(_ left: CollationKey, _ a: String, _ right: CollationKey, _ b: String) -> Bool {
        if left.primary != right.primary { return left.primary.lexicographicallyPrecedes(right.primary) }
        if left.tones != right.tones { return left.tones.lexicographicallyPrecedes(right.tones) }
        if left.cases != right.cases { return left.cases.lexicographicallyPrecedes(right.cases) }
        // Last resort keeps the order total for strings that differ only in ignored marks.
        return Array(a.unicodeScalars.map(\.value)).lexicographicallyPrecedes(b.unicodeScalars.map(\.value))
    }

    private static func squeeze(_ s: String) -> String {
        s.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}

/// Per-character weights for `VietnameseText.compare`, from the NFD form of the string.
private struct CollationKey {
    var primary: [Int] = []
    var tones: [Int] = []
    var cases: [Int] = []

    /// Base letter plus vowel-changing mark (breve, circumflex, horn) → position in the alphabet.
    private static let alphabet: [String: Int] = {
        let letters = ["a", "a\u{306}", "a\u{302}", "b", "c", "d", "đ", "e", "e\u{302}", "f", "g", "h",
                       "i", "j", "k", "l", "m", "n", "o", "o\u{302}", "o\u{31B}", "p", "q", "r", "s", "t",
                       "u", "u\u{31B}", "v", "w", "x", "y", "z"]
        var table: [String: Int] = [:]
        for (i, letter) in letters.enumerated() { table[letter] = i }
        return table
    }()

    /// huyền, hỏi, ngã, sắc, nặng → 1…5; no mark (ngang) is 0.
    private static let toneMarks: [UInt32: Int] = [0x300: 1, 0x309: 2, 0x303: 3, 0x301: 4, 0x323: 5]
    private static let vowelMarks: Set<UInt32> = [0x306, 0x302, 0x31B]

    init(_ text: String) {
        var base: Unicode.Scalar?
        var modifier: Unicode.Scalar?
        var tone = 0
        func flush() {
            guard let scalar = base else { return }
            let lower = Unicode.Scalar(scalar.properties.lowercaseMapping.unicodeScalars.first!.value)!
            var letter = String(lower)
            if let modifier { letter.unicodeScalars.append(modifier) }
            primary.append(Self.weight(lower, letter: letter))
            tones.append(tone)
            cases.append(scalar.properties.isUppercase ? 1 : 0)
        }
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if let mark = Self.toneMarks[scalar.value], base != nil {
                tone = mark
            } else if Self.vowelMarks.contains(scalar.value), base != nil, modifier == nil {
                modifier = scalar
            } else if scalar.properties.generalCategory == .nonspacingMark, base != nil {
                continue  // other accents: ignored, as for foreign names
            } else {
                flush()
                base = scalar
                modifier = nil
                tone = 0
            }
        }
        flush()
    }

    /// Whitespace < punctuation < digits < letters (Vietnamese order) < other scripts.
    private static func weight(_ lower: Unicode.Scalar, letter: String) -> Int {
        if lower.properties.isWhitespace { return 0 }
        if ("0"..."9").contains(lower) { return 200 + Int(lower.value) - 0x30 }
        if let position = alphabet[letter] ?? alphabet[String(lower)] { return 300 + position }
        if lower.value < 0x80 { return 1 + Int(lower.value) }
        return 1000 + Int(lower.value)
    }
}
