import Foundation
import Testing
@testable import ThiDuaDocuments

@Suite struct DocxTemplateTests {
    typealias P = DocxProbe

    /// Word splits "{{signer.name}}" over three runs with a proofing mark and a bookmark in between; the
    /// tag still works, takes the first run's formatting, and the text after it keeps its own run.
    @Test func placeholderSplitAcrossThreeRuns() throws {
        let body = P.paragraph(P.run("Người ký: {{sig", "<w:b/>") + "<w:proofErr w:type=\"spellStart\"/>"
            + P.run("ner.na") + "<w:bookmarkStart w:id=\"0\" w:name=\"x\"/>" + P.run("me}} (ký tên)", "<w:i/>")
            + "<w:bookmarkEnd w:id=\"0\"/>")
        let template = try DocxTemplate(data: try P.docx(body: body))
        #expect(template.placeholders == ["signer.name"])
        try template.validate(known: ["signer", "signer.name"])
        let xml = try P.document(try template.render(["signer": .object(["name": "Nguyễn Văn An"])]))
        #expect(try P.text(xml).contains("Người ký: Nguyễn Văn An (ký tên)"))
        let bold = try #require(P.run(containing: "Nguyễn Văn An", in: xml))
        #expect(bold.contains("<w:b/>"))
        #expect(try #require(P.run(containing: " (ký tên)", in: xml)).contains("<w:i/>"))
    }

    /// Braces split between runs ("{" + "{name}" + "}") are found too.
    @Test func bracesSplitBetweenRuns() throws {
        let body = P.paragraph(P.run("Số {") + P.run("{number}") + P.run("}."))
        #expect(try P.renderText(body, ["number": "05-KH/KTĐ"]).contains("Số 05-KH/KTĐ."))
    }

    @Test func loopInTableRowRepeatsTheRow() throws {
        let body = P.table([["TT", "Đơn vị"], ["{{#units}}{{number}}", "{{name}}{{/units}}"], ["", "Tổng: {{total}}"]])
        let template = try DocxTemplate(data: try P.docx(body: body))
        #expect(template.placeholders == ["units", "number", "name", "total"])
        try template.validate(known: ["units", "units.number", "units.name", "total"])
        let units: DocxValue = .list([.object(["number": "1", "name": "Báo Lào Cai"]),
                                      .object(["number": "2", "name": "Ban Nội chính Tỉnh ủy"]),
                                      .object(["number": "3", "name": "Văn phòng Tỉnh ủy"])])
        let xml = try P.document(try template.render(["units": units, "total": "3"]))
        #expect(P.count("<w:tr>", in: xml) == 5)
        #expect(try P.paragraphs(xml).filter { !$0.isEmpty }
                == ["TT", "Đơn vị", "1", "Báo Lào Cai", "2", "Ban Nội chính Tỉnh ủy", "3", "Văn phòng Tỉnh ủy", "Tổng: 3"])
        let empty = try P.document(try template.render(["units": .list([]), "total": "0"]))
        #expect(P.count("<w:tr>", in: empty) == 2)
    }

    /// Paragraph loops inside one table cell repeat paragraphs, not the row; an empty list leaves the cell
    /// with an empty paragraph, since Word refuses a cell without one.
    @Test func paragraphLoopInsideACell() throws {
        let cell = "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>" + P.para("{{#names}}")
            + P.para("- {{.}}") + P.para("{{/names}}") + "</w:tc>"
        let body = "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"2000\"/></w:tblGrid><w:tr>\(cell)</w:tr></w:tbl>"
        let template = try DocxTemplate(data: try P.docx(body: body))
        let xml = try P.document(try template.render(["names": ["An", "Bình"]]))
        #expect(P.count("<w:tr>", in: xml) == 1)
        #expect(try P.paragraphs(xml).filter { !$0.isEmpty } == ["- An", "- Bình"])
        let empty = try P.document(try template.render(["names": []]))
        #expect(empty.contains("</w:tcPr><w:p/></w:tc>"))
    }

    /// Inside a nested loop a name is found in the item, then the enclosing item, then the root.
    @Test func nestedLoopFallsBackToOuterNames() throws {
        let body = P.para("{{#parts}}") + P.para("{{title}}:") + P.para("{{#items}}")
            + P.para("({{number}}) {{text}} – {{title}} – {{bloc}}") + P.para("{{/items}}") + P.para("{{/parts}}")
        let template = try DocxTemplate(data: try P.docx(body: body))
        try template.validate(known: ["bloc", "parts", "parts.title", "parts.items", "parts.items.number",
                                      "parts.items.text"])
        let value: DocxValue = ["bloc": "Khối Đảng", "parts": .list([
            .object(["title": "Phần I", "items": .list([.object(["number": "1", "text": "Tổng kết"]),
                                                         .object(["number": "2", "text": "Chấm điểm"])])]),
            .object(["title": "Phần II", "items": .list([.object(["number": "3", "text": "Bình xét",
                                                                   "title": "Riêng"])])]),
        ])]
        let xml = try P.document(try template.render(value))
        #expect(try P.paragraphs(xml).filter { !$0.isEmpty } == [
            "Phần I:", "(1) Tổng kết – Phần I – Khối Đảng", "(2) Chấm điểm – Phần I – Khối Đảng",
            "Phần II:", "(3) Bình xét – Riêng – Khối Đảng",
        ])
        // The tag-only paragraphs are gone, not left blank.
        #expect(P.count("<w:p>", in: xml) == 5)
    }

    @Test func conditionalKeepsOrDropsItsParagraphs() throws {
        let body = P.para("Đầu") + P.para("{{?signer.prefix}}{{signer.prefix}}{{/signer.prefix}}")
            + P.para("{{?notes}}") + P.para("Ghi chú:") + P.para("{{#notes}}- {{.}}{{/notes}}") + P.para("{{/notes}}")
            + P.para("Cuối")
        let template = try DocxTemplate(data: try P.docx(body: body))
        try template.validate(known: ["signer", "signer.prefix", "notes"])
        let shown = try P.document(try template.render(["signer": .object(["prefix": "K/T TRƯỞNG BAN"]),
                                                        "notes": .list(["a", "b"])]))
        #expect(try P.paragraphs(shown).filter { !$0.isEmpty } == ["Đầu", "K/T TRƯỞNG BAN", "Ghi chú:", "- a- b", "Cuối"])
        let hidden = try P.document(try template.render(["signer": .object(["prefix": " "]), "notes": .list([])]))
        #expect(try P.paragraphs(hidden) == ["Đầu", "Cuối", ""])
        #expect(P.count("<w:p>", in: hidden) == 2)
    }

    @Test func truthiness() {
        #expect(DocxValue.text("x").isTruthy && DocxValue.bool(true).isTruthy && DocxValue.list(["a"]).isTruthy)
        #expect(!DocxValue.text("  ").isTruthy && !DocxValue.bool(false).isTruthy && !DocxValue.list([]).isTruthy)
    }

    @Test func textIsEscapedNormalisedAndBroken() throws {
        let decomposed = "Nguye\u{302}\u{303}n"  // "Nguyễn" in NFD, as macOS file names and some inputs give it
        let body = P.para("{{a}}")
        let xml = try P.document(try DocxTemplate(data: try P.docx(body: body))
            .render(["a": .text("A & B <c> \"d\"\n\(decomposed)\tx\u{1}")]))
        #expect(xml.contains("A &amp; B &lt;c&gt; &quot;d&quot;</w:t><w:br/><w:t xml:space=\"preserve\">Nguyễn</w:t>"
                             + "<w:tab/><w:t xml:space=\"preserve\">x</w:t>"))
        #expect(!xml.contains("\u{1}"))
        #expect(try DocxXMLScanner.tokens(Array(xml.utf8)).count > 0)
    }

    @Test func placeholdersListsNamesAsWritten() throws {
        let body = P.para("{{#steps}}") + P.para("{{number}} {{who}} {{.}}") + P.para("{{/steps}}")
            + P.para("{{?flag}}x{{/flag}} {{signer.name}}")
        #expect(try DocxTemplate(data: try P.docx(body: body)).placeholders
                == ["steps", "number", "who", "flag", "signer.name"])
    }

    /// Loops whose tags share paragraphs with other text repeat exactly the XML between the tags, even when
    /// that crosses run or paragraph boundaries; the result must still be well-formed.
    @Test func inlineLoopsAcrossRunsAndParagraphs() throws {
        let runs = P.paragraph(P.run("Tên: {{#names}}", "<w:b/>") + P.run("{{.}}, ") + P.run("{{/names}}hết", "<w:i/>"))
        let across = P.para("Căn cứ: {{#bases}}") + P.para("[{{text}}]") + P.para("{{/bases}} (hết)")
        let template = try DocxTemplate(data: try P.docx(body: runs + across))
        let value: DocxValue = ["names": ["An", "Bình"], "bases": [["text": "QĐ 3666"], ["text": "VB 1355"]]]
        let xml = try P.document(try template.render(value))
        #expect(try DocxXMLScanner.tokens(Array(xml.utf8)).count > 0)
        #expect(try P.paragraphs(xml).filter { !$0.isEmpty }
                == ["Tên: An, Bình, hết", "Căn cứ: ", "[QĐ 3666]", "[VB 1355]", " (hết)"])
        let none = try P.document(try template.render(["names": [], "bases": []]))
        #expect(try P.paragraphs(none).filter { !$0.isEmpty } == ["Tên: hết", "Căn cứ:  (hết)"])
    }

    /// A loop over an object makes its fields visible by their short names.
    @Test func loopOverAnObject() throws {
        let body = P.para("{{#signer}}{{position}} {{name}}{{/signer}}")
        let template = try DocxTemplate(data: try P.docx(body: body))
        try template.validate(known: ["signer", "signer.position", "signer.name"])
        #expect(try P.renderText(body, ["signer": ["position": "PHÓ TRƯỞNG BAN", "name": "Nguyễn Minh Khoa"]])
                .contains("PHÓ TRƯỞNG BAN Nguyễn Minh Khoa"))
    }
}
