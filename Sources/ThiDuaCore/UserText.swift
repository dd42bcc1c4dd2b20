import Foundation

/// Text typed by people, made safe to store, compare and print: one Unicode form (NFC), no characters that
/// hide or reorder what the reader sees. "Sở Tài chính" typed on a Mac (NFD) and on Windows (NFC) is then one
/// name, and a bidi override cannot make a unit's name read differently in a document than on screen.
public enum UserText {
    public enum Problem: Error, Equatable, Sendable {
        case empty
        /// NUL and other C0/C1 controls (a line break too, in a one-line field).
        case controlCharacter
        /// Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, marks).
        case bidiControl
    }

    /// Zero-width and soft-hyphen characters come with copy and paste from Word and web pages; they are dropped
    /// rather than refused, so a pasted name works, and a name made only of them is empty.
    static let invisible: Set<Unicode.Scalar> = ["\u{200B}", "\u{200C}", "\u{200D}", "\u{2060}", "\u{FEFF}", "\u{00AD}"]
    static let bidi: Set<Unicode.Scalar> = [
        "\u{061C}", "\u{200E}", "\u{200F}", "\u{202A}", "\u{202B}", "\u{202C}", "\u{202D}", "\u{202E}",
        "\u{2066}", "\u{2067}", "\u{2068}", "\u{2069}",
    ]

    /// The cleaned text, trimmed. A one-line field also has its runs of spaces (no-break spaces included)
    /// collapsed to one, so "Sở  Tài chính" and "Sở Tài chính" are the same name.
    public static func clean(_ raw: String, multiline: Bool) -> Result<String, Problem> {
        var scalars = String.UnicodeScalarView()
        for scalar in raw.precomposedStringWithCanonicalMapping.unicodeScalars {
            if invisible.contains(scalar) { continue }
            if bidi.contains(scalar) { return .failure(.bidiControl) }
            if scalar.properties.generalCategory == .control {
                guard multiline, ["\n", "\r", "\t"].contains(scalar) else { return .failure(.controlCharacter) }
            }
            scalars.append(scalar)
        }
        var text = String(scalars)
        if !multiline {
            text = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? .failure(.empty) : .success(text)
    }

    /// The key under which two names are the same name: cleaned and lower-cased (diacritics kept, since
    /// "Sở Tài chính" and "Sở Tài chinh" could be two units).
    public static func nameKey(_ name: String) -> String {
        ((try? clean(name, multiline: false).get()) ?? name).lowercased()
    }
}
