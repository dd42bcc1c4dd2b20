import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct FileNameTests {
    @Test func normalisesNFDToNFC() throws {
        let typedOnMac = "Báo cáo Đợt 1.pdf".decomposedStringWithCanonicalMapping
        let clean = try FileName.sanitize(typedOnMac)
        #expect(clean == "Báo cáo Đợt 1.pdf")
        #expect(clean.unicodeScalars.count == "Báo cáo Đợt 1.pdf".unicodeScalars.count)
        #expect(clean.unicodeScalars.elementsEqual("Báo cáo Đợt 1.pdf".precomposedStringWithCanonicalMapping.unicodeScalars))
    }

    @Test(arguments: ["../../etc/passwd", "..\\..\\windows\\win.ini", "a/../b.pdf", "", ".", "..", " . ", "///",
                      "folder/..", "\u{0}\u{1}", "...."])
    func refuses(raw: String) {
        #expect(throws: FileNameError.self) { try FileName.sanitize(raw) }
    }

    @Test func refusalMessageIsVietnamese() {
        #expect(throws: FileNameError(message: "Tên tệp không hợp lệ: không được chứa “../”.")) {
            try FileName.sanitize("../../etc/passwd")
        }
        #expect(throws: FileNameError(message: "Tên tệp trống hoặc không hợp lệ.")) { try FileName.sanitize("..") }
    }

    @Test(arguments: [
        ("C:\\Users\\Lan\\Desktop\\Tờ trình.docx", "Tờ trình.docx"), ("thu-muc/con/ke-hoach.pdf", "ke-hoach.pdf"),
        ("  ..bao cao.pdf. ", "bao cao.pdf"), ("bao\u{0}cao\u{7}\t.pdf", "baocao.pdf"), ("a\nb\r.xlsx", "ab.xlsx"),
        ("hoadon\u{202E}fdp.exe", "hoadonfdp.exe"), ("\u{FEFF}Kế hoạch.PDF", "Kế hoạch.PDF"),
        ("..hidden", "hidden"), ("file..name.pdf", "file..name.pdf"),
    ])
    func cleans(raw: String, expected: String) throws {
        #expect(try FileName.sanitize(raw) == expected)
    }

    @Test func limitsTo200BytesKeepingTheExtension() throws {
        let long = String(repeating: "Đảng ủy ", count: 40) + "báo cáo.docx"
        let clean = try FileName.sanitize(long)
        #expect(clean.utf8.count <= 200)
        #expect(clean.utf8.count > 180)
        #expect(clean.hasSuffix(".docx"))
        #expect(clean.hasPrefix("Đảng ủy Đảng ủy"))
        #expect(!clean.dropLast(5).hasSuffix(" "))
        // Cut on a character boundary: still valid, still NFC.
        #expect(clean == clean.precomposedStringWithCanonicalMapping)
        let noExtension = try FileName.sanitize(String(repeating: "ư", count: 150))
        #expect(noExtension.utf8.count == 200)
        let shortName = "bien-ban.pdf"
        #expect(try FileName.sanitize(shortName) == shortName)
    }

    @Test(arguments: [
        ("Đảng ủy Khối.docx", "Dang-uy-Khoi.docx"), ("Báo cáo Đợt 1.pdf", "Bao-cao-Dot-1.pdf"),
        ("Tờ trình (bản cuối).pdf", "To-trinh-ban-cuoi.pdf"), ("  kết   quả_thi đua.XLSX ", "ket-qua_thi-dua.XLSX"),
        ("Đảng ủy Khối.docx".decomposedStringWithCanonicalMapping, "Dang-uy-Khoi.docx"),
        ("../../etc/passwd", "etc-passwd"), ("文件.pdf", "tep.pdf"), ("", "tep"), ("ƯỚC TÍNH Ở ĐÂY", "UOC-TINH-O-DAY"),
    ])
    func foldsToASCII(name: String, expected: String) {
        let folded = FileName.ascii(name)
        #expect(folded == expected)
        #expect(folded.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || "0123456789._-".unicodeScalars.contains($0)) })
    }

    @Test(arguments: [("Kế hoạch.PDF", "pdf"), ("a.tar.gz", "gz"), ("README", ""), (".bashrc", ""), ("x.", ""),
                      ("thu.muc/tep", ""), ("Báo cáo.Docx", "docx")])
    func fileExtension(name: String, expected: String) {
        #expect(FileName.fileExtension(name) == expected)
    }
}
