import Foundation
import Vapor

/// UI strings from Resources/Localization/{vi,en}.json; Vietnamese is the default.
public struct Localizer: Sendable {
    public let tables: [String: [String: String]]
    public static let defaultLanguage = "vi"

    public init(tables: [String: [String: String]]) { self.tables = tables }

    public init(directory: String) throws {
        var tables: [String: [String: String]] = [:]
        for lang in ["vi", "en"] {
            let url = URL(fileURLWithPath: directory).appendingPathComponent("\(lang).json")
            let data = try Data(contentsOf: url)
            tables[lang] = try JSONDecoder().decode([String: String].self, from: data)
        }
        self.tables = tables
    }

    /// The string for `key`, falling back to Vietnamese, then to the key itself so a gap shows.
    public func text(_ key: String, _ lang: String = Localizer.defaultLanguage) -> String {
        tables[lang]?[key] ?? tables[Self.defaultLanguage]?[key] ?? key
    }

    /// `text` with `{name}` placeholders filled in.
    public func text(_ key: String, _ lang: String = Localizer.defaultLanguage, _ args: [String: String]) -> String {
        args.reduce(text(key, lang)) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }

    public func table(_ lang: String) -> [String: String] {
        tables[lang] ?? tables[Self.defaultLanguage] ?? [:]
    }
}

extension Application {
    private struct LocalizerKey: StorageKey { typealias Value = Localizer }
    public var localizer: Localizer {
        // Vapor empties its storage at shutdown while late requests may still render an error: answer with
        // the keys themselves then, rather than crash.
        get { storage[LocalizerKey.self] ?? Localizer(tables: [:]) }
        set { storage[LocalizerKey.self] = newValue }
    }
}

extension Request {
    private struct LanguageKey: StorageKey { typealias Value = String }
    /// The interface language; web pages set it from `?lang=` or the session, the API uses Vietnamese.
    var language: String {
        get { storage[LanguageKey.self] ?? Localizer.defaultLanguage }
        set { storage[LanguageKey.self] = newValue }
    }

    func t(_ key: String, _ args: [String: String] = [:]) -> String {
        application.localizer.text(key, language, args)
    }
}
