import Foundation
import Testing
@testable import ThiDuaDocuments

@Suite struct DocxTemplateErrorTests {
    typealias P = DocxProbe

    static func error(_ body: String, known: Set<String>) throws -> DocxTemplateError {
        let template = try DocxTemplate(data: try P.docx(body: body))
        do {
            try template.validate(known: known)
        } catch {
            return error
        }
        Issue.record("validate accepted the template")
        return DocxTemplateError(.badData, "")
    }

    static func loadError(_ data: Data) -> DocxTemplateError? {
        do {
            _ = try DocxTemplate(data: data)
            return nil
        } catch {
            return error
        }
    }

    @Test func unknownPlaceholderIsNamedWithItsPath() throws {
        let body = P.para("{{number}}") + P.para("{{#steps}}") + P.para("{{who}} {{whom}}") + P.para("{{/steps}}")
            + P.para("{{signer.nam}}")
        let error = try Self.error(body, known: ["number", "steps", "steps.who", "signer", "signer.name"])
        #expect(error.reason == .unknownPlaceholder)
        #expect(error.placeholders == ["steps.whom", "signer.nam"])
        #expect(error.message.contains("“{{whom}}” (steps.whom)"))
        #expect(error.message.contains("“{{signer.nam}}”"))
        #expect(error.message.hasPrefix("Mẫu dùng trường không có trong dữ liệu"))
    }

    @Test func unknownLoopAndCurrentItemOutsideALoop() throws {
        let error = try Self.error(P.para("{{#rows}}x{{/rows}} {{.}}"), known: [])
        #expect(error.placeholders == ["rows", "."])
    }

    @Test func unbalancedLoopIsRefused() throws {
        let unclosed = try Self.error(P.para("{{#steps}}") + P.para("{{who}}"), known: ["steps", "steps.who"])
        #expect(unclosed.reason == .unbalanced)
        #expect(unclosed.message == "“{{#steps}}” chưa được đóng (thiếu “{{/steps}}”).")

        let mismatched = try Self.error(P.para("{{#steps}}") + P.para("{{?flag}}") + P.para("{{/steps}}")
                                        + P.para("{{/flag}}"), known: ["steps", "flag"])
        #expect(mismatched.reason == .unbalanced)
        #expect(mismatched.message.contains("“{{?flag}}” lại được đóng bằng “{{/steps}}”"))

        let stray = try Self.error(P.para("{{/steps}}"), known: ["steps"])
        #expect(stray.message == "Thẻ đóng “{{/steps}}” không có thẻ mở tương ứng.")

        let open = try Self.error(P.para("Số {{number"), known: ["number"])
        #expect(open.reason == .unbalanced)
        #expect(open.message.contains("{{number"))
    }

    @Test func renderRefusesWhatValidateRefuses() throws {
        let template = try DocxTemplate(data: try P.docx(body: P.para("{{#steps}}")))
        #expect(throws: DocxTemplateError.self) { try template.render(["steps": []]) }
    }

    @Test func invalidTagName() throws {
        let error = try Self.error(P.para("{{số hiệu}}"), known: [])
        #expect(error.reason == .unknownPlaceholder)
        #expect(error.message.contains("{{số hiệu}}"))
    }

    /// A loop opened in a table cell and closed after the table cannot be repeated as valid XML.
    @Test func loopAcrossTableBoundaryIsRefused() throws {
        let body = P.table([["{{#rows}}a", "b"]]) + P.para("{{/rows}}")
        let error = try Self.error(body, known: ["rows"])
        #expect(error.reason == .misplaced)
        #expect(error.message.contains("{{#rows}}"))
    }

    @Test func missingOrWronglyTypedDataFailsRender() throws {
        let template = try DocxTemplate(data: try P.docx(body: P.para("{{a}}") + P.para("{{#b}}x{{/b}}")))
        #expect(throws: DocxTemplateError(.badData, "Thiếu dữ liệu cho trường “{{a}}”.", placeholders: ["a"])) {
            try template.render(["b": []])
        }
        #expect(throws: DocxTemplateError(.badData, "Trường “{{a}}” phải là văn bản.", placeholders: ["a"])) {
            try template.render(["a": ["x"], "b": []])
        }
        #expect(throws: DocxTemplateError(.badData, "Thiếu danh sách cho vòng lặp “{{#b}}”.", placeholders: ["b"])) {
            try template.render(["a": "x"])
        }
    }

    @Test func randomBytesAreNotADocx() throws {
        let error = try #require(Self.loadError(noise(4096)))
        #expect(error.reason == .notDocx)
        #expect(error.message.hasPrefix("Tệp mẫu không phải .docx hợp lệ: "))
        #expect(Self.loadError(Data())?.reason == .notDocx)
        // Random bytes behind a ZIP signature.
        #expect(Self.loadError(Data("PK\u{3}\u{4}".utf8) + noise(4096))?.reason == .notDocx)
    }

    /// Truncation at several points: the directory is lost, or an entry's data is cut short.
    @Test(.timeLimit(.minutes(1))) func truncatedDocxIsRefused() throws {
        let whole = BuiltInTemplate.docx(.plan, style: .party)
        for keep in [whole.count - 1, whole.count - 30, whole.count / 2, 100] {
            let error = try #require(Self.loadError(whole.prefix(keep)), "cut to \(keep)")
            #expect(error.message.hasPrefix("Tệp mẫu không phải .docx hợp lệ: "))
        }
    }

    @Test func damagedEntryAndOtherZipsAreRefused() throws {
        let xml = Data("<w:document/>".utf8)
        var good = RawZipEntry(name: "word/document.xml", method: 8, payload: try deflate(xml),
                               crc32: xml.crc32(checksum: 0), uncompressedSize: UInt32(xml.count))
        let types = Data(wordContentTypes.utf8)
        let typesEntry = RawZipEntry(name: "[Content_Types].xml", method: 0, payload: types,
                                     crc32: types.crc32(checksum: 0), uncompressedSize: UInt32(types.count))
        #expect(Self.loadError(handZip([typesEntry, good])) == nil)
        good.crc32 ^= 1
        #expect(Self.loadError(handZip([typesEntry, good]))?.message.contains("word/document.xml") == true)
        // An .xlsx is a fine ZIP but not a Word document.
        let xlsx = try XLSXWriter.data([XLSXSheet(name: "A", rows: [[.text("x")]])])
        #expect(Self.loadError(xlsx)?.message.contains("word/document.xml") == true)
    }

    @Test func malformedXMLIsRefused() throws {
        let error = try #require(Self.loadError(try P.docx(body: "<w:p><w:r><w:t>x</w:r></w:p>")))
        #expect(error.reason == .notDocx)
        #expect(error.message.contains("word/document.xml") && error.message.contains("XML"))
        let doctype = try P.docx(body: "").replacingXML { "<!DOCTYPE x [<!ENTITY a \"b\">]>" + $0 }
        #expect(Self.loadError(doctype)?.reason == .notDocx)
    }
}

extension Data {
    /// The same package with `word/document.xml` transformed, for crafting broken documents.
    func replacingXML(_ change: (String) -> String) throws -> Data {
        let package = try DocxPackage(reading: self)
        let xml = String(decoding: try #require(package["word/document.xml"]), as: UTF8.self)
        return try package.write(replacing: ["word/document.xml": Data(change(xml).utf8)])
    }
}
