import Foundation
import ThiDuaCore

/// The widths of the embedded fonts, for `CertificatePlacement`.
public struct PDFFontMeasure: TextMeasure {
    public let fonts: PDFFonts
    public init(_ fonts: PDFFonts) { self.fonts = fonts }

    public func width(of text: String, size: Double, bold: Bool, italic: Bool) -> Double {
        fonts.face(PDFPage.style(bold: bold, italic: italic)).width(of: text, size: size)
    }
}

/// Certificates printed onto pre-printed blanks: one page per recipient, nothing but the texts, each where the blank's
/// calibration puts it; and the test page that measures a printer.
public enum CertificatePDF {
    static let k = CertificatePlacement.pointsPerMillimetre

    /// One page per recipient, in order.
    public static func certificates(_ recipients: [[CertificateField: String]], layout: CertificateLayout, fonts: PDFFonts,
                                    title: String) throws -> Data {
        let measure = PDFFontMeasure(fonts)
        let pages = try recipients.map { texts in
            var page = PDFPage(width: layout.pageWidth * k, height: layout.pageHeight * k)
            page.operations = try CertificatePlacement.place(texts, on: layout, measure: measure).map(operation)
            return page
        }
        return try PDFWriter.data(pages, fonts: fonts, title: title)
    }

    /// Plain paper, same size as the blank: a millimetre ruler across and down (drawn with the printer's shift
    /// corrected, like the texts), each field's box with its name, a sample text in place, and the instructions.
    /// Laid on a blank against the light, it shows what a real print would look like; measured from the paper's
    /// edges, it gives the printer's shift.
    public static func testPage(_ layout: CertificateLayout, fonts: PDFFonts, labels: [CertificateField: String],
                                samples: [CertificateField: String], instructions: [String], title: String) throws -> Data {
        var page = PDFPage(width: layout.pageWidth * k, height: layout.pageHeight * k)
        func x(_ mm: Double) -> Double { (mm - layout.offsetX) * k }
        func y(_ mm: Double) -> Double { (layout.pageHeight - mm + layout.offsetY) * k }
        let across = 25.0, down = 25.0
        page.operations.append(.line(x1: x(5), y1: y(across), x2: x(layout.pageWidth - 5), y2: y(across), width: 0.3))
        page.operations.append(.line(x1: x(down), y1: y(5), x2: x(down), y2: y(layout.pageHeight - 5), width: 0.3))
        for mm in stride(from: 5, through: Int(layout.pageWidth) - 5, by: 1) {
            let long = mm % 10 == 0 ? 4.0 : (mm % 5 == 0 ? 2.5 : 1.5)
            page.operations.append(.line(x1: x(Double(mm)), y1: y(across), x2: x(Double(mm)), y2: y(across + long), width: 0.2))
            if mm % 10 == 0 {
                page.operations.append(.text(String(mm), x: x(Double(mm)) + 0.8, y: y(across + 6.5), size: 6, style: .regular))
            }
        }
        for mm in stride(from: 5, through: Int(layout.pageHeight) - 5, by: 1) {
            let long = mm % 10 == 0 ? 4.0 : (mm % 5 == 0 ? 2.5 : 1.5)
            page.operations.append(.line(x1: x(down), y1: y(Double(mm)), x2: x(down + long), y2: y(Double(mm)), width: 0.2))
            if mm % 10 == 0 {
                page.operations.append(.text(String(mm), x: x(down + 5), y: y(Double(mm)) - 2, size: 6, style: .regular))
            }
        }
        for f in layout.fields {
            let lines = Double(f.maxLines - 1) * f.size / k * 1.25
            let top = f.y - f.size / k, bottom = f.y + lines + 2
            page.operations.append(.rectangle(x: x(f.x), y: y(bottom), width: f.width * k, height: (bottom - top) * k, lineWidth: 0.4))
            page.operations.append(.text(labels[f.field] ?? f.field.rawValue, x: x(f.x) + 1, y: y(top) + 1.5, size: 7, style: .italic))
        }
        page.operations += try CertificatePlacement.place(samples, on: layout, measure: PDFFontMeasure(fonts)).map(operation)
        for (i, line) in instructions.enumerated() {
            page.operations.append(.text(line, x: x(down + 8), y: y(across + 12 + Double(i) * 4.5), size: 8, style: .regular))
        }
        return try PDFWriter.data([page], fonts: fonts, title: title)
    }

    static func operation(_ line: PlacedLine) -> PDFPage.Operation {
        .text(line.text, x: line.x, y: line.baseline, size: line.size, style: PDFPage.style(bold: line.bold, italic: line.italic))
    }
}
