import Foundation
import Testing
import ThiDuaCore
import ThiDuaDocuments
@testable import ThiDuaServer

@Suite("Localisation")
struct LocalizationTests {
    static var root: String { Settings.detectResources() }

    /// Keys a template reads as `#(t.key)` or a Swift file as `t("key"`.
    static func usedKeys() throws -> Set<String> { try keys(in: ["Resources/Views", "Sources/ThiDuaServer"]) }

    static func viewKeys() throws -> Set<String> { try keys(in: ["Resources/Views"]) }

    static func keys(in folders: [String]) throws -> Set<String> {
        var keys: Set<String> = []
        let fm = FileManager.default
        let leaf = #"\(t\.([a-zA-Z0-9_.]+)\)"#, swift = #"\bt\("([a-zA-Z0-9_.\-]+)""#
        for folder in folders {
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
        // Leaf reads `t.a.b` as `b` inside `a` and prints nothing: a page's key has no dot (a refusal's may).
        let dotted = try Self.viewKeys().filter { $0.contains(".") }
        #expect(dotted.isEmpty, "keys a page cannot print: \(dotted.sorted())")
        #expect(missing.isEmpty, "missing in vi.json: \(missing.sorted())")
        let vi = localizer.tables["vi"] ?? [:]
        #expect(vi["status_overdue"] == "Đã qua hạn")
        #expect(vi.values.filter { $0.contains("Nop ") || $0.contains("Khoi ") }.isEmpty, "Vietnamese without diacritics")
    }

    /// The `{name}` placeholders a string fills in.
    static func placeholders(_ text: String) throws -> Set<String> {
        let regex = try NSRegularExpression(pattern: #"\{([A-Za-z0-9_]+)\}"#)
        return Set(regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        })
    }

    @Test("English has every key Vietnamese has, with the same placeholders")
    func englishComplete() throws {
        let localizer = try Localizer(directory: Self.root + "Resources/Localization")
        let vi = localizer.tables["vi"] ?? [:], en = localizer.tables["en"] ?? [:]
        #expect(vi.count > 150, "vi.json has too few keys to be the real table")
        let missing = Set(vi.keys).subtracting(en.keys).sorted(), extra = Set(en.keys).subtracting(vi.keys).sorted()
        #expect(Set(en.keys) == Set(vi.keys),
                "missing in en.json: \(missing.prefix(20)); only in en.json: \(extra.prefix(20))")
        var differing: [String] = []
        for (key, vietnamese) in vi.sorted(by: { $0.key < $1.key }) {
            guard let english = en[key] else { continue }
            if try Self.placeholders(english) != Self.placeholders(vietnamese) { differing.append(key) }
        }
        #expect(differing.isEmpty, "placeholders differ between vi.json and en.json: \(differing.prefix(20))")
    }
}

@Suite("Labels of typed states")
struct LabelKeyTests {
    /// Every state, kind, role and source has its label in both languages: the keys are built from the cases,
    /// so the scan of `t("…")` calls cannot see them.
    @Test func everyCaseHasALabel() throws {
        let localizer = try Localizer(directory: LocalizationTests.root + "Resources/Localization")
        func keys<T: LabelledValue>(_: T.Type) -> [String] { T.allCases.map(\.labelKey) }
        let all = keys(BallotKind.self) + keys(BallotMode.self) + keys(BallotStatus.self) + keys(ProposalStatus.self)
            + keys(NomineeKind.self) + keys(NomineeSource.self) + keys(ProposalAttachmentRole.self) + keys(AdjustmentKind.self)
            + keys(OutboxStatus.self) + keys(Role.self) + keys(SubmissionState.self) + keys(SubmissionState.Review.self)
            + keys(MilestoneStatus.self) + keys(ConferenceForm.self) + keys(AgendaLink.self) + keys(MilestoneRole.self)
            + keys(RequirementRole.self) + keys(Audience.self) + keys(HouseStyle.self) + keys(SubmissionState.ReviewDecision.self)
            + keys(AwardMethod.self) + keys(PositionLevel.self)
            + DayKind.allCases.map(\.labelKey) + SubmissionState.ReviewDecision.allCases.map(\.doneKey)
            + BuiltInTemplate.allCases.flatMap { [$0.labelKey, $0.fileNameKey] }
        for language in ["vi", "en"] {
            let missing = all.filter { localizer.tables[language]?[$0] == nil }
            #expect(missing.isEmpty, "missing in \(language).json: \(missing)")
        }
    }
}
