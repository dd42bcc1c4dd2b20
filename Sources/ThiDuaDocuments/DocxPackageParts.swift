import Foundation

/// The fixed parts of a generated `.docx`: everything except `word/document.xml`.
enum DocxPackageParts {
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    static let relationshipNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// All parts in the order Word writes them, `[Content_Types].xml` first (some readers sniff it there).
    static func all(document: String, style: DocxStyleSheet) -> [DocxPackage.Entry] {
        [("[Content_Types].xml", contentTypes), ("_rels/.rels", rootRelationships),
         ("word/document.xml", document), ("word/_rels/document.xml.rels", documentRelationships),
         ("word/styles.xml", styles(style)), ("word/settings.xml", settings), ("word/fontTable.xml", fontTable(style)),
         ("word/header1.xml", pageNumberHeader(style)), ("word/header2.xml", emptyHeader)]
            .map { DocxPackage.Entry(path: $0.0, data: Data($0.1.utf8)) }
    }

    static let contentTypes = declaration + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/word/settings.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
        <Override PartName="/word/fontTable.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>\
        <Override PartName="/word/header1.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>\
        <Override PartName="/word/header2.xml" \
        ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>\
        </Types>
        """

    static let rootRelationships = declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" \
        Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" \
        Target="word/document.xml"/></Relationships>
        """

    static let documentRelationships = declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="\(relationshipNamespace)/styles" Target="styles.xml"/>\
        <Relationship Id="rId2" Type="\(relationshipNamespace)/settings" Target="settings.xml"/>\
        <Relationship Id="rId3" Type="\(relationshipNamespace)/fontTable" Target="fontTable.xml"/>\
        <Relationship Id="rId4" Type="\(relationshipNamespace)/header" Target="header1.xml"/>\
        <Relationship Id="rId5" Type="\(relationshipNamespace)/header" Target="header2.xml"/>\
        </Relationships>
        """

    /// Section properties: A4, the style's margins, page numbers from page 2 (`titlePg` with an empty
    /// first-page header), as both ND 30/2020 and HD 36 want.
    static func sectionProperties(_ style: DocxStyleSheet) -> String {
        "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId4\"/><w:headerReference w:type=\"first\" r:id=\"rId5\"/>"
            + "<w:pgSz w:w=\"\(style.pageWidth)\" w:h=\"\(style.pageHeight)\"/>"
            + "<w:pgMar w:top=\"\(style.marginTop)\" w:right=\"\(style.marginRight)\" w:bottom=\"\(style.marginBottom)\" "
            + "w:left=\"\(style.marginLeft)\" w:header=\"\(style.headerDistance)\" w:footer=\"\(style.headerDistance)\" "
            + "w:gutter=\"0\"/><w:cols w:space=\"720\"/><w:titlePg/><w:docGrid w:linePitch=\"360\"/></w:sectPr>"
    }

    /// The document element around `body`.
    static func document(body: String, style: DocxStyleSheet) -> String {
        declaration + "<w:document xmlns:w=\"\(wordNamespace)\" xmlns:r=\"\(relationshipNamespace)\"><w:body>"
            + body + sectionProperties(style) + "</w:body></w:document>"
    }

    /// Times New Roman for every script (Vietnamese is Latin, but Word picks the East Asian or complex-script
    /// slot for some characters), body size, black text, Vietnamese proofing language.
    static func styles(_ style: DocxStyleSheet) -> String {
        let font = DocxWordML.escape(style.font)
        return declaration + "<w:styles xmlns:w=\"\(wordNamespace)\"><w:docDefaults><w:rPrDefault><w:rPr>"
            + "<w:rFonts w:ascii=\"\(font)\" w:hAnsi=\"\(font)\" w:eastAsia=\"\(font)\" w:cs=\"\(font)\"/>"
            + "<w:color w:val=\"000000\"/><w:sz w:val=\"\(style.body.size)\"/><w:szCs w:val=\"\(style.body.size)\"/>"
            + "<w:lang w:val=\"vi-VN\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/></w:rPr></w:rPrDefault>"
            + "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
            + "</w:docDefaults>"
            + "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>"
            + "<w:rPr><w:rFonts w:ascii=\"\(font)\" w:hAnsi=\"\(font)\" w:eastAsia=\"\(font)\" w:cs=\"\(font)\"/></w:rPr>"
            + "</w:style>"
            + "<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\">"
            + "<w:name w:val=\"Default Paragraph Font\"/><w:uiPriority w:val=\"1\"/><w:semiHidden/></w:style>"
            + "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
            + "<w:semiHidden/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>"
            + "<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/>"
            + "<w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
            + "<w:style w:type=\"paragraph\" w:styleId=\"Header\"><w:name w:val=\"header\"/><w:basedOn w:val=\"Normal\"/>"
            + "</w:style></w:styles>"
    }

    static let settings = declaration + """
        <w:settings xmlns:w="\(wordNamespace)"><w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/>\
        <w:characterSpacingControl w:val="doNotCompress"/><w:compat>\
        <w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>\
        </w:compat></w:settings>
        """

    static func fontTable(_ style: DocxStyleSheet) -> String {
        declaration + "<w:fonts xmlns:w=\"\(wordNamespace)\"><w:font w:name=\"\(DocxWordML.escape(style.font))\">"
            + "<w:panose1 w:val=\"02020603050405020304\"/><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/>"
            + "<w:pitch w:val=\"variable\"/></w:font></w:fonts>"
    }

    /// The page number, centred in the top margin, as a PAGE field.
    static func pageNumberHeader(_ style: DocxStyleSheet) -> String {
        let properties = DocxWordML.runProperties(style.pageNumber)
        return declaration + "<w:hdr xmlns:w=\"\(wordNamespace)\" xmlns:r=\"\(relationshipNamespace)\">"
            + "<w:p><w:pPr><w:pStyle w:val=\"Header\"/><w:jc w:val=\"center\"/></w:pPr>"
            + "<w:r>\(properties)<w:fldChar w:fldCharType=\"begin\"/></w:r>"
            + "<w:r>\(properties)<w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
            + "<w:r>\(properties)<w:fldChar w:fldCharType=\"separate\"/></w:r>"
            + "<w:r>\(properties)<w:t>2</w:t></w:r>"
            + "<w:r>\(properties)<w:fldChar w:fldCharType=\"end\"/></w:r></w:p></w:hdr>"
    }

    static let emptyHeader = declaration + """
        <w:hdr xmlns:w="\(wordNamespace)" xmlns:r="\(relationshipNamespace)"><w:p><w:pPr>\
        <w:pStyle w:val="Header"/></w:pPr></w:p></w:hdr>
        """
}
