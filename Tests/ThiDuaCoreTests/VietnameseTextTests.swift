import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct VietnameseTextTests {
    @Test(arguments: [
        ("Lào Cai", "lao cai"), ("ĐẢNG CỘNG SẢN VIỆT NAM", "dang cong san viet nam"),
        ("Trưởng Khối", "truong khoi"), ("Ủy ban Kiểm tra", "uy ban kiem tra"),
        ("Lào Cai".decomposedStringWithCanonicalMapping, "lao cai"), ("Đảng ủy", "dang uy"),
        ("ăâêôơư ĂÂÊÔƠƯ", "aaeoou aaeoou"), ("05-KH/KTĐ", "05-kh/ktd"), ("", ""),
    ])
    func folds(text: String, expected: String) {
        #expect(VietnameseText.fold(text) == expected)
    }

    @Test(arguments: [
        ("Ban Nội chính Tỉnh ủy", "noi chinh", true), ("Báo Lào Cai", "LAO CAI", true),
        ("Báo Lào Cai", "lào   cai", true), ("Báo Lào Cai", "hà nội", false), ("Báo Lào Cai", "", true),
        ("Đảng ủy Khối", "dang uy", true), ("Trường Chính trị tỉnh", "truong chinh tri", true),
        ("Ban Dân vận", "dan van tinh", false),
    ])
    func matches(haystack: String, query: String, expected: Bool) {
        #expect(VietnameseText.matches(haystack, query: query) == expected)
    }

    static let alphabet = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n",
                           "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y"]

    @Test(arguments: [
        alphabet,
        ["ma", "mà", "mả", "mã", "má", "mạ"],
        ["Ban Dân vận", "Ban Tổ chức", "Báo Lào Cai", "Đảng ủy Khối", "Trường Chính trị tỉnh",
         "Ủy ban Kiểm tra", "Văn phòng Tỉnh ủy"],
        ["ạb", "ac"], ["Dương", "Đà Nẵng", "Zê"], ["u", "uz", "ư", "ưa"], ["an", "An", "anh"],
        ["Ban Tổ", "Bana"], ["1", "9", "a"], ["thi", "thì", "thỉ", "thị", "thia"],
    ])
    func sortsInVietnameseOrder(expected: [String]) {
        for shuffled in [expected.reversed(), expected.shuffled(), expected.shuffled()] {
            #expect(shuffled.sorted(by: VietnameseText.compare) == expected)
            #expect(VietnameseText.sorted(Array(shuffled), by: { $0 }) == expected)  // keys once, same order
        }
    }

    @Test func isAStrictOrder() {
        let words = Self.alphabet + ["Lào Cai", "lào cai", "Lao Cai", "Lào Cai".decomposedStringWithCanonicalMapping,
                                     "mà", "mả", "ma", "Ma", "ư", "Ư", " ", "", "é", "ñ", "中"]
        for a in words {
            #expect(!VietnameseText.compare(a, a))
            for b in words where VietnameseText.compare(a, b) {
                #expect(!VietnameseText.compare(b, a), "\(a) \(b)")
                for c in words where VietnameseText.compare(b, c) {
                    #expect(VietnameseText.compare(a, c), "\(a) < \(b) < \(c)")
                }
            }
        }
    }

    @Test func canonicallyEqualStringsAreNotOrdered() {
        let composed = "Lào Cai", decomposed = "Lào Cai".decomposedStringWithCanonicalMapping
        #expect(!VietnameseText.compare(composed, decomposed))
        #expect(!VietnameseText.compare(decomposed, composed))
    }
}
