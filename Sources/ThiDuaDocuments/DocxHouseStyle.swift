import Foundation

/// Which rules a bloc's documents follow: the Party's (Hướng dẫn 36-HD/VPTW) or the State's
/// (Nghị định 30/2020/NĐ-CP, Phụ lục I).
public enum HouseStyle: String, Codable, Sendable, CaseIterable {
    case party, state

    /// The layout values of this style.
    public var sheet: DocxStyleSheet {
        switch self {
        case .party: .party
        case .state: .state
        }
    }
}

/// Every layout value of a house style in one place, so that a rule change (the Party's rules were revised
/// in 2026) means editing data here, not the template code. Sizes are half-points (28 = 14 pt),
/// lengths twips (567 = 1 cm).
public struct DocxStyleSheet: Sendable, Equatable {
    /// How a run of text looks.
    public struct Text: Sendable, Equatable {
        public var size: Int
        public var bold = false, italic = false, underline = false
        public init(_ size: Int, bold: Bool = false, italic: Bool = false, underline: Bool = false) {
            self.size = size
            self.bold = bold
            self.italic = italic
            self.underline = underline
        }
    }

    /// What sits under the issuing body's name and under the summary: a text mark or a short drawn rule.
    public enum Mark: Sendable, Equatable {
        case text(String)
        case rule(width: Int)
    }

    // Page: A4 portrait (11906 × 16838 twips); margins as the issue fixes them (2 / 2 / 3 / 2 cm).
    public var pageWidth = 11906, pageHeight = 16838
    public var marginTop = 1134, marginBottom = 1134, marginLeft = 1701, marginRight = 1134
    public var headerDistance = 567
    public var font = "Times New Roman"
    public var pageNumber: Text

    // Header block: a borderless two-column table; left the issuer, right the national or Party heading.
    public var leftColumn: Int, rightColumn: Int
    public var nationalLines: [String]
    public var nationalStyles: [Text]
    public var issuerParent: Text, issuerName: Text, issuerMark: Mark
    public var numberPrefix: String, number: Text
    public var placeDate: Text

    // Title and body.
    public var documentType: Text, summary: Text, summaryMark: Mark
    public var body: Text, firstLineIndent: Int, paragraphAfter: Int, lineSpacing: Int
    public var heading: Text, legalBasis: Text, legalBasisPrefix: String
    public var tableText: Text, tableHeader: Text

    // Signature and recipients.
    /// The signer's column of the closing table; the recipients get the rest. Wide enough for an authority
    /// line such as "K/T TRƯỞNG BAN NỘI CHÍNH TỈNH ỦY," (about 290 pt in 14 pt bold) on one line.
    public var signerColumn = 6071
    public var authority: Text, signerTitle: Text, signerName: Text, signatureGapLines: Int
    public var recipientsLabel: Text, recipientsItem: Text

    /// The usable width between the margins.
    public var textWidth: Int { pageWidth - marginLeft - marginRight }
}

extension DocxStyleSheet {
    /// Hướng dẫn 36-HD/VPTW (2018), as summarised in DOCUMENT-STYLES.md. Right margin: the guide's 15 mm is
    /// unconfirmed, so the 20 mm that satisfies both it and the 1.5–2 cm is used.
    public static let party = DocxStyleSheet(
        pageNumber: Text(28),                                           // 14 pt, centred, not on page 1
        leftColumn: 4171, rightColumn: 4900,
        nationalLines: ["ĐẢNG CỘNG SẢN VIỆT NAM"],
        nationalStyles: [Text(30, bold: true, underline: true)],       // caps 15 bold, a rule underneath
        issuerParent: Text(28),                                         // caps 14 regular
        issuerName: Text(28, bold: true),                               // caps 14 bold
        issuerMark: .text("*"),                                         // a "*" on its own line, no rule
        numberPrefix: "Số ", number: Text(28),                          // "Số 05-KH/KTĐ", no colon, 14 pt
        placeDate: Text(28, italic: true),                              // 14 italic
        documentType: Text(32, bold: true),                             // caps 15–16 bold: 16
        summary: Text(28, bold: true),                                  // 14–15 bold: 14
        summaryMark: .text("-----"),                                    // then "-----"
        body: Text(28), firstLineIndent: 567, paragraphAfter: 120,     // 14–15; indent ≈ 10 mm; ≥ 6 pt
        lineSpacing: 240,                                               // single (36-HD leaves it open)
        heading: Text(28, bold: true),
        legalBasis: Text(28), legalBasisPrefix: "- ",                   // upright, with "- "
        tableText: Text(26), tableHeader: Text(26, bold: true),         // 13 pt in tables (convention)
        authority: Text(28, bold: true),                                // "K/T …" caps 14 bold
        signerTitle: Text(28),                                          // caps 14, not bold
        signerName: Text(28, bold: true),                               // 14 bold
        signatureGapLines: 4,
        recipientsLabel: Text(28, underline: true),                     // "Nơi nhận:" 14 underlined, not bold
        recipientsItem: Text(24))                                       // list 12

    /// Nghị định 30/2020/NĐ-CP, Phụ lục I.
    public static let state = DocxStyleSheet(
        pageNumber: Text(28),                                           // 13–14, centred, not on page 1
        leftColumn: 3571, rightColumn: 5500,
        nationalLines: ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        nationalStyles: [Text(24, bold: true),                          // caps 12–13 bold: 12 fits one line
                         Text(26, bold: true, underline: true)],        // 13–14 bold, rule as long as the line
        issuerParent: Text(24),                                         // caps 12–13 regular
        issuerName: Text(24, bold: true),                               // caps 12–13 bold
        issuerMark: .rule(width: 1200),                                 // short rule, 1/3–1/2 of the name
        numberPrefix: "Số: ", number: Text(26),                         // "Số: 05/KH-UBND", 13 pt
        placeDate: Text(28, italic: true),                              // 13–14 italic
        documentType: Text(28, bold: true),                             // caps 13–14 bold
        summary: Text(28, bold: true),                                  // 13–14 bold
        summaryMark: .rule(width: 1800),                                // a short rule underneath
        body: Text(28), firstLineIndent: 567, paragraphAfter: 120,     // 13–14; indent 1–1.27 cm; ≥ 6 pt
        lineSpacing: 240,                                               // single to 1.5
        heading: Text(28, bold: true),
        legalBasis: Text(28, italic: true), legalBasisPrefix: "",       // italic, ";" … "."
        tableText: Text(26), tableHeader: Text(26, bold: true),
        authority: Text(28, bold: true),                                // "KT. …" caps bold
        signerTitle: Text(28, bold: true),                              // caps bold
        signerName: Text(28, bold: true),                               // bold
        signatureGapLines: 4,
        recipientsLabel: Text(24, bold: true, italic: true),            // "Nơi nhận:" 12 bold italic
        recipientsItem: Text(22))                                       // list 11 upright
}
