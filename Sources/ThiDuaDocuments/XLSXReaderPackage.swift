import Foundation

/// Reads the cells of an .xlsx workbook (SpreadsheetML, ECMA-376), whoever wrote it: Excel, LibreOffice,
/// Google Sheets or our own `XLSXWriter`. Hostile input is expected: parts are inflated through `ZipReader`
/// (never ZIPFoundation's `extract`, which can hang on a truncated entry on Linux), only the parts needed
/// are inflated, and their total size is bounded, so a ZIP bomb is refused without filling memory.
///
/// The work is synchronous and CPU-bound; a server should run it off its event loops.
public enum XLSXReader {
    public static let defaultMaxInflatedBytes = 50 << 20
    /// The largest part the XML parser reads: libxml2, under Foundation's XMLParser, stops a document pushed
    /// in one piece at 10,000,000 bytes (XML_MAX_LOOKUP_LIMIT) and reports it as malformed. About 200,000
    /// short rows; a scoring table has a few hundred.
    public static let maxPartBytes = 10_000_000
    /// Stored cells over all sheets; a 50 MB sheet of tiny cells would otherwise take a few hundred MB of memory.
    public static let maxCells = 2_000_000

    /// The workbook's worksheets in tab order, named as in workbook.xml (chart sheets are skipped).
    ///
    /// At most `maxInflatedBytes` are inflated in total, which bounds every part too. The sizes the ZIP
    /// directory declares are checked before inflating, and inflating stops past the declared size, so a
    /// directory that lies is caught as well.
    public static func read(_ data: Data, maxInflatedBytes: Int = defaultMaxInflatedBytes) throws(XLSXReadError)
        -> [XLSXReadSheet] {
        try checkSignature(data)
        // ZipReader reads from a file handle, so the bytes go to a private temporary file first.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-xlsx-\(UUID().uuidString).zip")
        do { try data.write(to: url, options: .atomic) } catch {
            throw XLSXReadError("Không ghi được tệp tạm để đọc tệp XLSX: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: url) }
        guard let zip = ZipReader(url: url) else {
            throw XLSXReadError("Tệp XLSX bị hỏng hoặc bị cắt cụt: không đọc được mục lục của tệp nén.")
        }
        defer { zip.close() }
        var package = XLSXPackage(zip: zip, budget: maxInflatedBytes)
        return try package.sheets()
    }

    /// Tells apart the files people upload by mistake: old .xls and password-protected workbooks (both OLE2).
    static func checkSignature(_ data: Data) throws(XLSXReadError) {
        let head = [UInt8](data.prefix(4))
        if head == [0xD0, 0xCF, 0x11, 0xE0] {
            throw XLSXReadError("Đây là tệp Excel 97–2003 (.xls) hoặc tệp Excel có đặt mật khẩu; hãy mở tệp trong Excel, "
                                + "bỏ mật khẩu nếu có và lưu lại dưới dạng “Excel Workbook (.xlsx)”.")
        }
        guard head.count == 4, head[0] == 0x50, head[1] == 0x4B else {
            throw XLSXReadError(data.isEmpty ? "Tệp tải lên trống." : "Tệp không phải bảng tính XLSX (thiếu chữ ký ZIP “PK”).")
        }
    }

    /// "50 MB", or a byte count below 1 MB.
    static func sizeText(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MB" : "\(bytes) byte"
    }
}

/// The parts of one workbook, inflated on demand against a shared budget.
struct XLSXPackage {
    let zip: ZipReader
    let limit: Int
    private(set) var remaining: Int
    private var cellsLeft = XLSXReader.maxCells

    init(zip: ZipReader, budget: Int) {
        self.zip = zip
        self.limit = max(0, budget)
        self.remaining = max(0, budget)
    }

    /// The entry for an OPC part name; ZIP names are compared without case as a fallback, as Excel does.
    func entry(_ path: String) -> ZipReader.Entry? {
        let name = path.hasPrefix("/") ? String(path.dropFirst()) : path
        return zip[name] ?? zip.entries.first { $0.path.lowercased() == name.lowercased() }
    }

    /// The part's bytes, nil when absent.
    mutating func part(_ path: String) throws(XLSXReadError) -> Data? {
        guard let entry = entry(path) else { return nil }
        guard entry.uncompressedSize <= UInt64(remaining) else {
            throw XLSXReadError("Tệp XLSX giải nén vượt quá giới hạn \(XLSXReader.sizeText(limit)) "
                                + "(phần “\(entry.path)”) — có thể là tệp độc hại.")
        }
        // Refused before inflating, by the directory's word; a directory that lies is caught when parsing.
        guard entry.uncompressedSize <= UInt64(XLSXReader.maxPartBytes) else { throw Self.partTooLarge(entry.path, entry.uncompressedSize) }
        guard let data = zip.contents(of: entry, limit: remaining) else {
            throw XLSXReadError("Tệp XLSX bị hỏng: phần “\(entry.path)” bị cắt cụt, sai mã kiểm tra, được mã hóa "
                                + "hoặc dùng kiểu nén không hỗ trợ.")
        }
        remaining -= data.count
        return data
    }

    static func partTooLarge(_ path: String, _ size: UInt64) -> XLSXReadError {
        XLSXReadError("Tệp XLSX quá lớn để đọc: phần “\(path)” giải nén ra \(XLSXReader.sizeText(Int(clamping: size))), "
                      + "vượt giới hạn 10.000.000 byte mỗi phần "
                      + "(khoảng 200.000 dòng). Bảng điểm thường chỉ vài trăm dòng: hãy xóa các dòng thừa, kể cả dòng trống đã định dạng, rồi lưu lại.")
    }

    mutating func sheets() throws(XLSXReadError) -> [XLSXReadSheet] {
        let workbookPath = try workbookPath()
        guard let workbookData = try part(workbookPath) else { throw notWorkbook() }
        let workbook = try XLSXXML.parse(workbookData, part: workbookPath, into: XLSXWorkbookParser())
        let relsPath = Self.relationshipsPath(of: workbookPath)
        let rels = try part(relsPath).map { data throws(XLSXReadError) in
            try XLSXXML.parse(data, part: relsPath, into: XLSXRelationshipsParser()).relationships
        } ?? []
        var strings: [String] = []
        let stringsPath = rels.first { $0.type.hasSuffix("/sharedStrings") }.map { Self.resolve($0.target, from: workbookPath) }
            ?? "xl/sharedStrings.xml"
        if let data = try part(stringsPath) {
            strings = try XLSXXML.parse(data, part: stringsPath, into: XLSXSharedStringsParser()).strings
        }
        var sheets: [XLSXReadSheet] = []
        for sheet in workbook.sheets {
            guard let rel = rels.first(where: { $0.id == sheet.relationship }) else {
                throw XLSXReadError("Tệp XLSX bị hỏng: không tìm thấy nội dung của trang tính “\(sheet.name)”.")
            }
            guard rel.type.hasSuffix("/worksheet") else { continue }  // chart, dialog and macro sheets hold no cells
            let path = Self.resolve(rel.target, from: workbookPath)
            guard let data = try part(path) else {
                throw XLSXReadError("Tệp XLSX bị hỏng: thiếu phần “\(path)” của trang tính “\(sheet.name)”.")
            }
            let parsed = try XLSXXML.parse(data, part: path, into: XLSXWorksheetParser(strings: strings, maxCells: cellsLeft))
            cellsLeft -= parsed.cells.count
            sheets.append(XLSXReadSheet(name: sheet.name, cells: parsed.cells, merged: parsed.merged))
        }
        return sheets
    }

    /// The officeDocument target of _rels/.rels, normally xl/workbook.xml.
    private mutating func workbookPath() throws(XLSXReadError) -> String {
        if let data = try part("_rels/.rels"),
           let rel = try XLSXXML.parse(data, part: "_rels/.rels", into: XLSXRelationshipsParser()).relationships
            .first(where: { $0.type.hasSuffix("/officeDocument") }) {
            let path = Self.resolve(rel.target, from: "")
            if entry(path) != nil { return path }
        }
        guard entry("xl/workbook.xml") != nil else { throw notWorkbook() }
        return "xl/workbook.xml"
    }

    /// Names the kind of file when it is another ZIP-based format.
    private func notWorkbook() -> XLSXReadError {
        if entry("word/document.xml") != nil {
            return XLSXReadError("Đây là tệp Word (.docx), không phải bảng tính XLSX.")
        }
        if entry("ppt/presentation.xml") != nil {
            return XLSXReadError("Đây là tệp PowerPoint (.pptx), không phải bảng tính XLSX.")
        }
        if entry("mimetype") != nil, entry("content.xml") != nil {
            return XLSXReadError("Đây là tệp OpenDocument (.ods/.odt); hãy lưu lại dưới dạng “Excel 2007–365 (.xlsx)”.")
        }
        return XLSXReadError("Tệp không phải bảng tính XLSX: thiếu phần “xl/workbook.xml”.")
    }

    /// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
    static func relationshipsPath(of part: String) -> String {
        let slash = part.lastIndex(of: "/")
        let directory = slash.map { String(part[...$0]) } ?? ""
        let name = slash.map { String(part[part.index(after: $0)...]) } ?? part
        return directory + "_rels/" + name + ".rels"
    }

    /// Resolves a relationship target: absolute ("/xl/worksheets/sheet1.xml") or relative to the source
    /// part's folder, with "." and ".." segments and %-escapes handled.
    static func resolve(_ target: String, from source: String) -> String {
        let decoded = target.removingPercentEncoding ?? target
        var segments: [Substring] = decoded.hasPrefix("/") ? [] : source.split(separator: "/").dropLast()
        for segment in decoded.split(separator: "/") {
            switch segment {
            case ".": continue
            case "..": _ = segments.popLast()
            default: segments.append(segment)
            }
        }
        return segments.joined(separator: "/")
    }
}
