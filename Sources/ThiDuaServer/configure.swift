import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Leaf
import LeafKit
import NIOPosix
import SQLKit
import Vapor

/// Configures the application: database, sessions, middleware, views, routes.
public func configure(_ app: Application, settings: Settings) async throws {
    app.settings = settings
    app.prepareCertificateFonts()
    // Process-wide in Vapor: every request's multipart body is checked before MultipartKit reads it.
    ContentConfiguration.global = .thiDua()
    // An own blocking pool instead of the process-wide 2-thread singleton: SQLite's busy handler spins on a
    // pool thread while it waits for the write lock, and with every thread spinning the lock holder could
    // never get a thread to commit.
    app.threadPool = NIOThreadPool(numberOfThreads: max(8, System.coreCount * 4))
    app.localizer = try Localizer(directory: settings.resourcesDirectory + "Resources/Localization")
    app.directory = DirectoryConfiguration(workingDirectory: settings.resourcesDirectory)
    app.commonPasswords = PasswordRules.loadCommon(from: settings.resourcesDirectory + "Resources/Security/common-passwords.txt")

    switch settings.database {
    case let .sqliteFile(path):
        try FileManager.default.createDirectory(atPath: settings.dataDirectory + "/files", withIntermediateDirectories: true)
        // A conference's voters arrive together: requests wait for the connection rather than fail after 10 s.
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: .seconds(60), sqlLogLevel: nil), as: .sqlite)
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory, sqlLogLevel: nil), as: .sqlite)
    case let .postgres(url, searchPath):
        var config = try SQLPostgresConfiguration(url: url)
        if let searchPath { config.searchPath = [searchPath] }
        // Several connections per event loop, and a longer wait, for the conference-day surge of votes.
        // SQL is logged at debug; its bound values (password hashes among them) never are: see RedactingLogHandler.
        app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: 8, connectionPoolTimeout: .seconds(60),
                                    sqlLogLevel: .debug), as: .psql)
    }
    if case .sqliteFile = settings.database, let sql = app.db as? SQLDatabase {
        // WAL lets readers run beside the writer; it is stored in the file, so once is enough.
        // (SQLiteNIO already installs a busy handler that waits for the lock.)
        try await sql.raw("PRAGMA journal_mode=WAL").run()
    }

    let rememberedSessions = RememberedSessions()
    app.sessions.use { app in SessionWritesWhenChanged(base: app.fluent.sessions.driver(), remembered: rememberedSessions) }
    app.sessions.configuration = SessionsConfiguration(cookieName: "thidua_session") { id in
        HTTPCookies.Value(string: id.string, expires: nil, maxAge: Int(settings.sessionLifetime), path: "/",
                          isSecure: settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
    }
    app.registerMigrations()
    app.prepareVotes()

    // Not `.leaf`: its factory switches the shared template cache off whenever the environment is `development`
    // (the default of `serve` and `demo`), so a release build re-read and re-parsed every template on every page
    // (strace, perf; issue 16). Templates are cached in a release build and read afresh in a debug one.
    app.views.use { app in
        LeafRenderer(configuration: app.leaf.configuration, tags: app.leaf.tags, cache: app.leaf.cache, sources: app.leaf.sources,
                     eventLoop: app.eventLoopGroup.next(), userInfo: ["application": app])
    }
    app.leaf.tags["refill"] = RefillTag()
    app.leaf.cache.isEnabled = app.environment.isRelease

    app.middleware = Middlewares()
    app.middleware.use(MetricsMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ProblemErrorMiddleware())
    app.middleware.use(StaticFilesMiddleware(publicDirectory: app.directory.publicDirectory))
    app.routes.defaultMaxBodySize = "1mb"

    if let smtp = SMTPConfiguration.fromEnvironment(ProcessInfo.processInfo.environment) {
        app.mailTransport = SMTPClient(configuration: smtp, eventLoopGroup: app.eventLoopGroup)
    }
    app.responseCache = ResponseCache()  // made here, before any request, like the flag below
    app.signInCache = SignInCache()
    _ = app.outboxDelivering  // made here, before any request or job, so two first uses cannot make two flags
    if settings.runJobs { app.lifecycle.use(BackgroundJobs()) }

    try routes(app)
}
