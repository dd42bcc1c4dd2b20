import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaDocuments

/// The built-in plan filled with the 2023 scenario, opened again and checked against DOCUMENT-STYLES.md
/// and SCENARIO-2023.md.
@Suite struct DocxPlanTests {
    typealias P = DocxProbe

    static func rendered(_ style: HouseStyle, _ plan: PlanData = .scenario2023) throws -> Data {
        let template = try DocxTemplate(data: BuiltInTemplate.docx(.plan, style: style))
        try template.validate(known: BuiltInTemplate.knownPlaceholders(.plan))
        return try template.render(PlanDocument.value(plan))
    }

    @Test(arguments: HouseStyle.allCases)
    func pageAndFonts(style: HouseStyle) throws {
        let parts = try P.parts(try Self.rendered(style))
        let xml = try #require(parts["word/document.xml"])
        #expect(xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
        #expect(xml.contains("<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1701\""))
        #expect(xml.contains("<w:titlePg/>"), "no page number on page 1")
        let styles = try #require(parts["word/styles.xml"])
        #expect(styles.contains("<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
                                + "w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"))
        #expect(styles.contains("<w:sz w:val=\"28\"/>"))
        #expect(try #require(parts["word/fontTable.xml"]).contains("w:name=\"Times New Roman\""))
        #expect(try #require(parts["word/header1.xml"]).contains(" PAGE "))
        // No font other than Times New Roman is named anywhere.
        for (path, text) in parts where path.hasSuffix(".xml") {
            for element in ["<w:rFonts ", "<w:font "] {
                for rest in text.components(separatedBy: element).dropFirst() {
                    let values = rest.prefix { $0 != ">" }.split(separator: "\"").enumerated()
                        .filter { $0.offset % 2 == 1 }.map { String($0.element) }
                    #expect(!values.isEmpty && values.allSatisfy { $0 == "Times New Roman" }, "\(path): \(values)")
                }
            }
        }
        #expect(!xml.contains("{{") && !xml.contains("}}"), "every tag replaced")
        #expect(try DocxXMLScanner.tokens(Array(xml.utf8)).count > 100)
    }

    @Test func partyHeaderBlock() throws {
        let xml = try P.document(try Self.rendered(.party))
        let header = try #require(P.table(containing: "ĐẢNG CỘNG SẢN VIỆT NAM", in: xml))
        #expect(!header.contains("w:val=\"single\" w:sz=\"4\""), "header table has no borders")
        #expect(try P.paragraphs(header).filter { !$0.isEmpty } == [
            "TỈNH ỦY LÀO CAI", "KHỐI THI ĐUA CÁC CƠ QUAN TỈNH ỦY", "*", "ĐẢNG CỘNG SẢN VIỆT NAM",
            "Số 05-KH/KTĐ", "Lào Cai, ngày 28 tháng 11 năm 2023",
        ])
        let party = try #require(P.run(containing: "ĐẢNG CỘNG SẢN VIỆT NAM", in: xml))
        #expect(party.contains("<w:b/>") && party.contains("<w:u w:val=\"single\"/>") && party.contains("w:val=\"30\""))
        // Bold, and broken between word groups: "KHỐI THI ĐUA" / "CÁC CƠ QUAN TỈNH ỦY", never inside "cơ quan".
        let issuer = try #require(P.run(containing: "CÁC CƠ QUAN TỈNH ỦY", in: xml))
        #expect(issuer.contains("<w:b/>") && issuer.contains("KHỐI THI ĐUA</w:t><w:br/><w:t xml:space=\"preserve\">CÁC CƠ QUAN TỈNH ỦY"))
        #expect(!(try #require(P.run(containing: "TỈNH ỦY LÀO CAI", in: xml)).contains("<w:b/>")))
        #expect(try #require(P.run(containing: "Lào Cai, ngày", in: xml)).contains("<w:i/>"))
        #expect(!xml.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"))
        // Signer: authority bold, position not bold (HD 36), name bold; recipients label underlined 14.
        #expect(try #require(P.run(containing: "PHÓ TRƯỞNG BAN", in: xml)).contains("<w:b/>") == false)
        #expect(try #require(P.run(containing: "K/T TRƯỞNG BAN", in: xml)).contains("<w:b/>"))
        #expect(try #require(P.run(containing: "Nguyễn Minh Khoa", in: xml)).contains("<w:b/>"))
        let label = try #require(P.run(containing: "Nơi nhận:", in: xml))
        #expect(label.contains("<w:u w:val=\"single\"/>") && !label.contains("<w:b/>") && label.contains("w:val=\"28\""))
        let title = try #require(P.run(containing: "KẾ HOẠCH<", in: xml))
        #expect(title.contains("<w:b/>") && title.contains("w:val=\"32\""))
    }

    @Test func stateHeaderBlock() throws {
        let xml = try P.document(try Self.rendered(.state))
        let header = try #require(P.table(containing: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", in: xml))
        #expect(try P.paragraphs(header).filter { !$0.isEmpty } == [
            "TỈNH ỦY LÀO CAI", "KHỐI THI ĐUA CÁC CƠ QUAN TỈNH ỦY", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Độc lập - Tự do - Hạnh phúc", "Số: 05-KH/KTĐ", "Lào Cai, ngày 28 tháng 11 năm 2023",
        ])
        #expect(try #require(P.run(containing: "CỘNG HÒA XÃ HỘI", in: xml)).contains("<w:b/>"))
        let motto = try #require(P.run(containing: "Độc lập - Tự do - Hạnh phúc", in: xml))
        #expect(motto.contains("<w:b/>") && motto.contains("<w:u w:val=\"single\"/>"))
        #expect(header.contains("<w:pBdr><w:bottom"), "short rule under the issuing body")
        #expect(!xml.contains("ĐẢNG CỘNG SẢN VIỆT NAM"))
        let label = try #require(P.run(containing: "Nơi nhận:", in: xml))
        #expect(label.contains("<w:b/>") && label.contains("<w:i/>") && label.contains("w:val=\"24\""))
        #expect(try #require(P.run(containing: "- Ban TĐKT tỉnh;", in: xml)).contains("w:val=\"22\""))
        #expect(try #require(P.run(containing: "Căn cứ Quyết định", in: xml)).contains("<w:i/>"))
        #expect(try #require(P.run(containing: "PHÓ TRƯỞNG BAN", in: xml)).contains("<w:b/>"))
    }

    /// Every date, number, legal basis and agenda item of SCENARIO-2023.md appears, in NFC.
    @Test func scenarioFactsArePresent() throws {
        let text = try P.text(try P.document(try Self.rendered(.party)))
        let facts = [
            "Số 05-KH/KTĐ", "Lào Cai, ngày 28 tháng 11 năm 2023", "KẾ HOẠCH",
            "Tổng kết phong trào thi đua, công tác khen thưởng năm 2023 của Khối Thi đua các cơ quan Tỉnh ủy",
            "Quyết định số 3666/QĐ-UBND, ngày 13/10/2021", "Văn bản số 1355/SNV-TDKT, ngày 24/10/2023",
            "Kế hoạch số 01-KH/KTĐ, ngày 02/3/2023", "Văn bản số 1560/SNV-TDKT, ngày 17/11/2021", "mẫu số 01",
            "Ban Nội chính Tỉnh ủy Lào Cai (đơn vị Trưởng Khối", "Báo Lào Cai (Phó Trưởng Khối Thi đua năm 2023)",
            "đề ra phương hướng, nhiệm vụ, giải pháp trong năm 2024", "Biểu dương, khen thưởng kịp thời",
            "đảm bảo thực hiện theo đúng quy định", "Tổ chức Hội nghị trực tiếp.",
            "2.2. Thời gian: ½ ngày, dự kiến ngày 19/12/2023 (Thứ Ba). Thời gian chính thức sẽ có giấy mời sau.", "Phòng họp Ban Chấp hành Đảng bộ tỉnh hoặc Báo Lào Cai",
            "- Ban Thi đua - Khen thưởng tỉnh: Đại diện lãnh đạo", "Phòng Nghiệp vụ 3", "Phóng viên",
            "Đài Phát thanh - Truyền hình tỉnh và Báo Lào Cai", "* Phần I:", "* Phần II:",
            "(1) Tổng kết đánh giá kết quả hoạt động", "- Thảo luận, trao đổi kinh nghiệm",
            "(2) Thống nhất việc chấm điểm", "(3) Bình xét thi đua, suy tôn đề nghị tặng Cờ Thi đua của Chủ tịch UBND tỉnh",
            "(4) Công bố Quyết định tặng thưởng điển hình tiên tiến", "(5) Bầu đơn vị Trưởng Khối, Phó Trưởng Khối",
            "Maket hội nghị: Có phụ biểu kèm theo.", "trước ngày 05/12/2023", "trước ngày 11/12/2023",
            "tối đa không quá 01 trang A4", "01 tập thể, 01 cá nhân", "trước ngày 22/12/2023", "trước ngày 25/12/2023",
            "Sau 03 ngày tổ chức hội nghị", "Sau 05 ngày tổ chức hội nghị tổng kết", "./.",
            "K/T TRƯỞNG BAN NỘI CHÍNH TỈNH ỦY, TRƯỞNG KHỐI THI ĐUA", "PHÓ TRƯỞNG BAN", "Nguyễn Minh Khoa",
            "Nơi nhận:", "- Ban TĐKT tỉnh;", "- Báo Lào Cai (Phó Khối);", "- Lãnh đạo Ban Nội chính Tỉnh ủy;",
            "- Phòng Nghiệp vụ 3 Ban Nội chính Tỉnh ủy;", "- Lưu Ban Nội chính Tỉnh ủy.",
        ]
        for fact in facts {
            #expect(text.contains(fact.precomposedStringWithCanonicalMapping), "missing: \(fact)")
        }
        #expect(text == text.precomposedStringWithCanonicalMapping)
        // Only invented addresses: every e-mail domain is example.org.
        #expect(text.components(separatedBy: "@").dropFirst().allSatisfy { $0.hasPrefix("example.org") })
    }

    @Test func stepsTableHasOneRowPerStep() throws {
        let xml = try P.document(try Self.rendered(.party))
        let table = try #require(P.table(containing: "Thời hạn", in: xml))
        let steps = PlanData.scenario2023.steps
        #expect(steps.count == 10)
        #expect(P.count("<w:tr>", in: table) == 1 + steps.count)
        #expect(P.count("<w:tblHeader/>", in: table) == 1)
        let cells = try P.paragraphs(table).filter { !$0.isEmpty }
        #expect(Array(cells.prefix(4)) == ["TT", "Đơn vị thực hiện", "Nội dung công việc", "Thời hạn"])
        for (index, step) in steps.enumerated() {
            #expect(Array(cells[(4 + 4 * index)..<(8 + 4 * index)]) == [step.number, step.who, step.what, step.due])
        }
        #expect(steps[8].due == "Trong 03 ngày sau hội nghị (trước ngày 22/12/2023)")
    }

    @Test func builtInTemplateNamesMatchThePlanData() throws {
        let known = BuiltInTemplate.knownPlaceholders(.plan)
        #expect(PlanDocument.value(.scenario2023).placeholderPaths == known)
        for style in HouseStyle.allCases {
            let template = try DocxTemplate(data: BuiltInTemplate.docx(.plan, style: style))
            try template.validate(known: known)
            #expect(template.placeholders.isSuperset(of: ["issuer.parent", "issuer.name", "number", "steps", "signer.name"]))
        }
    }

    @Test func renderingIsDeterministicAndTheAuthorityLineIsOptional() throws {
        #expect(try Self.rendered(.party) == (try Self.rendered(.party)))
        var plan = PlanData.scenario2023
        plan.signer = .init(prefix: "", position: "TRƯỞNG BAN", name: "Nguyễn Minh Khoa")
        plan.conference.backdrop = ""
        let text = try P.text(try P.document(try Self.rendered(.party, plan)))
        #expect(!text.contains("K/T") && text.contains("TRƯỞNG BAN") && !text.contains("Maket"))
    }

    @Test func datesFollowTheLeadingZeroRule() {
        #expect(PlanDocument.dateInWords(LocalDate(year: 2023, month: 11, day: 28)) == "ngày 28 tháng 11 năm 2023")
        #expect(PlanDocument.dateInWords(LocalDate(year: 2023, month: 2, day: 5)) == "ngày 05 tháng 02 năm 2023")
        #expect(PlanDocument.dateInWords(LocalDate(year: 2018, month: 4, day: 3)) == "ngày 03 tháng 4 năm 2018")
        #expect(PlanDocument.dateInWords(LocalDate(year: 2024, month: 1, day: 15)) == "ngày 15 tháng 01 năm 2024")
    }
}
