import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct CSVTests {
    @Test func plainFieldsAreJoinedWithCRLF() {
        #expect(CSV.line(["a", "Lào Cai", "3"]) == "a,Lào Cai,3\r\n")
        #expect(CSV.line([]) == "\r\n")
        #expect(CSV.line(["", ""]) == ",\r\n")
    }

    @Test(arguments: [
        ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("line1\nline2", "\"line1\nline2\""),
        ("cr\rhere", "\"cr\rhere\""), ("\"", "\"\"\"\""), ("no quotes needed", "no quotes needed"),
    ])
    func quotesPerRFC4180(field: String, expected: String) {
        #expect(CSV.line([field]) == expected + "\r\n")
    }

    @Test(arguments: [
        ("=HYPERLINK(\"http://x\",\"bấm\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"bấm\"\")\""),
        ("+1+1", "'+1+1"), ("-2+3", "'-2+3"), ("@SUM(A1:A2)", "'@SUM(A1:A2)"), ("\tcmd", "'\tcmd"),
        ("\r=1", "\"'\r=1\""), ("=1,2", "\"'=1,2\""), ("a=b", "a=b"), ("1+1", "1+1"),
    ])
    func neutralisesFormulas(field: String, expected: String) {
        #expect(CSV.line([field]) == expected + "\r\n")
    }

    @Test func documentHasBOMHeaderAndRows() {
        let doc = CSV.document(header: ["Đơn vị", "Điểm"], rows: [["Ban Tổ chức", "95"], ["Báo, Lào Cai", "90"]])
        #expect(doc == "\u{FEFF}Đơn vị,Điểm\r\nBan Tổ chức,95\r\n\"Báo, Lào Cai\",90\r\n")
        #expect(Array(doc.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let bare = CSV.document(header: ["x"], rows: [], bom: false)
        #expect(bare == "x\r\n")
    }

    @Test func fieldsAreNFC() {
        let nfd = "Đảng ủy".decomposedStringWithCanonicalMapping
        let line = CSV.line([nfd])
        #expect(line.unicodeScalars.elementsEqual("Đảng ủy\r\n".precomposedStringWithCanonicalMapping.unicodeScalars))
    }
}
