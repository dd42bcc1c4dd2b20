import Foundation
import Testing
@testable import ThiDuaServer

@Suite("Localisation")
struct LocalizationTests {
    static var root: String { Settings.detectResources() }

    /// Keys a template reads as `#(t.key)` or a Swift file as `t("key"`.
    static func usedKeys() throws -> Set<String> {
        var keys: Set<String> = []
        let fm = FileManager.default
        let leaf = #"\(t\.([a-zA-Z0-9_]+)\)"#, swift = #"\bt\("([a-zA-Z0-9_.\-]+)""#
        for folder in ["Resources/Views", "Sources/ThiDuaServer"] {
            guard let files = fm.enumerator(atPath: root + folder) else { continue }
            for case let file as String in files where file.hasSuffix(".leaf") || file.hasSuffix(".swift") {
                let text = try String(contentsOfFile: root + folder + "/" + file, encoding: .utf8)
                for pattern in [file.hasSuffix(".leaf") ? leaf : swift] {
                    let regex = try NSRegularExpression(pattern: pattern)
                    for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                        if let range = Range(match.range(at: 1), in: text) { keys.insert(String(text[range])) }
                    }
                }
            }
        }
        return keys
    }

    @Test("every UI string a page or a message uses exists in Vietnamese, with diacritics where Vietnamese needs them")
    func vietnameseComplete() throws {
        let localizer = try Localizer(directory: Self.root + "Resources/Localization")
        #expect(try Self.usedKeys().count > 150, "the key scan found too few keys to be working")
        let missing = try Self.usedKeys().filter { localizer.tables["vi"]?[$0] == nil }
        #expect(missing.isEmpty, "missing in vi.json: \(missing.sorted())")
        let vi = localizer.tables["vi"] ?? [:]
        #expect(vi["status_overdue"] == "Đã qua hạn")
        #expect(vi.values.filter { $0.contains("Nop ") || $0.contains("Khoi ") }.isEmpty, "Vietnamese without diacritics")
    }
}
