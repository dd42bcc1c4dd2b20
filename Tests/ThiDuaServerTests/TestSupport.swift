import Fluent
import Foundation
import ThiDuaCore
import SQLKit
import Testing
import VaporTesting
@testable import ThiDuaServer

/// Runs `body` against a fresh, migrated app on in-memory SQLite, and again on a throw-away schema
/// of the PostgreSQL at THIDUA_TEST_POSTGRES_URL when that is set: one `swift test` covers both.
func withApp(now: Date = testNow, _ body: (Application) async throws -> Void) async throws {
    for kind in TestDatabase.kinds {
        try await withApp(on: try await TestDatabase.make(kind), now: now, body)
    }
}

func withApp(on database: TestDatabase, now: Date, _ body: (Application) async throws -> Void) async throws {
    let app = try await makeApp(database, now: now)
    do {
        try await app.autoMigrate()
        try await body(app)
    } catch {
        try? await database.drop(using: app)
        try? await app.asyncShutdown()
        throw error
    }
    try await database.drop(using: app)
    try await app.asyncShutdown()
}

/// 2023-12-10 09:00 +07:00: after the scoring deadline, before the conference.
let testNow = Date(timeIntervalSince1970: 1_702_173_600)

func makeApp(_ database: TestDatabase, now: Date = testNow) async throws -> Application {
    let app = try await Application.make(.testing)
    do {
        let settings = Settings(database: database.settings, dataDirectory: database.dataDirectory, bcryptCost: 4)
        try await configure(app, settings: settings)
        app.clock = .fixed(now)
        app.logger.logLevel = .warning
        try await database.prepare(using: app)
    } catch {
        // An app dropped without shutting down traps in Vapor's deinit and takes the whole test run with it.
        try? await app.asyncShutdown()
        throw error
    }
    return app
}

/// The database of one test.
struct TestDatabase {
    var settings: Settings.Database
    var dataDirectory: String
    var schema: String?

    static var postgresURL: String? {
        ProcessInfo.processInfo.environment["THIDUA_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    enum Kind: Sendable { case sqliteMemory, sqliteFile, postgres }

    /// SQLite always; PostgreSQL as well when a server is given.
    static var kinds: [Kind] { postgresURL == nil ? [.sqliteMemory] : [.sqliteMemory, .postgres] }
    /// For tests that share one database between two apps.
    static var sharedKinds: [Kind] { postgresURL == nil ? [.sqliteFile] : [.sqliteFile, .postgres] }

    static func make(_ kind: Kind) async throws -> TestDatabase {
        let dir = NSTemporaryDirectory() + "thidua-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if kind == .postgres, let url = postgresURL {
            let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20)
            return TestDatabase(settings: .postgres(url: url, searchPath: String(schema)), dataDirectory: dir, schema: String(schema))
        }
        if kind == .sqliteFile { return TestDatabase(settings: .sqliteFile(dir + "/thidua.sqlite"), dataDirectory: dir, schema: nil) }
        return TestDatabase(settings: .sqliteMemory, dataDirectory: dir, schema: nil)
    }

    func prepare(using app: Application) async throws {
        guard let schema, let sql = app.db as? SQLDatabase else { return }
        try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
    }

    func drop(using app: Application) async throws {
        if let schema, let sql = app.db as? SQLDatabase {
            try await sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
        }
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }
}

/// A small bloc: units A (head), B (deputy), C (member), D (outside); one cycle; four accounts.
struct Fixture {
    var unitA: UUID, unitB: UUID, unitC: UUID, unitD: UUID
    var blocID: UUID
    var cycleID: UUID
    var otherCycleID: UUID
    static let password = "chim-sao-bay-qua-song"

    static func seed(_ app: Application) async throws -> Fixture {
        let db = app.db
        var ids: [UUID] = []
        for (name, short) in [("Ban Nội chính Tỉnh ủy", "BNC"), ("Báo Lào Cai", "BLC"), ("Văn phòng Tỉnh ủy", "VPTU"), ("Sở Tài chính", "STC")] {
            let unit = Unit(name: name, shortName: short)
            try await unit.create(on: db)
            ids.append(try unit.requireID())
        }
        let bloc = Bloc(name: "Khối Thi đua các cơ quan Tỉnh ủy", issuer: "Tỉnh ủy Lào Cai", houseStyle: .party)
        try await bloc.create(on: db)
        let other = Bloc(name: "Khối các sở", issuer: "UBND tỉnh Lào Cai", houseStyle: .state)
        try await other.create(on: db)
        let cycle = Cycle(blocID: try bloc.requireID(), year: 2023, headUnitID: ids[0], deputyUnitID: ids[1], ruleSetID: nil)
        try await cycle.create(on: db)
        for id in ids.prefix(3) { try await Membership(cycleID: cycle.requireID(), unitID: id).create(on: db) }
        // In the other bloc's cycle, unit D is head: officers of A have no say there.
        let otherCycle = Cycle(blocID: try other.requireID(), year: 2023, headUnitID: ids[3], deputyUnitID: ids[2], ruleSetID: nil)
        try await otherCycle.create(on: db)
        let hash = try Bcrypt.hash(password, cost: 4)
        for (username, role, unit) in [("admin", Role.admin, nil), ("reviewer", .reviewer, nil),
                                       ("officer.a", .officer, ids[0]), ("officer.c", .officer, ids[2])] as [(String, Role, UUID?)] {
            try await User(username: username, passwordHash: hash, displayName: username, role: role, unitID: unit).create(on: db)
        }
        return Fixture(unitA: ids[0], unitB: ids[1], unitC: ids[2], unitD: ids[3], blocID: try bloc.requireID(),
                       cycleID: try cycle.requireID(), otherCycleID: try otherCycle.requireID())
    }
}

/// Signs in through the API and returns the bearer token.
func token(_ app: Application, _ username: String, password: String = Fixture.password) async throws -> String {
    var token = ""
    try await app.testing().test(.POST, "/api/v1/auth/token", beforeRequest: { req in
        try req.content.encode(["username": username, "password": password])
    }, afterResponse: { res in
        #expect(res.status == .ok, "sign-in of \(username) failed: \(res.body.string)")
        token = try res.content.get(String.self, at: "token")
    })
    return token
}

extension HTTPHeaders {
    static func bearer(_ token: String) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        return headers
    }
}

/// Sends JSON with a bearer token and hands back the response.
@discardableResult
func send(_ app: Application, _ method: HTTPMethod, _ path: String, token: String?, json: String? = nil,
          sourceLocation: SourceLocation = #_sourceLocation) async throws -> TestingHTTPResponse {
    var headers = token.map(HTTPHeaders.bearer) ?? HTTPHeaders()
    var body: ByteBuffer?
    if let json {
        headers.contentType = .json
        body = ByteBuffer(string: json)
    }
    var response: TestingHTTPResponse?
    try await app.testing().test(method, path, headers: headers, body: body) { res in response = res }
    return response!
}

extension TestingHTTPResponse {
    /// The problem+json body of an error response.
    var problem: ProblemDetails? { try? JSONDecoder().decode(ProblemDetails.self, from: Data(body.string.utf8)) }
}
