import Fluent
import Foundation
import SQLKit
import Testing
import VaporTesting
@testable import ThiDuaCore
@testable import ThiDuaServer

/// Issue 15's outside test, repeated on our own storage: with a copy of everything the server stores (the SQLite
/// file and its write-ahead log; every PostgreSQL table, joined on the transaction id), the link from a unit to its
/// paper leads only to ciphertext, and nothing stored opens a ciphertext or the election key.
@Suite("Sealed ballot secrecy", .serialized)
struct SealedSecrecyTests {
    /// A counted round where units 0, 1, 2 vote for unit 3 and unit 3 does not vote: no stored byte may name unit
    /// 3 next to a voter.
    static func round(_ app: Application) async throws -> (BallotFixture, UUID) {
        let f = try await BallotFixture.make(app, size: 5)
        let ballot = try await f.createBallot(#"{"kind":"flag","maxChoices":1,"quota":1}"#)
        #expect(try await f.action(ballot, "open").status == .ok)
        for voter in [0, 1, 2] { #expect(try await f.vote(ballot, by: voter, for: [f.units[3]]).status == .created) }
        return (f, ballot)
    }

    /// Every point a stored scalar would betray: each paper's `α` (its randomness opens it), the election key, each
    /// commitment and transport key, and each trustee's share `V_j` and sent share `f_i(j)·G`.
    static func secretsWouldOpen(_ record: SealedRecord) throws -> Set<String> {
        let keys = try record.trustees.map { try $0.decoded() }
        let board = TrusteeBoard(ballotID: UUID(uuidString: record.ballotID)!, threshold: record.threshold, keys: keys)
        var points = Set(record.papers.flatMap { $0.choices.map(\.alpha) })
        points.insert(record.publicKey)
        for key in keys {
            points.formUnion(key.commitments.map(\.hex) + [key.transportKey.hex, board.verificationKey(key.index).hex])
            for other in keys where other.index != key.index { points.insert(key.expectedShare(for: other.index).hex) }
        }
        return points
    }

    /// The 64-digit hex words in the bytes, each read as a scalar: the form every secret of the scheme would take.
    static func scalars(in bytes: Data) -> Set<String> {
        var found = Set<String>(), run = [UInt8]()
        for byte in bytes + [0] {
            if (48...57).contains(byte) || (97...102).contains(byte) { run.append(byte); continue }
            if run.count == 64 { found.insert(String(decoding: run, as: UTF8.self)) }
            run = []
        }
        return found
    }

    static func opened(_ tokens: Set<String>, against points: Set<String>) -> [String] {
        tokens.compactMap { Scalar(hex: $0) }.filter { points.contains(Point.base($0).hex) }.map(\.hex)
    }

    @Test("a copy of the SQLite file and its WAL links voters only to ciphertext, and holds no key that opens it")
    func sqliteCopy() async throws {
        let database = try await TestDatabase.make(.sqliteFile)
        try await withApp(on: database, now: testNow) { app in
            let (f, ballot) = try await Self.round(app)
            for stage in ["open", "counted"] {
                if stage == "counted" { #expect(try await f.action(ballot, "close").status == .ok) }
                var bytes = Data()
                for suffix in ["", "-wal"] {
                    bytes += (try? Data(contentsOf: URL(fileURLWithPath: database.dataDirectory + "/thidua.sqlite" + suffix))) ?? Data()
                }
                let record = try await SealedBallots.record(try #require(try await Ballot.find(ballot, on: app.db)), counts: nil,
                                                            on: app.db, localizer: app.localizer)
                let tokens = Self.scalars(in: bytes)
                // The proofs alone put dozens of scalars in storage: the search has something to search.
                #expect(tokens.count > 40, "\(stage): \(tokens.count) scalars")
                #expect(Self.opened(tokens, against: try Self.secretsWouldOpen(record)).isEmpty, "\(stage): a stored scalar opens a paper or the key")
                // No paper keeps its choices in plain form, before or after the count.
                #expect(try await BallotPaper.query(on: app.db).filter(\.$ballotID == ballot).all().allSatisfy { $0.choices.isEmpty })
                // The detector finds a secret when there is one: a trustee's own coefficient, had it been stored.
                let secret = await TrusteeDesk.shared.device(ballot, 1, threshold: 2).coefficients[0]
                #expect(Self.opened(tokens.union([secret.hex]), against: try Self.secretsWouldOpen(record)) == [secret.hex])
            }
            #expect(try await f.result(ballot).counts.first?.votes == 3)
        }
    }

    @Test("on PostgreSQL, every table joined to the voters on xmin gives ciphertext only, and nothing stored opens it")
    func postgresXmin() async throws {
        guard TestDatabase.postgresURL != nil else { return }
        try await withApp(on: try await TestDatabase.make(.postgres), now: testNow) { app in
            let (f, ballot) = try await Self.round(app)
            let sql = try #require(app.db as? SQLDatabase)
            struct Table: Decodable { var name: String }
            struct Text: Decodable { var row: String }
            let tables = try await sql.raw("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'")
                .all(decoding: Table.self).map(\.name)
            let unit3 = f.units[3].uuidString.lowercased()
            var linked = 0, everything = Data()
            for table in tables where table != "ballot_participation" {
                let joined = try await sql.raw("SELECT t::text AS row FROM \(ident: table) t JOIN ballot_participation p ON t.xmin = p.xmin")
                    .all(decoding: Text.self)
                linked += joined.count
                for row in joined { #expect(!row.row.lowercased().contains(unit3), "\(table) names the chosen unit next to a voter") }
                everything += Data(try await sql.raw("SELECT t::text AS row FROM \(ident: table) t").all(decoding: Text.self).map(\.row).joined(separator: "\n").utf8)
            }
            // The join does find the papers written with the votes: what it finds is their ciphertext.
            #expect(linked >= 3)
            let record = try await SealedBallots.record(try #require(try await Ballot.find(ballot, on: app.db)), counts: nil,
                                                        on: app.db, localizer: app.localizer)
            let tokens = Self.scalars(in: everything)
            #expect(tokens.count > 40)
            #expect(Self.opened(tokens, against: try Self.secretsWouldOpen(record)).isEmpty)
        }
    }
}
