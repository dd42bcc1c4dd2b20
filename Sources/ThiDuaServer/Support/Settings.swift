import Foundation
import ThiDuaDocuments
import Vapor

/// Where the data lives and how the server behaves, read once from the environment.
public struct Settings: Sendable {
    public enum Database: Sendable, Equatable {
        case sqliteFile(String)
        case sqliteMemory
        case postgres(url: String, searchPath: String?)
    }

    public var database: Database
    public var dataDirectory: String
    public var demoMode: Bool
    public var bcryptCost: Int
    public var tokenLifetime: TimeInterval
    /// How long a web sign-in lasts, on the server and in the cookie.
    public var sessionLifetime: TimeInterval = 12 * 3600
    public var resourcesDirectory: String
    /// Marks the session cookie Secure; off for plain-HTTP local use.
    public var secureCookies: Bool
    /// Behind a reverse proxy: the client address for sign-in limits is the last X-Forwarded-For entry.
    public var trustProxy: Bool = false
    /// Runs reminders and mail delivery in the background; off in tests, which run them by hand.
    public var runJobs: Bool = false
    /// Converts a document to PDF in the background as soon as its .docx is made, so the PDF link answers at once;
    /// on for `serve`/`demo` unless THIDUA_PREPARE_PDF=0, off in tests (each would start LibreOffice).
    public var preparePDFs: Bool = false
    /// The address users reach the server at ("https://thidua.laocai.gov.vn"), for links that leave the browser:
    /// calendar subscriptions. Unset, the request's own Host stands in.
    public var publicURL: String?
    /// Where the certificate font is looked for: THIDUA_FONT_DIR first, then the usual system folders.
    public var fontFolders: [String] = CertificateFonts.folders(configured: nil)
    /// Memory for answers kept between requests (`ResponseCache`): THIDUA_RESPONSE_CACHE_MB, 32 MB unless set;
    /// 0 answers every read afresh.
    public var responseCacheBytes: Int = 32 << 20

    public init(
        database: Database, dataDirectory: String, demoMode: Bool = false, bcryptCost: Int = 12,
        tokenLifetime: TimeInterval = 24 * 3600, resourcesDirectory: String = Settings.detectResources(),
        secureCookies: Bool = false
    ) {
        self.database = database
        self.dataDirectory = dataDirectory
        self.demoMode = demoMode
        self.bcryptCost = bcryptCost
        self.tokenLifetime = tokenLifetime
        self.resourcesDirectory = resourcesDirectory
        self.secureCookies = secureCookies
    }

    /// Reads THIDUA_DATA_DIR, DATABASE_URL, THIDUA_BCRYPT_COST, THIDUA_SECURE_COOKIES, THIDUA_TRUST_PROXY,
    /// THIDUA_PREPARE_PDF, THIDUA_PUBLIC_URL, THIDUA_FONT_DIR and THIDUA_RESPONSE_CACHE_MB.
    public static func fromEnvironment(demo: Bool) -> Settings {
        let env = ProcessInfo.processInfo.environment
        let dataDir = env["THIDUA_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "./data"
        let database: Database
        if let url = env["DATABASE_URL"], url.hasPrefix("postgres") {
            database = .postgres(url: url, searchPath: nil)
        } else {
            database = .sqliteFile(dataDir + "/thidua.sqlite")
        }
        let cost = env["THIDUA_BCRYPT_COST"].flatMap(Int.init).map { min(max($0, 4), 15) } ?? 12
        var settings = Settings(
            database: database, dataDirectory: dataDir, demoMode: demo, bcryptCost: cost,
            secureCookies: env["THIDUA_SECURE_COOKIES"] == "1"
        )
        settings.trustProxy = env["THIDUA_TRUST_PROXY"] == "1"
        settings.preparePDFs = env["THIDUA_PREPARE_PDF"] != "0"
        settings.publicURL = env["THIDUA_PUBLIC_URL"].flatMap(Settings.cleanPublicURL)
        settings.fontFolders = CertificateFonts.folders(configured: env["THIDUA_FONT_DIR"].flatMap { $0.isEmpty ? nil : $0 })
        if let megabytes = env["THIDUA_RESPONSE_CACHE_MB"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) {
            settings.responseCacheBytes = min(max(megabytes, 0), 4096) << 20
        }
        return settings
    }

    /// "https://host[:port][/prefix]" without a trailing slash; anything else (no scheme, a query) is ignored.
    public static func cleanPublicURL(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        guard let url = URL(string: trimmed), ["http", "https"].contains(url.scheme ?? ""), url.host != nil,
              url.query == nil, url.fragment == nil else { return nil }
        return trimmed
    }

    /// The folder holding Resources/ and Public/: the working directory when it has them,
    /// else the package root of this source file (tests and `swift run` from elsewhere).
    public static func detectResources() -> String {
        let cwd = FileManager.default.currentDirectoryPath
        if FileManager.default.fileExists(atPath: cwd + "/Resources/Views") { return cwd + "/" }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        return url.path + "/"
    }
}

extension Application {
    private struct SettingsKey: StorageKey { typealias Value = Settings }
    /// The settings the app was configured with.
    public var settings: Settings {
        // Storage is emptied at shutdown; a request still running then reads the environment's settings.
        get { storage[SettingsKey.self] ?? Settings.fromEnvironment(demo: false) }
        set { storage[SettingsKey.self] = newValue }
    }
}
