import Foundation

/// Checks on uploaded files by their content, never by their name or the browser's Content-Type.
public enum FileInspector: Sendable {
    /// PDFs above this are not scanned for pages (the whole file is read into memory to do so).
    static let maxPDFScanBytes = 512 << 20
    /// A ZIP-based upload whose entries declare more than this in total is not inflated to check it.
    static let maxZipInflatedBytes: UInt64 = 4 << 30

    /// Detects the kind from the file on disk (reads the first bytes; for ZIP opens the archive and looks for
    /// "[Content_Types].xml" plus "word/document.xml" (docx) or "xl/workbook.xml" (xlsx)); a corrupt
    /// ZIP-like file → `.unknown`. Macro-enabled Office files (.docm, .xlsm) are reported as `.zip`.
    public static func kind(of url: URL) -> FileKind {
        guard let head = try? head(of: url, count: 1024) else { return .unknown }
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return zipKind(url)
        }
        // Readers accept the header anywhere in the first 1024 bytes (ISO 32000-1 annex H).
        if pdfHeader(in: head) { return .pdf }
        return .unknown
    }

    /// How far a ZIP-based file's entries say they inflate: checked before any inflating, because checking an
    /// entry's CRC means inflating it, and 1 MB of deflated zeros is 1 GB of work.
    public enum InflationRefusal: Equatable, Sendable {
        /// The entries declare more than the caller's budget in total.
        case tooLarge(declared: UInt64, limit: UInt64)
        /// Real Office files compress 2–20 times; hundreds of times is a bomb, whatever its total.
        case ratio(Int)
    }

    public static let maxInflationRatio: UInt64 = 100

    /// Nil when the file is not a readable ZIP (other checks refuse it) or inflates within bounds.
    public static func inflationRefusal(of url: URL, maxInflatedBytes: UInt64) -> InflationRefusal? {
        guard let zip = ZipReader(url: url) else { return nil }
        defer { zip.close() }
        let declared = zip.entries.reduce(UInt64(0)) { $0.addingReportingOverflow($1.uncompressedSize).partialValue }
        if declared > maxInflatedBytes { return .tooLarge(declared: declared, limit: maxInflatedBytes) }
        // Small files are exempt: a 2 KB part of repeated XML can legitimately inflate 200 times.
        let size = max(zip.fileSize, 1)
        if declared > 1 << 20, declared / size > maxInflationRatio { return .ratio(Int(declared / size)) }
        return nil
    }

    /// Page count of a PDF, or nil if it cannot be determined: not a PDF, truncated (no "%%EOF" near
    /// the end), or no page tree to be found. Handles classic files and PDF 1.5+ object streams.
    public static func pdfPageCount(of url: URL) -> Int? {
        guard isComplete(url, kind: .pdf),
              let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int,
              size <= maxPDFScanBytes,
              let data = try? Data(contentsOf: url, options: .mappedIfSafe) else { return nil }
        return PDFObjects(bytes: [UInt8](data)).pageCount()
    }

    /// True when the file is structurally complete for its kind: PDF has "%%EOF" near the end; ZIP-based
    /// opens and every entry's CRC checks; PNG ends with IEND; JPEG ends with FFD9. The start of the file
    /// must match the kind too. `.unknown` is never complete: there is nothing to check it against.
    public static func isComplete(_ url: URL, kind: FileKind) -> Bool {
        guard let head = try? head(of: url, count: 1024), let tail = try? tail(of: url, count: 1024) else {
            return false
        }
        switch kind {
        case .pdf:
            // "%%EOF" may be followed by a line end or a little padding, hence the 1024-byte window.
            return pdfHeader(in: head) && tail.firstRange(of: Array("%%EOF".utf8)) != nil
                && linearizedLengthFits(head: head, url: url)
        case .png:
            let iend: [UInt8] = [0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]
            return head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) && tail.suffix(12).elementsEqual(iend)
        case .jpeg:
            // Some cameras and scanners pad after the end marker with zeros or line ends.
            let trimmed = tail.reversed().drop { $0 == 0 || $0 == 10 || $0 == 13 || $0 == 32 }
            return head.starts(with: [0xFF, 0xD8, 0xFF]) && Array(trimmed.prefix(2)) == [0xD9, 0xFF]
        case .docx, .xlsx, .zip:
            return zipIsComplete(url, kind: kind)
        case .unknown:
            return false
        }
    }

    private static func zipKind(_ url: URL) -> FileKind {
        guard let zip = ZipReader(url: url) else { return .unknown }
        defer { zip.close() }
        guard let types = zip["[Content_Types].xml"] else { return .zip }
        // The content types name the main part authoritatively; a .docm/.xlsm says "macroEnabled" there.
        if let xml = zip.contents(of: types, limit: 1 << 20).map({ String(decoding: $0, as: UTF8.self) }) {
            if xml.contains("macroEnabled") { return .zip }
            if xml.contains("wordprocessingml.document.main+xml") { return .docx }
            if xml.contains("spreadsheetml.sheet.main+xml") { return .xlsx }
        }
        if zip["word/document.xml"] != nil { return .docx }
        if zip["xl/workbook.xml"] != nil { return .xlsx }
        return .zip
    }

    private static func zipIsComplete(_ url: URL, kind: FileKind) -> Bool {
        guard let zip = ZipReader(url: url) else { return false }
        defer { zip.close() }
        let declared = zip.entries.reduce(UInt64(0)) { $0 &+ $1.uncompressedSize }
        guard declared <= maxZipInflatedBytes else { return false }
        if kind != .zip, zipKind(url) != kind { return false }
        return zip.entries.allSatisfy { zip.verify($0) }
    }

    /// A linearized ("fast web view") PDF has a first "%%EOF" within its first few kilobytes, so a download
    /// cut short after it would pass the tail check; its linearization dictionary's /L gives the full length.
    private static func linearizedLengthFits(head: [UInt8], url: URL) -> Bool {
        guard let open = head.firstRange(of: Array("<<".utf8)) else { return true }
        var parser = PDFParser(head, at: open.lowerBound)
        guard let dict = parser.parseValue()?.dict, dict["Linearized"] != nil, let length = dict["L"]?.int,
              let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int else { return true }
        // Incremental updates appended later make the file longer than /L, never shorter.
        return size >= length
    }

    private static func pdfHeader(in head: [UInt8]) -> Bool {
        head.firstRange(of: Array("%PDF-".utf8)) != nil
    }

    static func head(of url: URL, count: Int) throws -> [UInt8] {
        let file = try FileHandle(forReadingFrom: url)
        defer { try? file.close() }
        return [UInt8](try file.read(upToCount: count) ?? Data())
    }

    static func tail(of url: URL, count: Int) throws -> [UInt8] {
        let file = try FileHandle(forReadingFrom: url)
        defer { try? file.close() }
        let size = try file.seekToEnd()
        try file.seek(toOffset: size - min(size, UInt64(count)))
        return [UInt8](try file.read(upToCount: count) ?? Data())
    }
}
