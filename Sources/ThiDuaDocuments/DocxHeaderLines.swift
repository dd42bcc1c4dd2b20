import Foundation

/// Where the issuing body's name breaks in the header. Word and LibreOffice wrap at the last space that fits, so
/// "KHỐI THI ĐUA CÁC CƠ QUAN TỈNH ỦY" came out as "…CÁC CƠ / QUAN TỈNH ỦY", splitting "cơ quan". A secretary breaks
/// it between word groups instead: "KHỐI THI ĐUA / CÁC CƠ QUAN TỈNH ỦY". Vietnamese writes every syllable apart,
/// so a word group cannot be told from spaces; the break goes before a word that opens a group ("CÁC", "CỦA",
/// an administrative level …) or after a comma, and only where the lines fit the narrowest header column with room to spare.
public enum DocxHeaderLines {
    /// Words a group starts with in names of bodies: a plural, a possessive, an administrative level, a number.
    static let groupStarts: Set<String> = ["CÁC", "CỦA", "VÀ", "TỈNH", "HUYỆN", "THÀNH", "QUẬN", "THỊ", "XÃ", "PHƯỜNG",
                                           "SỐ", "TRỰC", "THUỘC", "KHỐI", "CỤM", "BAN", "SỞ", "PHÒNG", "ĐẢNG"]

    /// The narrowest header column's text width in ems of its font: the State style's 3,571 twips at 12 pt less
    /// the cell's margins is about 13.9 em (the Party style's 4,171 twips at 14 pt is 14.1). A line must fit in
    /// 13 em, so that a font a little wider than Times New Roman still keeps it on one line.
    public static let capacity = 13.0
    /// The landscape score summary's header column (5,600 twips at 14 pt, about 19 em), with the same room.
    public static let landscapeCapacity = 18.0

    /// `name` with line breaks where it should wrap: two lines if two fit, else three; unchanged when it fits,
    /// already has a break, or no breaks between groups make every line fit (the word processor then wraps it).
    public static func broken(_ name: String, capacity: Double = capacity) -> String {
        guard !name.contains("\n"), width(name) > capacity else { return name }
        let words = name.split(separator: " ").map(String.init)
        // A break goes before a word that opens a group, or after a comma ("CÁC SỞ, BAN, NGÀNH / KINH TẾ").
        let starts = words.indices.dropFirst().filter { groupStarts.contains(words[$0]) || words[$0 - 1].hasSuffix(",") }
        var candidates: [[Int]] = starts.map { [$0] }
        candidates += starts.flatMap { first in starts.filter { $0 > first }.map { [first, $0] } }
        var best: (lines: [String], longest: Double)?
        for breaks in candidates {
            let bounds = [0] + breaks + [words.count]
            let lines = zip(bounds, bounds.dropFirst()).map { words[$0..<$1].joined(separator: " ") }
            let longest = lines.map(width).max() ?? 0
            guard longest <= capacity else { continue }
            // Fewer lines first, then the most even.
            if let current = best, (current.lines.count, current.longest) <= (lines.count, longest) { continue }
            best = (lines, longest)
        }
        return best?.lines.joined(separator: "\n") ?? name
    }

    /// Width in ems, from Times New Roman Bold's advance widths (the header's issuer line is bold capitals); a
    /// letter with diacritics is as wide as its base letter, Ơ and Ư a little wider for the horn.
    static func width(_ text: String) -> Double {
        text.reduce(0) { sum, character in sum + advance(character) }
    }

    static let capitals: [Character: Double] = [
        "A": 722, "B": 667, "C": 722, "D": 722, "Đ": 722, "E": 667, "F": 611, "G": 778, "H": 778, "I": 389, "J": 500,
        "K": 778, "L": 667, "M": 944, "N": 722, "O": 778, "P": 611, "Q": 778, "R": 722, "S": 556, "T": 667, "U": 722,
        "V": 722, "W": 1000, "X": 722, "Y": 722, "Z": 667,
    ]

    static func advance(_ character: Character) -> Double {
        if character == " " { return 0.25 }
        if character.isNumber { return 0.5 }
        let base = Character(String(String(character).decomposedStringWithCanonicalMapping.unicodeScalars.first ?? " "))
        let horn = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.contains("\u{031B}") ? 0.05 : 0
        if let width = capitals[base] { return width / 1000 + horn }
        if character == "đ" { return 0.556 }
        return character.isLetter ? 0.556 + horn : 0.333
    }
}
