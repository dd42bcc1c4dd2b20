import Foundation

extension ICalendar {
    /// RFC 5545 §3.3.11 TEXT: backslash, semicolon and comma escaped, every line end (CRLF,
    /// CR or LF) as "\n"; other control characters except tab dropped. NFC, so a folded line
    /// shows the same letters in every reader.
    public static func escape(_ text: String) -> String {
        var out = ""
        var previousWasCR = false
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\r": out += "\\n"
            case "\n": if !previousWasCR { out += "\\n" }
            case "\t": out.unicodeScalars.append(scalar)
            default:
                if scalar.properties.generalCategory == .control { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// RFC 5545 §3.1: a content line longer than 75 octets continues on lines that start
    /// with one space (which counts towards their 75). Cuts fall between characters (grapheme
    /// clusters), or between Unicode scalars inside a cluster too long for a line, so the UTF-8
    /// of every physical line stays valid. Returns the physical lines joined by CRLF.
    public static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = "", width = 0
        func put(_ piece: String) {
            let size = piece.utf8.count
            if width + size > 75 {
                out += "\r\n "
                width = 1
            }
            out += piece
            width += size
        }
        for character in line {
            let piece = String(character)
            if piece.utf8.count <= 74 {
                put(piece)
            } else {
                for scalar in piece.unicodeScalars { put(String(scalar)) }
            }
        }
        return out
    }

    /// "20231210T020000Z": `date` in UTC, whole seconds.
    public static func utcStamp(_ date: Date) -> String {
        stamp(seconds: wholeSeconds(date)) + "Z"
    }

    /// "20231219T235959": the wall-clock time in Asia/Ho_Chi_Minh (+07:00, no DST since 1975).
    public static func localStamp(_ date: Date) -> String {
        stamp(seconds: wholeSeconds(date) + 7 * 3600)
    }

    static func wholeSeconds(_ date: Date) -> Int {
        Int(date.timeIntervalSince1970.rounded(.down))
    }

    private static func stamp(seconds: Int) -> String {
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let rest = seconds - days * 86_400
        let d = LocalDate(dayNumber: days)
        func pad(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(d.year, 4) + pad(d.month, 2) + pad(d.day, 2) + "T"
            + pad(rest / 3600, 2) + pad(rest / 60 % 60, 2) + pad(rest % 60, 2)
    }
}
