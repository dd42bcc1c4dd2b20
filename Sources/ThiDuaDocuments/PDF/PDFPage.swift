import Foundation

/// A page of a PDF as drawing operations in points, origin at the bottom-left corner (the PDF's own convention).
public struct PDFPage: Sendable {
    public enum Style: Int, CaseIterable, Sendable { case regular, bold, italic, boldItalic }

    public enum Operation: Sendable {
        case text(String, x: Double, y: Double, size: Double, style: Style)
        case line(x1: Double, y1: Double, x2: Double, y2: Double, width: Double)
        case rectangle(x: Double, y: Double, width: Double, height: Double, lineWidth: Double)
    }

    public var width: Double
    public var height: Double
    public var operations: [Operation] = []

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    public static func style(bold: Bool, italic: Bool) -> Style {
        switch (bold, italic) {
        case (false, false): .regular
        case (true, false): .bold
        case (false, true): .italic
        case (true, true): .boldItalic
        }
    }
}

/// The four faces of the certificate font; a missing face falls back to the regular one (bold italic to bold).
public struct PDFFonts: Sendable {
    public var faces: [PDFPage.Style: TrueTypeFont]

    public init(regular: TrueTypeFont, bold: TrueTypeFont? = nil, italic: TrueTypeFont? = nil, boldItalic: TrueTypeFont? = nil) {
        faces = [.regular: regular]
        faces[.bold] = bold
        faces[.italic] = italic
        faces[.boldItalic] = boldItalic ?? bold
    }

    public func face(_ style: PDFPage.Style) -> TrueTypeFont { faces[style] ?? faces[.regular]! }
}
