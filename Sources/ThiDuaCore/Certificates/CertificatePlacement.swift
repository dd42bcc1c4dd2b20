import Foundation

/// The widths of a font's text, for a given size: what a real font file answers (ThiDuaDocuments reads it).
public protocol TextMeasure {
    /// The advance of `text` at `size` points, in points.
    func width(of text: String, size: Double, bold: Bool, italic: Bool) -> Double
}

/// One line of text where it lands on the page, in PDF points from the page's bottom-left corner.
public struct PlacedLine: Equatable, Sendable {
    public var field: CertificateField
    public var text: String
    public var x: Double
    public var baseline: Double
    public var size: Double
    public var bold: Bool
    public var italic: Bool
}

/// Why a layout or a text cannot be printed.
public enum CertificateProblem: Error, Equatable, Sendable {
    /// The page is not a paper size a printer takes (50–1,000 mm each way).
    case pageSize
    /// A field's box lies partly outside the blank.
    case outside(CertificateField)
    /// A font size outside 6–72 pt, or no line allowed.
    case size(CertificateField)
    /// The printer's shift is more than 50 mm: surely a measuring mistake.
    case offset
    /// A field listed twice.
    case duplicate(CertificateField)
    /// The text does not fit its box even at the smallest size allowed.
    case doesNotFit(CertificateField)
}

public enum CertificatePlacement {
    public static let pointsPerMillimetre = 72 / 25.4
    /// A text is made smaller, down to this share of its size, before it is refused.
    public static let smallestShare = 0.7

    /// Every problem of a layout, in field order; empty when it can be saved.
    public static func problems(_ layout: CertificateLayout) -> [CertificateProblem] {
        var found: [CertificateProblem] = []
        let page = 50.0...1_000.0
        guard page.contains(layout.pageWidth), page.contains(layout.pageHeight) else { return [.pageSize] }
        if abs(layout.offsetX) > 50 || abs(layout.offsetY) > 50 { found.append(.offset) }
        var seen = Set<CertificateField>()
        for f in layout.fields {
            if !seen.insert(f.field).inserted { found.append(.duplicate(f.field)) }
            let sizeMM = f.size / pointsPerMillimetre
            if !(6...72).contains(f.size) || !(1...6).contains(f.maxLines) {
                found.append(.size(f.field))
            } else if f.x < 0 || f.width <= 0 || f.x + f.width > layout.pageWidth || f.y - sizeMM < 0
                        || f.y + Double(f.maxLines - 1) * sizeMM * 1.25 > layout.pageHeight {
                found.append(.outside(f.field))
            }
        }
        return found
    }

    /// The lines of every field that has a text, where the layout and the printer's shift put them.
    ///
    /// A text wraps at spaces inside its box; when it needs more lines than the box holds, it is set smaller in
    /// half-point steps down to `smallestShare` of its size, and refused beyond that, so no certificate is printed
    /// with a name cut off.
    public static func place(_ texts: [CertificateField: String], on layout: CertificateLayout,
                             measure: TextMeasure) throws -> [PlacedLine] {
        let k = pointsPerMillimetre
        var lines: [PlacedLine] = []
        for f in layout.fields {
            guard let text = texts[f.field]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { continue }
            let boxWidth = f.width * k
            var size = f.size
            var wrapped = wrap(text, width: boxWidth, size: size, f, measure)
            while wrapped.count > f.maxLines || wrapped.contains(where: { measure.width(of: $0, size: size, bold: f.bold, italic: f.italic) > boxWidth }) {
                size -= 0.5
                guard size >= f.size * smallestShare else { throw CertificateProblem.doesNotFit(f.field) }
                wrapped = wrap(text, width: boxWidth, size: size, f, measure)
            }
            let left = (f.x - layout.offsetX) * k
            let top = (layout.pageHeight - f.y + layout.offsetY) * k
            for (i, line) in wrapped.enumerated() {
                let w = measure.width(of: line, size: size, bold: f.bold, italic: f.italic)
                let x = f.alignment == .center ? left + (boxWidth - w) / 2 : left
                lines.append(PlacedLine(field: f.field, text: line, x: x, baseline: top - Double(i) * size * 1.25,
                                        size: size, bold: f.bold, italic: f.italic))
            }
        }
        return lines
    }

    /// Greedy line filling at spaces; a single word wider than the box stays on its own line (the caller shrinks).
    static func wrap(_ text: String, width: Double, size: Double, _ f: CertificateFieldLayout, _ measure: TextMeasure) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(whereSeparator: \.isWhitespace).map(String.init) {
            let candidate = current.isEmpty ? word : current + " " + word
            if current.isEmpty || measure.width(of: candidate, size: size, bold: f.bold, italic: f.italic) <= width {
                current = candidate
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }
}
