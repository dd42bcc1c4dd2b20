import Testing
@testable import ThiDuaCore

@Suite struct PasswordPolicyTests {
    static let common: Set<String> = ["password", "iloveyou", "matkhau", "mật khẩu"]

    @Test(arguments: [
        ("ngắn", PasswordPolicy.Refusal.tooShort(minimum: 15)),
        ("               ", .repetitive),
        ("aaaaaaaaaaaaaaaa", .repetitive),
        ("abcabcabcabcabca", .repetitive),
        ("123456789012345", .repetitive),
        ("zyxwvutsrqponmlk", .repetitive),
        ("passwordpassword", .common),
        ("Password2024!!!!", .common),
        ("mật khẩu mật khẩu", .common),
        ("nguyenvana-mua-xuan", .contextual),
        ("thidua-mua-xuan-2026", .contextual),
        (String(repeating: "dài ", count: 80), .tooLong(maximum: 256)),
    ])
    func refused(password: String, refusal: PasswordPolicy.Refusal) {
        #expect(PasswordPolicy.refusal(password, username: "nguyenvana", common: Self.common) == refusal)
    }

    /// Length counts characters as people do, and nothing asks for digits or symbols.
    @Test(arguments: ["hoa ban nở trắng", "chim sẻ bay qua sông", "correct-horse-battery", "Đường lên Sa Pa mùa đông"])
    func accepted(password: String) {
        #expect(PasswordPolicy.refusal(password, username: "nguyenvana", common: Self.common) == nil)
    }
}

@Suite struct UserTextTests {
    @Test func cleansNames() throws {
        let nfd = "Báo  Lào\u{00A0}Cai\u{200B}".decomposedStringWithCanonicalMapping
        #expect(try UserText.clean(nfd, multiline: false).get().unicodeScalars.elementsEqual("Báo Lào Cai".unicodeScalars))
        #expect(UserText.nameKey(nfd) == UserText.nameKey("báo lào cai"))
        #expect(UserText.nameKey("Sở Tài chính") != UserText.nameKey("Sở Tài chinh"))
    }

    @Test(arguments: [
        ("a\u{0}b", false, UserText.Problem.controlCharacter), ("a\nb", false, .controlCharacter), ("a\u{7}b", true, .controlCharacter),
        ("a\u{202E}b", true, .bidiControl), ("\u{2066}x", false, .bidiControl), ("\u{200B}\u{FEFF} ", false, .empty), ("", true, .empty),
    ])
    func refuses(text: String, multiline: Bool, problem: UserText.Problem) {
        #expect(UserText.clean(text, multiline: multiline) == .failure(problem))
    }

    @Test func keepsLinesInFreeText() throws {
        #expect(try UserText.clean(" Lý do:\n\tsai số liệu ", multiline: true).get() == "Lý do:\n\tsai số liệu")
    }
}
