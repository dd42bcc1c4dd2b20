import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// A SAX handler for one part; it sets `failure` (and aborts the parse) when the content is unacceptable.
class XLSXPartParser: NSObject, XMLParserDelegate {
    var failure: XLSXReadError?
    /// Text of the element being captured, or nil when text is being ignored.
    var text: String?

    /// Open elements; a part that ends with some still open was cut short.
    private(set) var depth = 0, sawRoot = false

    /// Overridden by each part's parser (the protocol methods stay here: on Linux a subclass's own
    /// implementation of a protocol method the base class lacks is never called).
    func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {}
    func end(_ name: String, _ parser: XMLParser) {}

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        depth += 1
        sawRoot = true
        start(name, attributes, parser)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        end(name, parser)
    }

    /// Linux's parser reports some errors (mismatched tags, two roots) here but still returns true from `parse()`.
    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
        if errorLine == nil { errorLine = parser.lineNumber }
    }
    private(set) var errorLine: Int?

    func parser(_ parser: XMLParser, foundCharacters string: String) { text?.append(string) }
    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) { text?.append(String(decoding: CDATABlock, as: UTF8.self)) }

    func fail(_ parser: XMLParser, _ error: XLSXReadError) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }
}

/// Parsing helpers shared by the part parsers.
enum XLSXXML {
    /// Runs `handler` over the part; namespaces are processed, so element names are local ("c", not "x:c").
    static func parse<P: XLSXPartParser>(_ data: Data, part: String, into handler: P) throws(XLSXReadError) -> P {
        // OOXML parts never carry a DTD; refusing one rules out entity-expansion tricks whatever libxml2 allows.
        guard !hasDocumentType(data) else {
            throw XLSXReadError("Tệp XLSX không hợp lệ: phần “\(part)” chứa khai báo DOCTYPE — có thể là tệp độc hại.")
        }
        guard data.count <= XLSXReader.maxPartBytes else { throw XLSXPackage.partTooLarge(part, UInt64(data.count)) }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = handler
        let ok = parser.parse()
        if let failure = handler.failure { throw failure }
        guard ok, handler.errorLine == nil, parser.parserError == nil, handler.sawRoot, handler.depth == 0 else {
            let line = handler.errorLine ?? parser.lineNumber
            throw XLSXReadError("Tệp XLSX bị hỏng: phần “\(part)” không phải XML hợp lệ (dòng \(line)).")
        }
        return handler
    }

    /// Whether a `<!DOCTYPE` comes before the root element (after the XML declaration, comments and PIs).
    static func hasDocumentType(_ data: Data) -> Bool {
        let bytes = [UInt8](data.prefix(64 * 1024))
        var at = 0
        func starts(_ text: String, at offset: Int) -> Bool {
            let pattern = Array(text.utf8)
            return offset + pattern.count <= bytes.count && Array(bytes[offset..<(offset + pattern.count)]) == pattern
        }
        func skip(past end: String) {
            while at < bytes.count, !starts(end, at: at) { at += 1 }
            at += end.utf8.count
        }
        while at < bytes.count {
            guard bytes[at] == UInt8(ascii: "<") else { at += 1; continue }
            if starts("<!DOCTYPE", at: at) || starts("<!doctype", at: at) { return true }
            if starts("<?", at: at) {
                skip(past: "?>")
            } else if starts("<!--", at: at) {
                skip(past: "-->")
            } else {
                return false
            }
        }
        return false
    }

    /// An attribute by local name, whatever prefix the file gives it ("r:id", "ns1:id", "id").
    static func attribute(_ attributes: [String: String], _ local: String) -> String? {
        attributes[local] ?? attributes.first { $0.key.hasSuffix(":" + local) }?.value
    }

    /// Undoes Excel's "_xHHHH_" escapes (used for control characters; a literal "_x0041_" is "_x005F_x0041_").
    static func unescape(_ text: String) -> String {
        var utf8 = text.utf8.makeIterator(), previous: UInt8 = 0, found = false
        while let byte = utf8.next() {
            if previous == UInt8(ascii: "_"), byte == UInt8(ascii: "x") { found = true; break }
            previous = byte
        }
        guard found else { return text }
        var out = String.UnicodeScalarView(), scalars = Array(text.unicodeScalars), at = 0
        while at < scalars.count {
            if scalars[at] == "_", at + 6 < scalars.count, scalars[at + 1] == "x", scalars[at + 6] == "_",
               let code = UInt32(String(String.UnicodeScalarView(scalars[(at + 2)..<(at + 6)])), radix: 16),
               scalars[(at + 2)..<(at + 6)].allSatisfy({ $0.properties.isASCIIHexDigit }),
               let scalar = Unicode.Scalar(code) {
                out.append(scalar)
                at += 7
            } else {
                out.append(scalars[at])
                at += 1
            }
        }
        return String(out)
    }

    static let posix = Locale(identifier: "en_US_POSIX")

    /// Without leading and trailing white space (Unicode's, so no-break spaces and line breaks too).
    /// Foundation's `trimmingCharacters` goes through NSString on Linux and cost a third of an import.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }

    /// A number as SpreadsheetML writes it (xsd:double lexical form), as an exact `Decimal`; nil if malformed.
    static func decimal(_ raw: String) -> Decimal? {
        let text = trimmed(raw)
        var digits = 0, exponentDigits = 0, state = 0  // 0 mantissa, 1 fraction, 2 exponent
        for (index, scalar) in text.unicodeScalars.enumerated() {
            switch scalar {
            case "+", "-":
                guard index == 0 || (state == 2 && exponentDigits == 0) else { return nil }
            case "0"..."9":
                if state == 2 { exponentDigits += 1 } else { digits += 1 }
            case ".":
                guard state == 0 else { return nil }
                state = 1
            case "e", "E":
                guard state < 2, digits > 0 else { return nil }
                state = 2
            default:
                return nil
            }
        }
        guard digits > 0, state < 2 || exponentDigits > 0 else { return nil }
        if let value = Decimal(string: text, locale: posix) { return value }
        // Outside Decimal's exponent range: vanishingly small numbers are zero, huge ones have no exact form.
        return text.contains("e-") || text.contains("E-") ? 0 : nil
    }
}

/// `<Relationship Id Type Target/>` entries of a .rels part; external targets are dropped.
final class XLSXRelationshipsParser: XLSXPartParser {
    struct Relationship { var id: String, type: String, target: String }
    var relationships: [Relationship] = []

    override func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {
        guard name == "Relationship", attributes["TargetMode"] != "External",
              let id = attributes["Id"], let target = attributes["Target"] else { return }
        relationships.append(Relationship(id: id, type: attributes["Type"] ?? "", target: target))
    }
}

/// The `<sheet name r:id>` list of workbook.xml, in tab order.
final class XLSXWorkbookParser: XLSXPartParser {
    var sheets: [(name: String, relationship: String)] = []

    override func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {
        guard name == "sheet", let sheetName = attributes["name"],
              let id = XLSXXML.attribute(attributes, "id") else { return }
        sheets.append((sheetName, id))
    }
}

/// sharedStrings.xml: each `<si>` is a plain `<t>` or rich-text runs `<r><t>`; phonetic hints (`<rPh>`) are skipped.
final class XLSXSharedStringsParser: XLSXPartParser {
    var strings: [String] = []
    private var current: String?
    private var inPhonetic = false

    override func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {
        switch name {
        case "si": current = ""
        case "rPh": inPhonetic = true
        case "t" where current != nil && !inPhonetic: text = ""
        default: break
        }
    }

    override func end(_ name: String, _ parser: XMLParser) {
        switch name {
        case "t":
            if let captured = text { current?.append(captured) }
            text = nil
        case "rPh": inPhonetic = false
        case "si":
            strings.append(XLSXXML.unescape(current ?? ""))
            current = nil
        default: break
        }
    }
}
