import Foundation

/// Why an uploaded file name was refused; `message` is shown to the user as is.
public struct FileNameError: Error, Equatable, Sendable {
    public var message: String
    public init(message: String) { self.message = message }
}

/// Uploaded-file names made safe to store and show.
public enum FileName: Sendable {
    /// Longest stored name in UTF-8 bytes: well under the 255-byte limit of common file systems,
    /// leaving room for a prefix the server may add.
    public static let maxBytes = 200

    /// NFC-normalises (Vietnamese typed on macOS arrives as NFD), strips control characters and
    /// leading/trailing dots and spaces, keeps only the last path component (no "/" or "\\"),
    /// refuses "", ".", ".." and names containing "../" or "..\\" with `FileNameError`,
    /// limits to 200 UTF-8 bytes keeping the extension.
    public static func sanitize(_ raw: String) throws(FileNameError) -> String {
        let name = raw.precomposedStringWithCanonicalMapping
        if name.contains("../") || name.contains("..\\") {
            throw FileNameError(message: "Tên tệp không hợp lệ: không được chứa “../”.")
        }
        // Old browsers send the client's full path ("C:\Users\…\báo cáo.pdf"): only the last part is the name.
        let last = name.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "/" || $0 == "\\" }).last ?? ""
        var scalars = String.UnicodeScalarView()
        for scalar in last.unicodeScalars where !isInvisibleControl(scalar) { scalars.append(scalar) }
        let trimmed = trimDotsAndSpaces(String(scalars))
        if trimmed.isEmpty {
            throw FileNameError(message: "Tên tệp trống hoặc không hợp lệ.")
        }
        return truncate(trimmed, maxBytes: maxBytes)
    }

    /// ASCII-only for ZIP entries: Vietnamese folded ("Báo cáo Đợt 1.pdf" → "Bao-cao-Dot-1.pdf"), spaces → "-",
    /// only [A-Za-z0-9._-]. Anything else becomes "-", runs of "-" collapse; a name with nothing left becomes "tep".
    public static func ascii(_ name: String) -> String {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        var stem = Substring(trimmed), ext = ""
        // The extension is folded apart so that "文件.pdf" keeps ".pdf" when its stem folds to nothing.
        if let dot = trimmed.lastIndex(of: "."), dot != trimmed.startIndex {
            let folded = fold(trimmed[trimmed.index(after: dot)...])
            if !folded.isEmpty, folded.count <= 16, folded.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                stem = trimmed[..<dot]
                ext = folded
            }
        }
        var out = fold(stem)
        // "Tờ trình (bản cuối)" should end "ban-cuoi", not "ban-cuoi-".
        while out.contains("-.") { out = out.replacingOccurrences(of: "-.", with: ".") }
        while out.contains(".-") { out = out.replacingOccurrences(of: ".-", with: ".") }
        // A leading "." hides the file on Unix and a leading "-" reads as an option to shell tools.
        while let first = out.first, first == "." || first == "-" { out.removeFirst() }
        while let last = out.last, last == "-" || last == "." { out.removeLast() }
        if out.isEmpty { out = "tep" }
        return truncate(ext.isEmpty ? out : out + "." + ext, maxBytes: maxBytes)
    }

    /// Strips marks, maps Đ/đ to D/d, keeps [A-Za-z0-9._] and turns every run of anything else into one "-".
    private static func fold(_ text: Substring) -> String {
        var out = ""
        for scalar in String(text).decomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            switch scalar.value {
            case 0x0110, 0x00D0: out.append("D")  // Đ has no decomposition; Ð is its common look-alike
            case 0x0111, 0x00F0: out.append("d")
            case 0x30...0x39, 0x41...0x5A, 0x61...0x7A, 0x2E, 0x5F: out.unicodeScalars.append(scalar)
            default: if !out.hasSuffix("-") { out.append("-") }
            }
        }
        return out
    }

    /// Lowercased extension without the dot, "" if none ("Kế hoạch.PDF" → "pdf", ".bashrc" → "").
    public static func fileExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        let ext = name[name.index(after: dot)...]
        if ext.contains("/") || ext.contains("\\") { return "" }
        return ext.lowercased()
    }

    /// C0/C1 controls plus the invisible format characters used to disguise names:
    /// a right-to-left override turns "hoadon\u{202E}fdp.exe" into what looks like "hoadonexe.pdf".
    static func isInvisibleControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x200B...0x200F, 0x202A...0x202E, 0x2066...0x2069, 0x061C, 0xFEFF: return true
        default: return false
        }
    }

    private static func trimDotsAndSpaces(_ s: String) -> String {
        var text = Substring(s)
        while let first = text.first, first == "." || first.isWhitespace { text.removeFirst() }
        while let last = text.last, last == "." || last.isWhitespace { text.removeLast() }
        return String(text)
    }

    /// Cuts the stem on a character boundary so that stem + "." + extension fits in `maxBytes`.
    /// An "extension" over 16 bytes is most likely part of the name, so the whole name is cut instead.
    static func truncate(_ name: String, maxBytes: Int) -> String {
        guard name.utf8.count > maxBytes else { return name }
        var stem = name, suffix = ""
        if let dot = name.lastIndex(of: "."), dot != name.startIndex, name.utf8.count - name[..<dot].utf8.count <= 17 {
            stem = String(name[..<dot])
            suffix = String(name[dot...])
        }
        let budget = maxBytes - suffix.utf8.count
        var kept = "", used = 0
        for character in stem {
            let size = character.utf8.count
            if used + size > budget { break }
            kept.append(character)
            used += size
        }
        while let last = kept.last, last == "." || last.isWhitespace { kept.removeLast() }
        return kept + suffix
    }
}
