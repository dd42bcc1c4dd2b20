import Fluent
import SQLKit
import NIOConcurrencyHelpers
import Foundation
import Testing
import ThiDuaDocuments
import VaporTesting
@testable import ThiDuaServer

/// Backup and restore: the archive holds every row and file, restores into any engine, and is checked on its own.
@Suite("Backup and restore", .serialized)
struct BackupTests {
    /// A bloc with a year's worth of kinds of data: a ballot with votes, files, documents, audit entries.
    static func seed(_ app: Application) async throws {
        let f = try await BallotFixture.make(app, size: 4)
        let ballot = try await f.createBallot(#"{"kind":"flag","candidateUnitIDs":["\#(f.units[0])","\#(f.units[1])"],"maxChoices":1,"quota":1}"#)
        #expect(try await f.action(ballot, "open").status == .ok)
        for voter in 0..<3 { #expect(try await f.vote(ballot, by: voter, for: [f.units[(voter + 1) % 2]]).status == .created) }
        // A closed round, which ballot-verify recounts, and an open one whose papers the archive must keep secret.
        #expect(try await f.action(ballot, "close").status == .ok)
        let second = try await f.createBallot(#"{"kind":"head","candidateUnitIDs":["\#(f.units[2])","\#(f.units[3])"],"maxChoices":1,"quota":1}"#)
        #expect(try await f.action(second, "open").status == .ok)
        for voter in 0..<3 { #expect(try await f.vote(second, by: voter, for: [f.units[2 + (voter + 1) % 2]]).status == .created) }
        for text in ["biên bản", "báo cáo thành tích", "tờ trình"] { _ = try app.fileStore.store(Data(text.utf8)) }
    }

    static func archive() -> URL {
        URL(fileURLWithPath: NSTemporaryDirectory() + "thidua-backup-" + UUID().uuidString + ".zip")
    }

    /// Every table's rows, as the archive writes them, and every file's bytes.
    static func contents(_ app: Application) async throws -> ([String], [String: Data]) {
        let snapshot = try await BackupService.snapshot(app.db)
        let rows = snapshot.tables.map { "\($0.0): " + $0.1.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "\n") }
        var files: [String: Data] = [:]
        for sha in app.fileStore.storedFiles() { files[sha] = FileManager.default.contents(atPath: app.fileStore.url(for: sha).path) }
        return (rows, files)
    }

    @Test("SQLite → PostgreSQL → SQLite: every table and every file the same, the audit chain intact")
    func roundTrip() async throws {
        let path: [TestDatabase.Kind] = TestDatabase.postgresURL == nil ? [.sqliteFile, .sqliteFile] : [.sqliteFile, .postgres, .sqliteFile]
        var apps: [(Application, TestDatabase)] = []
        defer { for (app, db) in apps { Task { try? await db.drop(using: app); try? await app.asyncShutdown() } } }
        let first = try await TestDatabase.make(path[0])
        let source = try await makeApp(first)
        apps.append((source, first))
        try await source.autoMigrate()
        try await Self.seed(source)
        let admin = try await token(source, "admin")
        let expected = try await Self.contents(source)
        #expect(expected.1.count == 3)
        func pages(_ app: Application) async throws -> [String] {
            var bodies: [String] = []
            for path in ["/api/v1/units", "/api/v1/blocs", "/api/v1/users"] {
                // Compared as JSON: the server does not fix the order of an object's keys.
                let json = try JSONSerialization.jsonObject(with: Data(try await send(app, .GET, path, token: admin).body.readableBytesView))
                bodies.append(String(decoding: try JSONSerialization.data(withJSONObject: json, options: .sortedKeys), as: UTF8.self))
            }
            return bodies
        }
        let expectedPages = try await pages(source)
        var file = Self.archive()
        let manifest = try await BackupService.backup(source, to: file)
        #expect(manifest.tables[BallotPaper.schema]?.rows == 6 && manifest.files.count == 3)
        for kind in path.dropFirst() {
            let database = try await TestDatabase.make(kind)
            let app = try await makeApp(database)
            apps.append((app, database))
            try await BackupService.restore(app, from: file, replace: false)
            let restored = try await Self.contents(app)
            #expect(restored.0 == expected.0, "tables differ after restoring into \(kind): \(zip(restored.0, expected.0).first { $0 != $1 }.map { String($0.0.prefix(300)) } ?? "counts")")
            #expect(restored.1 == expected.1, "files differ after restoring into \(kind)")
            // The same token opens the restored installation, and its pages answer the same.
            let restoredPages = try await pages(app)
            #expect(restoredPages == expectedPages, "pages differ after restoring into \(kind): \(zip(restoredPages, expectedPages).first { $0 != $1 }.map { String($0.0.prefix(400)) + " VS " + String($0.1.prefix(400)) } ?? "")")
            #expect(try await AuditLog.verify(on: app.db) == .intact(count: manifest.auditHead?.seq ?? -1))
            // What ballot-verify does: the stored papers recount to the published result.
            for ballot in try await Ballot.query(on: app.db).all() where ballot.status.hasResult {
                #expect(try await BallotService.recount(ballot, on: app.db) == BallotService.storedResult(ballot))
            }
            file = Self.archive()
            try await BackupService.backup(app, to: file)
        }
    }

    @Test("a backup taken while writers write holds every write acknowledged before it, and no half of one")
    func whileWriting() async throws {
        for kind in TestDatabase.sharedKinds {
            let database = try await TestDatabase.make(kind)
            let app = try await makeApp(database)
            try await app.autoMigrate()
            let acknowledged = NIOLockedValueBox<[UUID]>([])
            let stop = NIOLockedValueBox(false)
            // Each write is a unit and its audit entry in one transaction, as every audited write is.
            let writer = Task {
                var n = 0
                while !stop.withLockedValue({ $0 }) {
                    n += 1
                    let name = "Đơn vị \(n)"
                    let unit = Unit(name: name, shortName: "DV\(n)")
                    try await app.db.transaction { db in
                        try await unit.create(on: db)
                        try await AuditLog.append(AuditRecord(actor: "test", action: "create", entity: "unit", entityID: unit.id!.uuidString,
                                                              before: String?.none, after: name), at: testNow, on: db)
                    }
                    acknowledged.withLockedValue { $0.append(unit.id!) }
                }
            }
            // Wait for writes rather than for a fixed time: on a loaded CI machine the first
            // transaction can take longer than any sleep we would pick.
            let deadline = ContinuousClock.now + .seconds(30)
            while acknowledged.withLockedValue({ $0.count }) < 5 && ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let before = Set(acknowledged.withLockedValue { $0 })
            let file = Self.archive()
            try await BackupService.backup(app, to: file)
            try await Task.sleep(for: .milliseconds(100))
            stop.withLockedValue { $0 = true }
            try await writer.value
            let target = try await TestDatabase.make(.sqliteFile)
            let restored = try await makeApp(target)
            try await BackupService.restore(restored, from: file, replace: false)
            let units = Set(try await Unit.query(on: restored.db).all().compactMap(\.id))
            let audited = Set(try await AuditEntry.query(on: restored.db).all().compactMap { UUID(uuidString: $0.entityID) })
            #expect(!before.isEmpty && before.isSubset(of: units), "\(kind): a write acknowledged before the backup is missing")
            #expect(units == audited, "\(kind): a unit without its audit entry, or the reverse: a torn transaction")
            #expect(try await AuditLog.verify(on: restored.db) == .intact(count: units.count))
            try await target.drop(using: restored)
            try await restored.asyncShutdown()
            try await database.drop(using: app)
            try await app.asyncShutdown()
        }
    }

    @Test("every table the migrations create is in the archive, but web sessions and the migration log")
    func everyTableArchived() async throws {
        try await withApp { app in
            let sql = try #require(app.db as? SQLDatabase)
            let tables = try await catalogueNames(sql, sqlite: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
                postgres: "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
            let archived = Set(BackupTable.all.map(\.schema))
            // A table missing here is data a restore silently loses (the council, the calibrations, the register…).
            #expect(tables.subtracting(archived).subtracting(BackupTable.notArchived).sorted() == [])
            #expect(archived.subtracting(tables).sorted() == [])
            #expect(tables.count > 50)
        }
    }

    @Test("a database with data is refused unless --replace, and left as it was")
    func refusesOverData() async throws {
        try await withApp { app in
            try await Self.seed(app)
            let file = Self.archive()
            try await BackupService.backup(app, to: file)
            let expected = try await Self.contents(app)
            try await Unit(name: "Đơn vị mới", shortName: "MOI").create(on: app.db)
            let changed = try await Self.contents(app)
            await #expect(throws: BackupError.self) { try await BackupService.restore(app, from: file, replace: false) }
            #expect(try await Self.contents(app).0 == changed.0)
            try await BackupService.restore(app, from: file, replace: true)
            #expect(try await Self.contents(app).0 == expected.0)
        }
    }

    @Test("an altered row, file or audit head is found and named")
    func tamperingIsNamed() async throws {
        try await withApp { app in
            try await Self.seed(app)
            let file = Self.archive()
            let manifest = try await BackupService.backup(app, to: file)
            let someFile = try #require(manifest.files.keys.sorted().first)
            func altered(_ path: String, _ change: (Data) -> Data) throws -> URL {
                let reader = try ZipBundleReader(url: file)
                let copy = Self.archive()
                let writer = try ZipBundleWriter(destination: copy)
                for entry in reader.paths {
                    let data = try reader.data(entry, limit: 1 << 30)
                    try writer.add(data: entry == path ? change(data) : data, as: entry)
                }
                try writer.finish()
                return copy
            }
            func message(_ url: URL) -> String {
                do { _ = try BackupVerifier.verify(url, localizer: app.localizer); return "" } catch { return "\(error)" }
            }
            #expect(message(file).isEmpty)
            let row = try altered(BackupManifest.tablePath(BallotPaper.schema)) { Data(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\"choices\":\"", with: "\"choices\":\"X").utf8) }
            #expect(message(row).contains("“\(BallotPaper.schema)”"))
            let bytes = try altered(BackupManifest.filePath(someFile)) { $0 + Data([0]) }
            #expect(message(bytes).contains(someFile))
            let head = try altered(BackupManifest.path) { Data(String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\"seq\" : \(manifest.auditHead!.seq)", with: "\"seq\" : 1").utf8) }
            #expect(message(head).contains(app.localizer.text("backup.audit_head")))
            // A truncated archive (a copy cut short) is refused at once, never read until it hangs.
            let cut = Self.archive()
            let whole = try Data(contentsOf: file)
            try whole.prefix(whole.count * 2 / 3).write(to: cut)
            #expect(message(cut).contains(cut.lastPathComponent))
            // A byte changed inside a stored entry fails its CRC-32, named.
            var flipped = whole
            let tablesAt = try #require(flipped.range(of: Data("ballot_papers".utf8)))
            flipped[tablesAt.upperBound + 200] ^= 0xFF
            let bad = Self.archive()
            try flipped.write(to: bad)
            #expect(!message(bad).isEmpty)
        }
    }

    @Test("a backup that fails half-way leaves the previous archive as it was, and no partial file")
    func failureKeepsThePrevious() async throws {
        try await withApp { app in
            try await Self.seed(app)
            let file = Self.archive()
            try await BackupService.backup(app, to: file)
            let previous = try Data(contentsOf: file)
            // A stored file that cannot be read stops the backup after the tables were written.
            let broken = app.fileStore.url(for: String(repeating: "ab", count: 32))
            try FileManager.default.createDirectory(at: broken, withIntermediateDirectories: true)
            await #expect(throws: (any Error).self) { try await BackupService.backup(app, to: file) }
            #expect(try Data(contentsOf: file) == previous)
            let folder = file.deletingLastPathComponent().path
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".partial") }.isEmpty)
        }
    }

    @Test("scheduled backups: one when due, none before, the newest kept, reported in /metrics")
    func scheduled() async throws {
        try await withApp { app in
            try await Self.seed(app)
            let folder = URL(fileURLWithPath: NSTemporaryDirectory() + "thidua-scheduled-" + UUID().uuidString)
            let schedule = try #require(ScheduledBackups.fromEnvironment(
                ["THIDUA_BACKUP_INTERVAL_HOURS": "24", "THIDUA_BACKUP_KEEP": "2", "THIDUA_BACKUP_DIR": folder.path], dataDirectory: "/nowhere"))
            #expect(ScheduledBackups.fromEnvironment([:], dataDirectory: "/d") == nil)
            var now = testNow
            for hours in [0.0, 1, 24, 30, 48] {
                now = testNow.addingTimeInterval(hours * 3600)
                await schedule.runIfDue(app, now: now)
            }
            // Due at 0, 24 and 48 hours (not at 1 or 30); two kept.
            let names = schedule.archives().map(\.url.lastPathComponent)
            #expect(names == [ScheduledBackups.name(at: testNow.addingTimeInterval(48 * 3600)), ScheduledBackups.name(at: testNow.addingTimeInterval(24 * 3600))])
            for url in schedule.archives().map(\.url) { _ = try BackupVerifier.verify(url, localizer: app.localizer) }
            let metrics = app.metrics.render()
            #expect(metrics.contains("thidua_backup_last_success_timestamp_seconds \(Int(now.timeIntervalSince1970))"))
            #expect(!metrics.contains("thidua_backup_failures_total 1"))
        }
    }

    @Test("the archive keeps no order or field that links a unit to its paper")
    func ballotSecrecy() async throws {
        try await withApp { app in
            try await Self.seed(app)
            let file = Self.archive()
            try await BackupService.backup(app, to: file)
            let checked = try BackupVerifier.verify(file, localizer: app.localizer)
            for schema in [BallotPaper.schema, BallotParticipation.schema] {
                let ids = try checked.tables[schema, default: []].map { try JSONDecoder().decode([String: AnyJSON].self, from: $0)["id"]?.text ?? "" }
                #expect(ids.count == 6 && ids == ids.sorted(), "\(schema) rows are not in the order of their random IDs")
            }
            let paperFields = try Set(checked.tables[BallotPaper.schema, default: []].flatMap { try JSONDecoder().decode([String: AnyJSON].self, from: $0).keys })
            #expect(paperFields == ["id", "ballotID", "choices", "receipt", "sealed"], "\(paperFields)")
        }
    }
}

/// Any JSON value; `text` is its string form when it is a string.
private struct AnyJSON: Decodable {
    var text: String?
    init(from decoder: any Decoder) throws { text = try? decoder.singleValueContainer().decode(String.self) }
}
