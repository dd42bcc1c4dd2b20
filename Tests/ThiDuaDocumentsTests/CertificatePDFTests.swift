import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaDocuments

/// Certificates on pre-printed blanks: the PDF is read back with `pdftotext -bbox`, and every word must stand where the
/// calibration says, in millimetres, with the printer's shift applied. Skipped where the fonts or poppler are missing
/// (`.ci/run` installs both).
@Suite struct CertificatePDFTests {
    static let fonts = try? CertificateFonts.load(folders: CertificateFonts.folders(configured: nil))
    static let available = fonts != nil && DocxProbe.pdftotext != nil
    static let k = CertificatePlacement.pointsPerMillimetre

    struct Word { var text: String; var xMin, yMin, xMax, yMax: Double }

    /// Each page's size and words, from poppler's reading of the file.
    static func read(_ pdf: Data) throws -> [(width: Double, height: Double, words: [Word])] {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let file = try dir.file("c.pdf", pdf)
        let (status, html) = try DocxPDFTests.run(DocxProbe.pdftotext!, ["-bbox", file.path, "-"], timeout: 30)
        #expect(status == 0)
        var pages: [(Double, Double, [Word])] = []
        let number = #"([0-9.]+)"#
        let pageRE = try NSRegularExpression(pattern: #"<page width=""# + number + #"" height=""# + number + #"">"#)
        let wordRE = try NSRegularExpression(pattern: #"<word xMin=""# + number + #"" yMin=""# + number + #"" xMax=""# + number
                                             + #"" yMax=""# + number + #"">([^<]*)</word>"#)
        for chunk in html.components(separatedBy: "</page>") {
            let ns = chunk as NSString
            guard let p = pageRE.firstMatch(in: chunk, range: NSRange(location: 0, length: ns.length)) else { continue }
            func d(_ m: NSTextCheckingResult, _ i: Int) -> Double { Double(ns.substring(with: m.range(at: i)))! }
            let words = wordRE.matches(in: chunk, range: NSRange(location: 0, length: ns.length)).map { m in
                Word(text: ns.substring(with: m.range(at: 5)).precomposedStringWithCanonicalMapping,
                     xMin: d(m, 1), yMin: d(m, 2), xMax: d(m, 3), yMax: d(m, 4))
            }
            pages.append((d(p, 1), d(p, 2), words))
        }
        return pages
    }

    /// Made-up recipients from a seed, in Vietnamese with every kind of diacritic.
    static func recipients(seed: UInt64, count: Int) -> [[CertificateField: String]] {
        var random = SplitMix64(seed: seed)
        let names = ["Sở Tài nguyên và Môi trường", "Trường Trung học phổ thông Số 1", "Bệnh viện Đa khoa huyện", "Ủy ban Kiểm tra",
                     "Chi cục Thủy lợi", "Nguyễn Thị Hường", "Phạm Đức Việt", "Ban Quản lý dự án đầu tư xây dựng"]
        return (0..<count).map { i in
            let name = names[Int(random.next() % UInt64(names.count))]
            let year = 2020 + Int(random.next() % 6)
            return [.recipient: "\(name) \(i + 1)", .achievement: "Đã có thành tích xuất sắc trong phong trào thi đua năm \(year)",
                    .decision: "Quyết định số \(100 + i)/QĐ-UBND", .placeDate: "ngày \(1 + i % 28) tháng 12 năm \(year)"]
        }
    }

    /// The words of one placed line, in order, as poppler reads them.
    static func words(of line: PlacedLine, in page: [Word]) -> [Word] {
        let parts = line.text.split(separator: " ").map { String($0).precomposedStringWithCanonicalMapping }
        // The line's words are the consecutive run that starts nearest the line's left edge.
        for start in page.indices where page[start].text == parts[0] && abs(page[start].xMin - line.x) < 2 {
            let run = page[start..<min(start + parts.count, page.count)]
            if run.map(\.text) == parts { return Array(run) }
        }
        return []
    }

    @Test(.enabled(if: available, "Liberation Serif / Times New Roman or pdftotext is not installed"), arguments: CertificateBlank.allCases)
    func everyWordStandsWhereTheCalibrationSays(_ blank: CertificateBlank) throws {
        let fonts = Self.fonts!
        var layout = CertificateLayout.standard(blank)
        layout.offsetX = 3.5
        layout.offsetY = -2
        let people = Self.recipients(seed: UInt64(blank.hashValue & 0xFFFF) + 7, count: 3)
        let pdf = try CertificatePDF.certificates(people, layout: layout, fonts: fonts, title: "Bằng khen")
        let pages = try Self.read(pdf)
        #expect(pages.count == people.count)
        for (page, texts) in zip(pages, people) {
            #expect(abs(page.width - layout.pageWidth * Self.k) < 0.5 && abs(page.height - layout.pageHeight * Self.k) < 0.5)
            let placed = try CertificatePlacement.place(texts, on: layout, measure: PDFFontMeasure(fonts))
            #expect(Set(placed.map(\.field)) == Set(texts.keys))
            for line in placed {
                let found = Self.words(of: line, in: page.words)
                #expect(!found.isEmpty, "\(line.text) is not on the page")
                guard let first = found.first, let last = found.last, let f = layout.layout(of: line.field) else { continue }
                // Horizontally: the box from the calibration, in mm, less the printer's shift.
                let boxLeft = (f.x - layout.offsetX) * Self.k, boxRight = boxLeft + f.width * Self.k
                if f.alignment == .left {
                    #expect(abs(first.xMin - boxLeft) < 0.5, "\(line.field) starts at \(first.xMin), calibrated \(boxLeft)")
                } else {
                    #expect(abs((first.xMin + last.xMax) / 2 - (boxLeft + boxRight) / 2) < 1, "\(line.field) is not centred")
                }
                #expect(first.xMin >= boxLeft - 0.5 && last.xMax <= boxRight + 0.5, "\(line.field) leaves its box")
                // Vertically: the baseline sits between the glyphs' top and bottom, at the calibrated mm from the top.
                let baselineFromTop = (f.y - layout.offsetY) * Self.k + (line.baseline - placed.first { $0.field == line.field }!.baseline) * -1
                #expect(first.yMin < baselineFromTop && baselineFromTop < first.yMax, "\(line.field) baseline \(baselineFromTop)")
                #expect(abs(first.yMax - baselineFromTop - line.size * 0.216) < 0.6, "\(line.field) sits \(first.yMax - baselineFromTop) pt low")
            }
        }
    }

    /// As the other documents are checked: the fonts a printer needs are in the file, and poppler reads its pages.
    @Test(.enabled(if: available && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdffonts"), "pdffonts is not installed"))
    func theFontIsEmbeddedAndEveryPageOpens() throws {
        let fonts = Self.fonts!
        let pdf = try CertificatePDF.certificates(Self.recipients(seed: 9, count: 4), layout: .standard(.merit), fonts: fonts, title: "Bằng khen")
        let dir = try TempDir()
        defer { dir.cleanup() }
        let file = try dir.file("c.pdf", pdf)
        let (status, list) = try DocxPDFTests.run("/usr/bin/pdffonts", [file.path], timeout: 30)
        #expect(status == 0)
        let rows = list.split(separator: "\n").dropFirst(2)
        #expect(!rows.isEmpty && rows.allSatisfy { $0.contains(" yes ") && $0.contains("CID TrueType") }, "\(list)")
        #expect(rows.contains { $0.contains(fonts.face(.bold).postScriptName) }, "the bold face is embedded by its own name")
        let (_, info) = try DocxPDFTests.run(DocxProbe.pdfinfo!, [file.path], timeout: 30)
        #expect(info.range(of: #"Pages:\s+4\n"#, options: .regularExpression) != nil, "\(info)")
        #expect(info.contains("1190.55 x 841.89 pts"), "an A3 landscape blank: \(info)")
    }

    @Test(.enabled(if: available, "Liberation Serif / Times New Roman or pdftotext is not installed"))
    func thePrintersShiftMovesEveryWordByExactlyThatMuch() throws {
        let fonts = Self.fonts!
        let people = Self.recipients(seed: 42, count: 1)
        var layout = CertificateLayout.standard(.commendation)
        let before = try Self.read(CertificatePDF.certificates(people, layout: layout, fonts: fonts, title: "a"))[0].words
        layout.offsetX = -4.2
        layout.offsetY = 6
        let after = try Self.read(CertificatePDF.certificates(people, layout: layout, fonts: fonts, title: "a"))[0].words
        #expect(before.map(\.text) == after.map(\.text) && !before.isEmpty)
        for (a, b) in zip(before, after) {
            #expect(abs(b.xMin - a.xMin - 4.2 * Self.k) < 0.05 && abs(b.yMin - a.yMin + 6 * Self.k) < 0.05, "\(a.text)")
        }
    }

    @Test(.enabled(if: available, "Liberation Serif / Times New Roman or pdftotext is not installed"))
    func theTestPageRulerReadsInMillimetres() throws {
        var layout = CertificateLayout.standard(.merit)
        layout.offsetX = 2
        let labels = Dictionary(uniqueKeysWithValues: CertificateField.allCases.map { ($0, "Ô \($0.rawValue)") })
        let pdf = try CertificatePDF.testPage(layout, fonts: Self.fonts!, labels: labels, samples: Self.recipients(seed: 1, count: 1)[0],
                                              instructions: ["Đặt tờ in thử lên phôi"], title: "In thử")
        let page = try #require(try Self.read(pdf).first)
        // A ruler label "n" is printed 0.8 mm right of the tick at n mm, which is shifted by the printer's offset.
        for mm in [50, 100, 200, 400] {
            let label = try #require(page.words.first { $0.text == String(mm) && $0.yMin < 40 * Self.k }, "no \(mm) on the ruler")
            #expect(abs(label.xMin - (Double(mm) - 2) * Self.k - 0.8) < 0.5, "\(mm) at \(label.xMin)")
        }
        #expect(page.words.contains { $0.text == "Ô" }, "field boxes are labelled")
        #expect(page.words.contains { $0.text == "phôi" }, "instructions are printed")
    }

    @Test(.enabled(if: fonts != nil, "no certificate font installed"))
    func aTooLongNameOrAMissingCharacterIsRefusedNotCut() throws {
        let fonts = Self.fonts!
        let layout = CertificateLayout.standard(.commendation)
        let long = String(repeating: "Trung tâm Phát triển quỹ đất và Dịch vụ công ", count: 6)
        #expect(throws: CertificateProblem.doesNotFit(.recipient)) {
            try CertificatePDF.certificates([[.recipient: long]], layout: layout, fonts: fonts, title: "x")
        }
        #expect(throws: PDFWriter.Problem.missingGlyphs(["中"])) {
            try CertificatePDF.certificates([[.recipient: "Đơn vị 中"]], layout: layout, fonts: fonts, title: "x")
        }
        // A text a little too long for one line is set on two, then smaller, never outside the box.
        let placed = try CertificatePlacement.place([.recipient: String(long.prefix(120))], on: layout, measure: PDFFontMeasure(fonts))
        #expect(placed.count == 2)
        #expect(placed.allSatisfy { PDFFontMeasure(fonts).width(of: $0.text, size: $0.size, bold: true, italic: false) <= 237 * Self.k })
    }

    @Test(.enabled(if: fonts != nil, "no certificate font installed"))
    func theFontIsReadFromItsFile() throws {
        let regular = Self.fonts!.face(.regular)
        #expect(regular.unitsPerEm >= 1000)
        #expect(regular.missing(in: "Cờ thi đua — Bằng khen, Giấy khen: ỷ ỹ ậ ẫ Đ").isEmpty)
        // Times New Roman and Liberation Serif share their widths: "A" is 0.722 em, a space 0.25 em.
        #expect(abs(regular.width(of: "A", size: 1000) - 722) < 1 && abs(regular.width(of: " ", size: 1000) - 250) < 1)
        #expect(throws: TrueTypeFont.Problem.notTrueType) { try TrueTypeFont(data: Data("not a font at all".utf8)) }
    }
}
