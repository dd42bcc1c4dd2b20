import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ThiDuaServer

@Suite("Audit log")
struct AuditTests {
    /// Makes four audited writes through the API.
    func writeSome(_ app: Application, _ f: Fixture) async throws {
        let admin = try await token(app, "admin")
        #expect(try await send(app, .POST, "/api/v1/units", token: admin, json: #"{"name":"Ban Dân vận Tỉnh ủy","shortName":"BDV"}"#).status == .created)
        #expect(try await send(app, .PATCH, "/api/v1/units/\(f.unitA)", token: admin, json: #"{"contactEmail":"bnc@example.org"}"#).status == .ok)
        #expect(try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/milestones", token: admin,
                               json: #"{"code":"HN","title":"Hội nghị","dueAt":"2023-12-19T08:00:00+07:00"}"#).status == .created)
        #expect(try await send(app, .POST, "/api/v1/blocs", token: admin, json: #"{"name":"Khối mới","issuer":"UBND tỉnh"}"#).status == .created)
    }

    @Test("every write is recorded with who, when, what, before and after, and the chain verifies")
    func recordsWrites() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            try await writeSome(app, f)
            let entries = try await AuditEntry.query(on: app.db).sort(\.$seq).all()
            #expect(entries.map(\.entity) == ["unit", "unit", "milestone", "bloc"])
            #expect(entries.allSatisfy { $0.actor == "admin" && $0.recordedAt.hasPrefix("2023-12-10T02:00:00") })
            #expect(entries[1].before?.contains("\"contactEmail\"") == false)
            #expect(entries[1].after?.contains("bnc@example.org") == true)
            #expect(entries[0].before == nil)
            #expect(try await AuditLog.verify(on: app.db) == .intact(count: 4))
        }
    }

    @Test("a refused write leaves no audit entry")
    func refusedWriteNotRecorded() async throws {
        try await withApp { app in
            _ = try await Fixture.seed(app)
            let admin = try await token(app, "admin")
            #expect(try await send(app, .POST, "/api/v1/units", token: admin, json: #"{"name":"X","shortName":"BNC"}"#).status == .conflict)
            #expect(try await AuditEntry.query(on: app.db).count() == 0)
        }
    }

    @Test("altering any field of an entry is detected at that entry", arguments: ["after", "actor", "recorded_at"])
    func tamperEdit(column: String) async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            try await writeSome(app, f)
            let sql = try #require(app.db as? SQLDatabase)
            try await sql.raw("UPDATE audit_entries SET \(ident: column) = 'sửa lén' WHERE seq = 2").run()
            let result = try await AuditLog.verify(on: app.db)
            guard case let .broken(seq, problem) = result else { Issue.record("tampering not detected"); return }
            #expect(seq == 2)
            #expect(problem == .altered)
            #expect(problem.text(seq: seq, app.localizer) == "nội dung mục số 2 đã bị sửa")
        }
    }

    @Test("removing an entry, or the last one, is detected")
    func tamperDelete() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            try await writeSome(app, f)
            let sql = try #require(app.db as? SQLDatabase)
            try await sql.raw("DELETE FROM audit_entries WHERE seq = 3").run()
            let result = try await AuditLog.verify(on: app.db)
            #expect(result == .broken(seq: 3, problem: .deleted(expected: 3, found: 4)))
            #expect(AuditLog.Problem.deleted(expected: 3, found: 4).text(seq: 3, app.localizer)
                    == "mục số 3 bị xóa (thấy mục số 4 ngay sau mục 2)")
        }
    }

    @Test("audit-verify exits with an error naming the first bad entry, and passes on an intact chain")
    func verifyCommand() async throws {
        try await withApp { app in
            let f = try await Fixture.seed(app)
            try await writeSome(app, f)
            app.asyncCommands.use(AuditVerifyCommand(), as: "audit-verify")
            app.environment.arguments = ["thidua", "audit-verify"]
            try await app.execute()
            let sql = try #require(app.db as? SQLDatabase)
            try await sql.raw("UPDATE audit_entries SET before = '{}' WHERE seq = 2").run()
            do {
                try await app.execute()
                Issue.record("audit-verify passed a tampered chain")
            } catch let error as AuditVerifyCommand.ChainBroken {
                #expect(error.seq == 2)
                #expect(error.description.contains("mục số 2"))
            }
        }
    }
}
