import Foundation

/// The numbered objects of a PDF file and the cross-reference table that finds them.
struct PDFObjectTable {
    private var bodies: [Data?] = []

    /// A number for an object written later (the page tree, which names pages not yet made).
    mutating func reserve() -> Int {
        bodies.append(nil)
        return bodies.count
    }

    mutating func set(_ id: Int, _ dictionary: String) { bodies[id - 1] = Data(dictionary.utf8) }

    mutating func add(_ dictionary: String) -> Int {
        bodies.append(Data(dictionary.utf8))
        return bodies.count
    }

    /// A compressed stream; `extra` adds entries to its dictionary.
    mutating func stream(_ data: Data, extra: String = "") throws -> Int {
        let packed = try PDFWriter.flate(data)
        var body = Data("<< /Length \(packed.count) /Filter /FlateDecode\(extra) >>\nstream\n".utf8)
        body.append(packed)
        body.append(Data("\nendstream".utf8))
        bodies.append(body)
        return bodies.count
    }

    /// A Type 0 font over the whole TrueType file: glyph ids are the character codes (Identity-H), the widths of
    /// the glyphs used are listed, and the ToUnicode map gives the text back to readers and to `pdftotext`.
    mutating func font(_ face: TrueTypeFont, used: [UInt16: Unicode.Scalar]) throws -> Int {
        let scale = 1000 / Double(face.unitsPerEm)
        func u(_ v: Int) -> String { PDFWriter.n((Double(v) * scale).rounded()) }
        let file = try stream(face.data, extra: " /Length1 \(face.data.count)")
        let (x0, y0, x1, y1) = face.boundingBox
        let flags = 32 | 2 | (face.italicAngle != 0 ? 64 : 0)  // nonsymbolic, serif, italic
        let descriptor = add("<< /Type /FontDescriptor /FontName /\(face.postScriptName) /Flags \(flags) "
                             + "/FontBBox [\(u(x0)) \(u(y0)) \(u(x1)) \(u(y1))] /ItalicAngle \(PDFWriter.n(face.italicAngle)) "
                             + "/Ascent \(u(face.ascent)) /Descent \(u(face.descent)) /CapHeight \(u(face.capHeight)) "
                             + "/StemV 80 /FontFile2 \(file) 0 R >>")
        let glyphs = used.keys.sorted()
        let widths = glyphs.map { "\($0) [\(u(face.advance(of: $0)))]" }.joined(separator: " ")
        let cid = add("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /\(face.postScriptName) "
                      + "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
                      + "/FontDescriptor \(descriptor) 0 R /DW 1000 /W [\(widths)] /CIDToGIDMap /Identity >>")
        let toUnicode = try stream(Data(Self.toUnicode(used).utf8))
        return add("<< /Type /Font /Subtype /Type0 /BaseFont /\(face.postScriptName) /Encoding /Identity-H "
                   + "/DescendantFonts [\(cid) 0 R] /ToUnicode \(toUnicode) 0 R >>")
    }

    static func toUnicode(_ used: [UInt16: Unicode.Scalar]) -> String {
        let entries = used.keys.sorted().map { g -> String in
            let units = String(used[g]!).utf16.map { String(format: "%04X", $0) }.joined()
            return String(format: "<%04X> <", g) + units + ">"
        }
        var cmap = """
        /CIDInit /ProcSet findresource begin
        12 dict begin
        begincmap
        /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
        /CMapName /Adobe-Identity-UCS def
        /CMapType 2 def
        1 begincodespacerange
        <0000> <FFFF>
        endcodespacerange

        """
        // At most 100 entries per block, as the CMap format requires.
        for start in stride(from: 0, to: entries.count, by: 100) {
            let block = entries[start..<min(start + 100, entries.count)]
            cmap += "\(block.count) beginbfchar\n" + block.joined(separator: "\n") + "\nendbfchar\n"
        }
        return cmap + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"
    }

    /// The file: header, each object at its recorded offset, the cross-reference table and the trailer.
    func serialised(root: Int, info: Int?) -> Data {
        var out = Data("%PDF-1.4\n".utf8)
        var offsets: [Int] = []
        for (i, body) in bodies.enumerated() {
            offsets.append(out.count)
            out.append(Data("\(i + 1) 0 obj\n".utf8))
            out.append(body ?? Data("null".utf8))
            out.append(Data("\nendobj\n".utf8))
        }
        let xref = out.count
        var table = "xref\n0 \(bodies.count + 1)\n0000000000 65535 f \n"
        for o in offsets { table += String(format: "%010d 00000 n \n", o) }
        let infoEntry = info.map { " /Info \($0) 0 R" } ?? ""
        table += "trailer\n<< /Size \(bodies.count + 1) /Root \(root) 0 R\(infoEntry) >>\nstartxref\n\(xref)\n%%EOF\n"
        out.append(Data(table.utf8))
        return out
    }
}
