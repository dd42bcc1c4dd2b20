import Foundation

/// A TrueType font file read just enough to set text with it in a PDF: glyph ids by character, advance widths, the
/// metrics a PDF font descriptor needs, and the bytes to embed. Certificates are printed in Times New Roman (or its
/// metric twin Liberation Serif), so the widths that centre a name on the blank are the font's own.
public struct TrueTypeFont: Sendable {
    public enum Problem: Error, Equatable {
        /// Not a TrueType file (an OpenType font with CFF outlines, a collection, or not a font at all).
        case notTrueType
        /// A table the PDF needs is missing or cut short.
        case missingTable(String)
    }

    public let data: Data
    public let postScriptName: String
    public let unitsPerEm: Int
    public let ascent: Int
    public let descent: Int
    public let capHeight: Int
    public let italicAngle: Double
    public let boundingBox: (Int, Int, Int, Int)
    private let advances: [UInt16]
    private let glyphs: [UInt32: UInt16]

    public init(data: Data) throws {
        let bytes = [UInt8](data)
        func u16(_ o: Int) -> Int { o + 1 < bytes.count ? Int(bytes[o]) << 8 | Int(bytes[o + 1]) : 0 }
        func s16(_ o: Int) -> Int { Int(Int16(bitPattern: UInt16(u16(o)))) }
        func u32(_ o: Int) -> Int { u16(o) << 16 | u16(o + 2) }
        guard bytes.count > 12, [0x0001_0000, 0x7472_7565].contains(u32(0)) else { throw Problem.notTrueType }
        var tables: [String: (offset: Int, length: Int)] = [:]
        for i in 0..<u16(4) {
            let r = 12 + 16 * i
            guard r + 16 <= bytes.count else { throw Problem.notTrueType }
            let tag = String(decoding: bytes[r..<r + 4], as: UTF8.self)
            tables[tag] = (u32(r + 8), u32(r + 12))
        }
        func table(_ tag: String, atLeast: Int) throws -> Int {
            guard let t = tables[tag], t.length >= atLeast, t.offset + t.length <= bytes.count else { throw Problem.missingTable(tag) }
            return t.offset
        }
        let head = try table("head", atLeast: 54), hhea = try table("hhea", atLeast: 36)
        let hmtx = try table("hmtx", atLeast: 4), cmap = try table("cmap", atLeast: 4), post = try table("post", atLeast: 8)
        unitsPerEm = max(16, u16(head + 18))
        boundingBox = (s16(head + 36), s16(head + 38), s16(head + 40), s16(head + 42))
        ascent = s16(hhea + 4)
        descent = s16(hhea + 6)
        italicAngle = Double(s16(post + 4)) + Double(u16(post + 6)) / 65536
        if let os2 = tables["OS/2"], u16(os2.offset) >= 2, os2.length >= 90 { capHeight = s16(os2.offset + 88) } else { capHeight = ascent }
        let metrics = u16(hhea + 34)
        advances = (0..<metrics).map { UInt16(u16(hmtx + 4 * $0)) }
        glyphs = Self.readCmap(bytes, at: cmap, u16: u16, u32: u32)
        postScriptName = Self.readName(bytes, tables["name"], u16: u16) ?? "TimesNewRomanPSMT"
        self.data = data
        guard !glyphs.isEmpty, !advances.isEmpty else { throw Problem.missingTable("cmap") }
    }

    /// The glyph that draws a character, or nil when the font has none (the caller refuses rather than print a box).
    public func glyph(for scalar: Unicode.Scalar) -> UInt16? { glyphs[scalar.value] }

    /// A glyph's advance in the font's units (the last metric repeats, as the format says).
    public func advance(of glyph: UInt16) -> Int { Int(advances[min(Int(glyph), advances.count - 1)]) }

    /// The characters of `text` (in composed form: "ệ" is one glyph in a Vietnamese font) the font cannot draw.
    public func missing(in text: String) -> [Character] {
        text.precomposedStringWithCanonicalMapping.unicodeScalars.filter { glyph(for: $0) == nil && !$0.properties.isWhitespace }
            .map { Character($0) }
    }

    /// The width of `text` at `size` points, in points.
    public func width(of text: String, size: Double) -> Double {
        let units = text.precomposedStringWithCanonicalMapping.unicodeScalars.reduce(0) { $0 + advance(of: glyph(for: $1) ?? 0) }
        return Double(units) * size / Double(unitsPerEm)
    }

    /// Windows Unicode (3,10 format 12, else 3,1 format 4), the subtables every font a printer PC has carries.
    private static func readCmap(_ b: [UInt8], at cmap: Int, u16: (Int) -> Int, u32: (Int) -> Int) -> [UInt32: UInt16] {
        var best: (format: Int, offset: Int)?
        for i in 0..<u16(cmap + 2) {
            let r = cmap + 4 + 8 * i
            let (platform, encoding, offset) = (u16(r), u16(r + 2), cmap + u32(r + 4))
            let format = u16(offset)
            if platform == 3, encoding == 10, format == 12 { best = (12, offset) }
            if platform == 3, encoding == 1, format == 4, best == nil { best = (4, offset) }
            if platform == 0, format == 4, best == nil { best = (4, offset) }
        }
        var map: [UInt32: UInt16] = [:]
        guard let (format, o) = best else { return map }
        if format == 12 {
            for g in 0..<u32(o + 12) {
                let r = o + 16 + 12 * g
                let (start, end, first) = (u32(r), u32(r + 4), u32(r + 8))
                guard end >= start, end - start < 0x11_0000 else { continue }
                for c in start...end { map[UInt32(c)] = UInt16(truncatingIfNeeded: first + c - start) }
            }
            return map
        }
        let segments = u16(o + 6) / 2
        let ends = o + 14, starts = ends + 2 * segments + 2, deltas = starts + 2 * segments, ranges = deltas + 2 * segments
        for s in 0..<segments {
            let (start, end, delta, range) = (u16(starts + 2 * s), u16(ends + 2 * s), u16(deltas + 2 * s), u16(ranges + 2 * s))
            guard start <= end, start != 0xFFFF else { continue }
            for c in start...end {
                var g: Int
                if range == 0 { g = (c + delta) & 0xFFFF } else {
                    g = u16(ranges + 2 * s + range + 2 * (c - start))
                    if g != 0 { g = (g + delta) & 0xFFFF }
                }
                if g != 0 { map[UInt32(c)] = UInt16(g) }
            }
        }
        return map
    }

    /// The PostScript name (name id 6), which a PDF names the font by.
    private static func readName(_ b: [UInt8], _ t: (offset: Int, length: Int)?, u16: (Int) -> Int) -> String? {
        guard let t else { return nil }
        let strings = t.offset + u16(t.offset + 4)
        for i in 0..<u16(t.offset + 2) {
            let r = t.offset + 6 + 12 * i
            guard u16(r + 6) == 6 else { continue }
            let (platform, length, offset) = (u16(r), u16(r + 8), strings + u16(r + 10))
            guard offset + length <= b.count else { continue }
            let raw = Array(b[offset..<offset + length])
            let name = platform == 3
                ? String(decoding: stride(from: 0, to: raw.count - 1, by: 2).map { UInt16(raw[$0]) << 8 | UInt16(raw[$0 + 1]) }, as: UTF16.self)
                : String(decoding: raw, as: UTF8.self)
            let clean = name.filter { $0.isASCII && !$0.isWhitespace && !"()<>[]{}/%".contains($0) }
            if !clean.isEmpty { return clean }
        }
        return nil
    }
}
