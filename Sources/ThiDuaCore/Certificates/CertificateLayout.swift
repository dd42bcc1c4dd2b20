import Foundation

/// The pre-printed blanks (phôi) a province buys and prints award texts onto (issue 17).
public enum CertificateBlank: String, Codable, CaseIterable, Sendable {
    /// The certificate that goes with the emulation flag (Cờ thi đua).
    case flag
    /// Bằng khen.
    case merit
    /// Giấy khen.
    case commendation

    /// The blank an award is printed on when nobody chooses: the flag's own, a Bằng khen for the chairman's merit,
    /// a Giấy khen for the titles and the rest.
    public static func forAward(_ key: String) -> CertificateBlank {
        if key.localizedCaseInsensitiveContains("flag") { return .flag }
        if key.localizedCaseInsensitiveContains("merit") { return .merit }
        return .commendation
    }
}

/// The texts printed on a blank, each in its own box.
public enum CertificateField: String, Codable, CaseIterable, Sendable {
    /// The collective's or the person's name.
    case recipient
    /// For a person: position and unit.
    case detail
    /// Why: "Đã có thành tích xuất sắc…".
    case achievement
    /// "Quyết định số … ngày …".
    case decision
    /// The place and the date: "<place>, ngày … tháng … năm …".
    case placeDate
}

/// Where one field goes on the blank, in millimetres from the blank's top-left corner, as a ruler on the blank shows.
public struct CertificateFieldLayout: Codable, Equatable, Sendable {
    public enum Alignment: String, Codable, Sendable { case left, center }

    public var field: CertificateField
    /// The box's left edge.
    public var x: Double
    /// The first line's baseline, from the top edge.
    public var y: Double
    /// The box's width: longer texts wrap, then shrink.
    public var width: Double
    /// Font size in points (the size the blank's design asks, e.g. 14 for a name in capitals).
    public var size: Double
    public var alignment: Alignment
    public var bold: Bool
    public var italic: Bool
    /// Lines the box holds before the text is made smaller.
    public var maxLines: Int

    public init(field: CertificateField, x: Double, y: Double, width: Double, size: Double, alignment: Alignment = .center,
                bold: Bool = false, italic: Bool = false, maxLines: Int = 1) {
        self.field = field
        self.x = x
        self.y = y
        self.width = width
        self.size = size
        self.alignment = alignment
        self.bold = bold
        self.italic = italic
        self.maxLines = maxLines
    }
}

/// One blank's calibration: its size, each field's box, and the printer's shift.
///
/// The fields describe the blank and stay when the printer changes; the printer's shift (`offsetX`, `offsetY`,
/// measured once on the test page's rulers) is the only thing a new printer needs. Both are saved.
public struct CertificateLayout: Codable, Equatable, Sendable {
    public var blank: CertificateBlank
    public var pageWidth: Double
    public var pageHeight: Double
    public var fields: [CertificateFieldLayout]
    /// Where the printer puts a mark minus where it was asked to, in millimetres: a positive X prints to the right,
    /// a positive Y lower. The layout is printed shifted by the opposite amount.
    public var offsetX: Double
    public var offsetY: Double
    /// The achievement line as the province words it on this blank, with `{year}` and `{bloc}` filled in when
    /// printed; nil prints the standard wording.
    public var achievement: String?

    public init(blank: CertificateBlank, pageWidth: Double, pageHeight: Double, fields: [CertificateFieldLayout],
                offsetX: Double = 0, offsetY: Double = 0) {
        self.blank = blank
        self.pageWidth = pageWidth
        self.pageHeight = pageHeight
        self.fields = fields
        self.offsetX = offsetX
        self.offsetY = offsetY
    }

    public func layout(of field: CertificateField) -> CertificateFieldLayout? { fields.first { $0.field == field } }

    /// A starting point for each blank, in the usual landscape sizes (A3 for Bằng khen, A4 for the others); the
    /// board measures its own blanks and saves them.
    public static func standard(_ blank: CertificateBlank) -> CertificateLayout {
        let (w, h): (Double, Double) = blank == .merit ? (420, 297) : (297, 210)
        let k = w / 297
        let box = (x: 30 * k, width: w - 60 * k)
        return CertificateLayout(blank: blank, pageWidth: w, pageHeight: h, fields: [
            .init(field: .recipient, x: box.x, y: 0.50 * h, width: box.width, size: (18 * k).rounded(), bold: true, maxLines: 2),
            .init(field: .detail, x: box.x, y: 0.59 * h, width: box.width, size: (13 * k).rounded(), italic: true, maxLines: 2),
            .init(field: .achievement, x: box.x, y: 0.67 * h, width: box.width, size: (14 * k).rounded(), maxLines: 3),
            .init(field: .placeDate, x: w / 2, y: 0.84 * h, width: w / 2 - 20 * k, size: (13 * k).rounded(), italic: true),
            .init(field: .decision, x: 20 * k, y: 0.92 * h, width: w / 2 - 30 * k, size: (11 * k).rounded(), alignment: .left),
        ])
    }
}
