import Foundation
import ZIPFoundation

/// Pages of positioned text in a PDF 1.4 file with the fonts embedded whole (Type 0, Identity-H, with a ToUnicode map
/// so the text can be searched and read back): a certificate prints the same on any PC, and a test can read each
/// word's position back with `pdftotext -bbox`.
extension PDFWriter {
    public enum Problem: Error, Equatable {
        /// Characters the font cannot draw, listed once each.
        case missingGlyphs([Character])
    }

    public static func data(_ pages: [PDFPage], fonts: PDFFonts, title: String) throws -> Data {
        var missing: [Character] = []
        var used: [String: [UInt16: Unicode.Scalar]] = [:]
        for page in pages {
            for case let .text(text, _, _, _, style) in page.operations {
                let face = fonts.face(style)
                for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
                    if let g = face.glyph(for: scalar) {
                        used[face.postScriptName, default: [:]][g] = scalar
                    } else if !missing.contains(Character(scalar)) {
                        missing.append(Character(scalar))
                    }
                }
            }
        }
        guard missing.isEmpty else { throw Problem.missingGlyphs(missing) }

        var file = PDFObjectTable()
        let catalog = file.reserve(), pagesID = file.reserve()
        // Faces that share a file (bold italic falling back to bold) are embedded once.
        var embedded: [String: Int] = [:]
        var resources: [String] = []
        for style in PDFPage.Style.allCases {
            let face = fonts.face(style)
            guard let glyphs = used[face.postScriptName] else { continue }
            if embedded[face.postScriptName] == nil { embedded[face.postScriptName] = try file.font(face, used: glyphs) }
            resources.append("/F\(style.rawValue) \(embedded[face.postScriptName]!) 0 R")
        }
        var kids: [Int] = []
        for page in pages {
            let content = try file.stream(Self.content(page, fonts: fonts))
            kids.append(file.add("<< /Type /Page /Parent \(pagesID) 0 R /MediaBox [0 0 \(n(page.width)) \(n(page.height))] "
                                 + "/Resources << /Font << \(resources.joined(separator: " ")) >> >> /Contents \(content) 0 R >>"))
        }
        file.set(pagesID, "<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>")
        file.set(catalog, "<< /Type /Catalog /Pages \(pagesID) 0 R >>")
        let info = file.add("<< /Title \(hexText(title)) /Producer (ThiDua) >>")
        return file.serialised(root: catalog, info: info)
    }

    static func content(_ page: PDFPage, fonts: PDFFonts) -> Data {
        var ops = "0 g 0 G\n"
        for op in page.operations {
            switch op {
            case let .text(text, x, y, size, style):
                let face = fonts.face(style)
                let hex = text.precomposedStringWithCanonicalMapping.unicodeScalars
                    .map { String(format: "%04X", face.glyph(for: $0) ?? 0) }.joined()
                ops += "BT /F\(style.rawValue) \(n(size)) Tf 1 0 0 1 \(n(x)) \(n(y)) Tm <\(hex)> Tj ET\n"
            case let .line(x1, y1, x2, y2, width):
                ops += "\(n(width)) w \(n(x1)) \(n(y1)) m \(n(x2)) \(n(y2)) l S\n"
            case let .rectangle(x, y, width, height, lineWidth):
                ops += "\(n(lineWidth)) w \(n(x)) \(n(y)) \(n(width)) \(n(height)) re S\n"
            }
        }
        return Data(ops.utf8)
    }

    /// A number the way PDF writes it: at most three decimals, no exponent.
    static func n(_ v: Double) -> String {
        var t = Substring(String(format: "%.3f", v))
        while t.hasSuffix("0") { t = t.dropLast() }
        if t.hasSuffix(".") { t = t.dropLast() }
        return t == "-0" ? "0" : String(t)
    }

    /// A text string in UTF-16 with its byte-order mark, which every reader takes for the document's title.
    static func hexText(_ s: String) -> String {
        "<FEFF" + s.utf16.map { String(format: "%04X", $0) }.joined() + ">"
    }

    /// zlib's format (what /FlateDecode reads): a header, the raw deflate ZIPFoundation makes, and the Adler-32.
    static func flate(_ data: Data) throws -> Data {
        var out = Data([0x78, 0x9C])
        _ = try Data.compress(size: Int64(data.count), bufferSize: 1 << 16, provider: { position, size in
            data.subdata(in: Int(position)..<Int(position) + size)
        }, consumer: { out.append($0) })
        var a: UInt32 = 1, b: UInt32 = 0
        for chunk in stride(from: 0, to: data.count, by: 5_552) {
            for byte in data[data.startIndex + chunk..<data.startIndex + min(chunk + 5_552, data.count)] {
                a &+= UInt32(byte)
                b &+= a
            }
            a %= 65_521
            b %= 65_521
        }
        let adler = b << 16 | a
        out.append(contentsOf: [UInt8(adler >> 24), UInt8(adler >> 16 & 0xFF), UInt8(adler >> 8 & 0xFF), UInt8(adler & 0xFF)])
        return out
    }
}
