import Foundation

/// The parts every official document shares, laid out per house style: the header block, the title,
/// and the recipients-and-signature block. Placeholders used: `issuer.parent`, `issuer.name`, `number`,
/// `place`, `date`, `summary`, `signer.prefix`, `signer.position`, `signer.name`, `recipients` (`text`, `end`).
enum DocxOfficialBlocks {
    typealias ML = DocxWordML

    static let headerPlaceholders: Set<String> = ["issuer", "issuer.parent", "issuer.name", "number", "place", "date"]
    static let signaturePlaceholders: Set<String> = [
        "signer", "signer.prefix", "signer.position", "signer.name", "recipients", "recipients.text", "recipients.end",
    ]

    static func centred(_ runs: [String], mark: DocxStyleSheet.Text, after: Int = 0) -> String {
        ML.paragraph(runs, DocxParagraphFormat(alignment: .center, after: after), mark: mark)
    }

    /// A paragraph kept only when `name` has a value: the whole paragraph is the conditional's content.
    static func optional(_ name: String, _ text: String, _ style: DocxStyleSheet.Text,
                         alignment: DocxParagraphFormat.Alignment = .center) -> String {
        ML.paragraph([ML.run("{{?\(name)}}\(text){{/\(name)}}", style)], DocxParagraphFormat(alignment: alignment),
                     mark: style)
    }

    /// Two rows of a borderless table, so the number (left) and the place and date (right) share a line.
    /// Party (HD 36): parent body caps regular, issuing body caps bold, "*" below, "Số 05-KH/KTĐ";
    /// right "ĐẢNG CỘNG SẢN VIỆT NAM" bold with a rule. State (ND 30): the same left column with a short rule
    /// instead of "*" and "Số: …"; right the national title and motto, the motto underlined.
    /// `optionalNumber` drops the "Số …" line when `number` is empty (a count minutes or a score summary is
    /// often unnumbered); the cell then keeps an empty paragraph.
    static func header(_ sheet: DocxStyleSheet, optionalNumber: Bool = false) -> String {
        var left = [optional("issuer.parent", "{{issuer.parent}}", sheet.issuerParent),
                    centred([ML.run("{{issuer.name}}", sheet.issuerName)], mark: sheet.issuerName)]
        switch sheet.issuerMark {
        case .text(let mark): left.append(centred([ML.run(mark, sheet.issuerName)], mark: sheet.issuerName))
        case .rule(let width): left.append(ML.rule(width: width, within: sheet.leftColumn - 170))
        }
        let right = zip(sheet.nationalLines, sheet.nationalStyles).map { line, style in
            centred([ML.run(line, style)], mark: style)
        }
        // Space above the second row keeps the number clear of the rule or "*" above it.
        let secondRow = DocxParagraphFormat(alignment: .center, before: 120)
        let numberText = optionalNumber ? "{{?number}}\(sheet.numberPrefix){{number}}{{/number}}" : "\(sheet.numberPrefix){{number}}"
        let number = ML.paragraph([ML.run(numberText, sheet.number)], secondRow, mark: sheet.number)
        let date = ML.paragraph([ML.run("{{place}}, {{date}}", sheet.placeDate)], secondRow, mark: sheet.placeDate)
        let columns = [sheet.leftColumn, sheet.rightColumn]
        return ML.table(columns: columns, rows: [
            ML.row([ML.cell(width: columns[0], left), ML.cell(width: columns[1], right)]),
            ML.row([ML.cell(width: columns[0], [number]), ML.cell(width: columns[1], [date])]),
        ], borders: false)
    }

    /// The document type in capitals ("KẾ HOẠCH") and the summary, with "-----" (Party) or a short rule (State).
    /// `before` is the space above the type line; the one-page landscape summary takes less.
    static func title(_ kind: String, _ sheet: DocxStyleSheet, before: Int = 360) -> String {
        var out = ML.paragraph([ML.run(kind, sheet.documentType)],
                               DocxParagraphFormat(alignment: .center, before: before, keepNext: true), mark: sheet.documentType)
        out += ML.paragraph([ML.run("{{summary}}", sheet.summary)],
                            DocxParagraphFormat(alignment: .center, keepNext: true), mark: sheet.summary)
        switch sheet.summaryMark {
        case .text(let mark):
            out += ML.paragraph([ML.run(mark, sheet.summary)], DocxParagraphFormat(alignment: .center, after: 240),
                                mark: sheet.summary)
        case .rule(let width):
            out += ML.rule(width: width, within: sheet.textWidth)
            out += ML.paragraph([], DocxParagraphFormat(alignment: .center, after: 120), mark: sheet.body)
        }
        return out
    }

    /// Recipients bottom left, level with the signature on the right. The authority line ("K/T …", "KT. …")
    /// appears only when set; room is left for the signature and seal above the name.
    /// `left` replaces the recipients (a score summary has no "Nơi nhận" and puts its notes there).
    static func signature(_ sheet: DocxStyleSheet, left: [String]? = nil) -> String {
        let rightWidth = sheet.signerColumn, leftWidth = sheet.textWidth - rightWidth
        let label = ML.paragraph([ML.run("Nơi nhận:", sheet.recipientsLabel)],
                                 DocxParagraphFormat(alignment: .left), mark: sheet.recipientsLabel)
        let item = ML.paragraph([ML.run("- {{text}}{{end}}", sheet.recipientsItem)],
                                DocxParagraphFormat(alignment: .left), mark: sheet.recipientsItem)
        let recipients = [label, ML.tag("{{#recipients}}", sheet.recipientsItem), item,
                          ML.tag("{{/recipients}}", sheet.recipientsItem)]
        var signer = [optional("signer.prefix", "{{signer.prefix}}", sheet.authority),
                      centred([ML.run("{{signer.position}}", sheet.signerTitle)], mark: sheet.signerTitle)]
        signer += Array(repeating: centred([], mark: sheet.body), count: sheet.signatureGapLines)
        signer.append(centred([ML.run("{{signer.name}}", sheet.signerName)], mark: sheet.signerName))
        // A sliver of space above the block, not a whole empty line: one-page documents need the room.
        return ML.paragraph([], DocxParagraphFormat(after: 0), mark: DocxStyleSheet.Text(20))
            + ML.table(columns: [leftWidth, rightWidth], rows: [
                ML.row([ML.cell(width: leftWidth, left ?? recipients), ML.cell(width: rightWidth, signer)]),
            ], borders: false)
    }
}
