import Foundation

/// The XML parts of a SpreadsheetML package (ECMA-376 part 1), kept to what Excel and LibreOffice need.
enum XLSXParts {
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    static func contentTypes(sheetCount: Int) -> String {
        let sheets = (1...sheetCount).map {
            "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" "
                + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        return header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" "
            + "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
            + sheets + "</Types>"
    }

    static let rootRelationships = header
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relNS)/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"

    static func workbook(names: [String]) -> String {
        let sheets = names.enumerated().map { index, name in
            "<sheet name=\"\(escape(name))\" sheetId=\"\(index + 1)\" r:id=\"rId\(index + 1)\"/>"
        }.joined()
        return header + "<workbook xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">"
            + "<bookViews><workbookView/></bookViews><sheets>\(sheets)</sheets></workbook>"
    }

    static func workbookRelationships(sheetCount: Int) -> String {
        let sheets = (1...sheetCount).map {
            "<Relationship Id=\"rId\($0)\" Type=\"\(relNS)/worksheet\" Target=\"worksheets/sheet\($0).xml\"/>"
        }.joined()
        return header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            + sheets + "<Relationship Id=\"rId\(sheetCount + 1)\" Type=\"\(relNS)/styles\" Target=\"styles.xml\"/>"
            + "</Relationships>"
    }

    /// Style 0 is plain, 1 bold (the header row), 2 wrapped (multi-line text, which otherwise shows one
    /// line of a one-line-high row), 3 bold and wrapped (a form's title), 4 and 5 the same two centred (a form's
    /// columns after the first: headings, codes, counts). Two fills are mandatory even when unused.
    static let styles = header + "<styleSheet xmlns=\"\(mainNS)\">"
        + "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/></font>"
        + "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/></font></fonts>"
        + "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill>"
        + "<fill><patternFill patternType=\"gray125\"/></fill></fills>"
        + "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        + "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        + "<cellXfs count=\"6\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">"
        + "<alignment wrapText=\"1\" vertical=\"top\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\">"
        + "<alignment wrapText=\"1\" vertical=\"top\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyAlignment=\"1\">"
        + "<alignment horizontal=\"center\" wrapText=\"1\" vertical=\"top\"/></xf>"
        + "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\" applyAlignment=\"1\">"
        + "<alignment horizontal=\"center\" wrapText=\"1\" vertical=\"top\"/></xf></cellXfs>"
        + "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        + "</styleSheet>"

    /// Elements appear in the order the schema requires (sheetPr, sheetViews, cols, sheetData, mergeCells,
    /// pageMargins, pageSetup), or Excel "repairs" the file. A form (`XLSXFormLayout`) prints one page wide.
    static func worksheet(_ rows: [[XLSXCell]], form: XLSXFormLayout? = nil) -> String {
        var xml = header + "<worksheet xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">"
        if form != nil { xml += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>" }
        if !rows.isEmpty, form == nil {
            xml += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" "
                + "activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        }
        let widths = form?.columnWidths ?? columnWidths(rows)
        if !widths.isEmpty {
            xml += "<cols>" + widths.enumerated().map { index, width in
                "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        for (r, row) in rows.enumerated() {
            let height = form?.height(row: r, cells: row).map { " ht=\"\($0)\" customHeight=\"1\"" } ?? ""
            xml += "<row r=\"\(r + 1)\"\(height)>"
            let style = r == 0 ? " s=\"1\"" : ""
            for (c, cell) in row.enumerated() {
                let ref = column(c) + String(r + 1)
                switch cell {
                case .text(let text):
                    let value = cellText(text)
                    // A form wraps all its text, centred after the first column as the circulars print their
                    // headings, codes and counts; a table wraps only what has line breaks (its header stays one line).
                    let textStyle = form.map { " s=\"\($0.style(row: r, column: c))\"" }
                        ?? (r > 0 && value.contains("\n") ? " s=\"2\"" : style)
                    xml += "<c r=\"\(ref)\"\(textStyle) t=\"inlineStr\"><is><t xml:space=\"preserve\">"
                        + escape(value) + "</t></is></c>"
                case .number(let value) where value.isFinite:
                    let numberStyle = form.map { " s=\"\($0.style(row: r, column: c))\"" } ?? style
                    xml += "<c r=\"\(ref)\"\(numberStyle)><v>\(number(value))</v></c>"
                case .number, .empty:
                    break  // NaN and infinity have no spreadsheet form; an empty cell is simply absent
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData>" + (form?.afterData ?? "") + "</worksheet>"
    }

    /// Width in characters of the widest value (first 1,000 rows), between 8 and 60.
    static func columnWidths(_ rows: [[XLSXCell]]) -> [Int] {
        var widths: [Int] = []
        for row in rows.prefix(1000) {
            for (c, cell) in row.enumerated() {
                if c >= widths.count { widths.append(8) }
                let length: Int
                switch cell {
                case .text(let text): length = text.split(separator: "\n").map(\.count).max() ?? 0
                case .number(let value): length = number(value).count
                case .empty: length = 0
                }
                widths[c] = min(60, max(widths[c], length + 2))
            }
        }
        return widths
    }

    /// 0 → "A", 25 → "Z", 26 → "AA".
    static func column(_ index: Int) -> String {
        var n = index + 1, letters = ""
        while n > 0 {
            let remainder = (n - 1) % 26
            letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
            n = (n - 1) / 26
        }
        return letters
    }

    /// Whole numbers without ".0"; others in Swift's shortest round-tripping form, which xsd:double accepts.
    static func number(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Excel caps a cell at 32,767 characters and reads "_x0041_" as an escaped "A", so a literal
    /// "_xHHHH_" in the text has its underscore escaped as "_x005F_".
    static func cellText(_ text: String) -> String {
        // XML readers turn a CR into LF anyway; doing it here keeps "\r\n" from becoming two line breaks.
        var out = text.precomposedStringWithCanonicalMapping
            .replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if out.utf16.count > 32_767 { out = XLSXWriter.prefix(out, utf16: 32_767) }
        guard out.contains("_x") else { return out }
        return out.replacingOccurrences(of: "_(x[0-9A-Fa-f]{4}_)", with: "_x005F_$1", options: .regularExpression)
    }

    /// XML text escaping; characters XML 1.0 forbids (most C0 controls) are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
