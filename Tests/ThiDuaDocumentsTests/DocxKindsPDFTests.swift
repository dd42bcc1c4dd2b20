import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaDocuments

/// Rendering helpers for the kinds other than the plan, and checks every one of them shares.
enum DocxKinds {
    /// Words of each kind's table headings that must print whole (a narrow column once broke "hạng" as "hạn" / "g").
    static let headings: [BuiltInTemplate: Set<String>] = [.scoreSummary: ["Xếp", "hạng", "Tổng", "điểm"], .proposal: ["Xếp", "hạng"]]

    typealias P = DocxProbe

    /// The kinds added beside the plan, with their scenario data.
    static let kinds: [BuiltInTemplate] = [.invitation, .minutes, .countMinutes, .proposal, .scoreSummary]

    static func scenario(_ kind: BuiltInTemplate) -> DocxValue {
        switch kind {
        case .plan: PlanDocument.value(.scenario2023)
        case .invitation: InvitationDocument.value(.scenario2023)
        case .minutes: MinutesDocument.value(.scenario2023)
        case .countMinutes: CountMinutesDocument.value(.scenario2023)
        case .proposal: ProposalDocument.value(.scenario2023)
        case .scoreSummary: ScoreSummaryDocument.value(.scenario2023)
        case .decision: DecisionDocument.value(DocxDecisionTests.sample())
        }
    }

    /// The built-in template of `kind`, validated against its known names, filled with `value` (the scenario's
    /// by default).
    static func render(_ kind: BuiltInTemplate, _ style: HouseStyle, _ value: DocxValue? = nil,
                       columns: Int? = nil) throws -> Data {
        let data = columns.map { BuiltInTemplate.docx(kind, style: style, columns: $0) } ?? BuiltInTemplate.docx(kind, style: style)
        let template = try DocxTemplate(data: data)
        try template.validate(known: BuiltInTemplate.knownPlaceholders(kind))
        return try template.render(value ?? scenario(kind))
    }

    /// The same document with every part naming `font` instead of Times New Roman.
    static func withFont(_ docx: Data, _ font: String) throws -> Data {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let url = dir.url.appendingPathComponent("font.docx")
        try zipFile(at: url, entries: try P.parts(docx).sorted { $0.key < $1.key }
            .map { ($0.key, $0.value.replacingOccurrences(of: "Times New Roman", with: font)) })
        return try Data(contentsOf: url)
    }

    /// A4 (portrait or landscape) with the issue's margins, Times New Roman only, every tag replaced, NFC text.
    static func checkPage(_ docx: Data, landscape: Bool = false) throws {
        let parts = try P.parts(docx)
        let xml = try #require(parts["word/document.xml"])
        #expect(xml.contains(landscape ? "<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"
                                       : "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
        #expect(xml.contains("<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1701\""))
        #expect(xml.contains("<w:titlePg/>"))
        let styles = try #require(parts["word/styles.xml"])
        #expect(styles.contains("<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" "
                                + "w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>"))
        #expect(styles.contains("<w:sz w:val=\"28\"/>"), "14 pt body")
        for (path, text) in parts where path.hasSuffix(".xml") {
            #expect(!text.contains("<w:rFonts") || path == "word/styles.xml", "\(path) names no other font")
        }
        // Every run is 11–16 pt.
        let sizes = xml.components(separatedBy: "<w:sz w:val=\"").dropFirst().compactMap { Int($0.prefix { $0 != "\"" }) }
        #expect(!sizes.isEmpty && sizes.allSatisfy { (10...32).contains($0) }, "sizes \(Set(sizes))")
        #expect(!xml.contains("{{") && !xml.contains("}}"), "every tag replaced")
        let text = try P.text(xml)
        #expect(text == text.precomposedStringWithCanonicalMapping)
        #expect(text.components(separatedBy: "@").dropFirst().allSatisfy { $0.hasPrefix("example.org") })
        _ = try DocxXMLScanner.tokens(Array(xml.utf8))
    }

    /// The header block's lines: issuer, Party or national heading, number (if any), place and date.
    static func headerLines(_ style: HouseStyle, number: String?, date: String) -> [String] {
        let issuer = ["TỈNH ỦY LÀO CAI", "KHỐI THI ĐUA CÁC CƠ QUAN TỈNH ỦY"]
        let numberLine = number.map { [style == .party ? "Số \($0)" : "Số: \($0)"] } ?? []
        switch style {
        case .party: return issuer + ["*", "ĐẢNG CỘNG SẢN VIỆT NAM"] + numberLine + ["Lào Cai, \(date)"]
        case .state: return issuer + ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"] + numberLine
            + ["Lào Cai, \(date)"]
        }
    }

    static func checkHeader(_ xml: String, _ style: HouseStyle, number: String?, date: String) throws {
        let heading = style == .party ? "ĐẢNG CỘNG SẢN VIỆT NAM" : "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        let header = try #require(P.table(containing: heading, in: xml))
        #expect(!header.contains("w:val=\"single\" w:sz=\"4\""), "header table has no borders")
        #expect(try P.paragraphs(header).filter { !$0.isEmpty } == headerLines(style, number: number, date: date))
        #expect(!xml.contains(style == .party ? "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" : "ĐẢNG CỘNG SẢN VIỆT NAM"))
        let top = try #require(P.run(containing: heading, in: xml))
        #expect(top.contains("<w:b/>") && top.contains(style == .party ? "w:val=\"30\"" : "w:val=\"24\""))
        #expect(try #require(P.run(containing: "Lào Cai, ngày", in: xml)).contains("<w:i/>"))
    }

    /// The rows of the bordered table whose text contains `needle`, each as its cells' texts.
    static func rows(of needle: String, in xml: String) throws -> [[String]] {
        let table = try #require(P.table(containing: needle, in: xml))
        return try table.components(separatedBy: "<w:tr>").dropFirst().map { row in
            try row.components(separatedBy: "</w:tr>")[0].components(separatedBy: "<w:tc>").dropFirst().map { cell in
                try P.text("<w:tc>" + cell.components(separatedBy: "</w:tc>")[0] + "</w:tc>")
                    .split(separator: "\n").joined(separator: " ")
            }
        }
    }
}

/// Converts every kind with LibreOffice, as the server will, and checks the page count and size. Skipped where
/// LibreOffice or poppler-utils are not installed. Set DOCX_OUTPUT_DIR to keep the files.
@Suite(.serialized) struct DocxKindsPDFTests {
    typealias P = DocxProbe

    static let cases: [(BuiltInTemplate, HouseStyle)] = ([.plan] + DocxKinds.kinds).flatMap { kind in HouseStyle.allCases.map { (kind, $0) } }
    /// Pages expected for the scenario's data.
    static let pages: [BuiltInTemplate: ClosedRange<Int>] = [
        .plan: 2...4, .invitation: 1...1, .minutes: 2...4, .countMinutes: 2...3, .proposal: 2...2, .scoreSummary: 1...1,
    ]

    @Test(.enabled(if: DocxPDFTests.available, "soffice or pdfinfo is not installed"), .timeLimit(.minutes(3)),
          arguments: cases)
    func convertsToPDF(kind: BuiltInTemplate, style: HouseStyle) throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let started = ContinuousClock.now
        let docx = try DocxKinds.render(kind, style)
        let renderTime = ContinuousClock.now - started
        let name = "\(kind.rawValue)-\(style.rawValue)"
        let source = try dir.file("\(name).docx", docx)
        let convertStarted = ContinuousClock.now
        let (pdf, pages, info) = try Self.convert(source, in: dir)
        let convertTime = ContinuousClock.now - convertStarted
        #expect(Self.pages[kind]!.contains(pages ?? 0), "\(name): \(pages.map(String.init) ?? "?") pages")
        // Slack: the last page keeps at least 4% of its text area (about two lines) free, so that a font a little
        // wider than the one measured here does not push the signer onto a page of its own.
        let fill = try Self.lastPageFill(pdf, pages: pages ?? 1, info: info)
        #expect(fill <= 0.96, "\(name): the last page is \(Int(fill * 100))% full")
        // The same page count with Tinos, the other Times-metric font (fonts-croscore, which .ci/run installs).
        if Self.hasTinos {
            let tinos = try dir.file("\(name)-tinos.docx", try DocxKinds.withFont(docx, "Tinos"))
            #expect(try Self.convert(tinos, in: dir).pages == pages, "\(name): another page count with Tinos")
        }
        // "Page size: 841.89 x 595.304 pts (A4)": A4 is 595.3 × 841.9 pt.
        let size = info.split(separator: "\n").first { $0.hasPrefix("Page size:") }.map {
            $0.dropFirst(10).split(separator: " ").compactMap { Double($0) }
        } ?? []
        let expected: [Double] = kind == .scoreSummary ? [841.9, 595.3] : [595.3, 841.9]
        #expect(size.count == 2 && zip(size, expected).allSatisfy { abs($0 - $1) < 1 },
                "\(name): A4 \(kind == .scoreSummary ? "landscape" : "portrait"), got \(size)")
        #expect(FileInspector.pdfPageCount(of: pdf) == pages)
        // Table headings break between words, never inside one ("Xếp hạn" / "g" was printed in a narrow column).
        if let pdftotext = P.pdftotext {
            let (_, text) = try DocxPDFTests.run(pdftotext, [pdf.path, "-"], timeout: 30)
            let words = Set(text.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace).map(String.init))
            for heading in ["Xếp", "hạng", "Tổng", "điểm"] where DocxKinds.headings[kind]?.contains(heading) == true {
                #expect(words.contains(heading), "\(name): the heading word “\(heading)” is split")
            }
        }
        print("docx \(name): render \(renderTime), soffice \(convertTime), \(pages ?? 0) pages")

        if let keep = ProcessInfo.processInfo.environment["DOCX_OUTPUT_DIR"] {
            for file in [source, pdf] {
                let target = URL(fileURLWithPath: keep).appendingPathComponent(file.lastPathComponent)
                try? FileManager.default.removeItem(at: target)
                try FileManager.default.copyItem(at: file, to: target)
            }
        }
    }

    /// Converts `source` to PDF beside it; the PDF, its page count and pdfinfo's text.
    static func convert(_ source: URL, in dir: TempDir) throws -> (pdf: URL, pages: Int?, info: String) {
        let profile = dir.url.appendingPathComponent("profile").absoluteString
        let (status, _) = try DocxPDFTests.run(P.soffice!, ["-env:UserInstallation=\(profile)", "--headless", "--convert-to",
                                                            "pdf", "--outdir", dir.url.path, source.path], timeout: 60)
        #expect(status == 0, "soffice finished in time and succeeded")
        let pdf = source.deletingPathExtension().appendingPathExtension("pdf")
        let (_, info) = try DocxPDFTests.run(P.pdfinfo!, [pdf.path], timeout: 30)
        let pages = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) }
        return (pdf, pages, info)
    }

    /// How far down the last page's text area its lowest text reaches (0–1), read with `pdftotext -bbox`; the
    /// margins are the documents' 2 cm top and bottom.
    static func lastPageFill(_ pdf: URL, pages: Int, info: String) throws -> Double {
        guard let pdftotext = P.pdftotext else { return 0 }
        let height = info.split(separator: "\n").first { $0.hasPrefix("Page size:") }
            .flatMap { $0.dropFirst(10).split(separator: " ").compactMap { Double($0) }.dropFirst().first } ?? 841.89
        let (_, boxes) = try DocxPDFTests.run(pdftotext, ["-f", "\(pages)", "-l", "\(pages)", "-bbox", pdf.path, "-"], timeout: 30)
        let bottoms = boxes.components(separatedBy: "yMax=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        let margin = 1134.0 / 20
        return ((bottoms.max() ?? margin) - margin) / (height - 2 * margin)
    }

    static let hasTinos: Bool = {
        guard let list = try? DocxPDFTests.run("/usr/bin/fc-list", [":family=Tinos"], timeout: 30).1 else { return false }
        return list.contains("Tinos")
    }()
}
