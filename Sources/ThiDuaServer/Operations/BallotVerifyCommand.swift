import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// `thidua ballot-verify <ballotID>`: recounts an electronic round from its stored papers and compares it with the
/// result its audited close recorded; exits non-zero on any difference, naming the candidates whose counts differ,
/// a rewritten result in the ballots table, or a broken audit chain. A sealed round's whole record is checked
/// (every proof, the totals, the trustees' decryptions). `thidua ballot-verify record.json` checks an exported
/// record alone, with no database.
public struct BallotVerifyCommand: AsyncCommand {
    public struct Signature: CommandSignature {
        @Argument(name: "ballotID", help: "The ballot round to recount, or an exported record (.json) to check alone")
        var ballotID: String
        public init() {}
    }

    /// Thrown so the process exits non-zero.
    public struct Mismatch: Error, CustomStringConvertible {
        public let description: String
    }

    public init() {}
    public var help: String { "Recounts a ballot round from the stored ballots and compares it with the published result." }

    public func run(using context: CommandContext, signature: Signature) async throws {
        // The console speaks Vietnamese, the catalogue's default language.
        let localizer = context.application.localizer
        func text(_ key: String, _ args: [String: String] = [:]) -> String {
            localizer.text(key, Localizer.defaultLanguage, args)
        }
        if signature.ballotID.hasSuffix(".json") {
            return try SealedRecordCheck.run(file: signature.ballotID, console: context.console, text: text)
        }
        guard let id = UUID(uuidString: signature.ballotID), let ballot = try await Ballot.find(id, on: context.application.db) else {
            throw Mismatch(description: text("ballot_verify.not_found", ["id": signature.ballotID]))
        }
        guard ballot.status.hasResult, let stored = BallotService.storedResult(ballot) else {
            throw Mismatch(description: text("ballot_verify.not_closed"))
        }
        let db = context.application.db
        if ballot.mode == .paper {
            // The committee's figures as the audit chain recorded them, against the stored figures and result.
            let entries = try await AuditEntry.query(on: db).filter(\.$entity == "ballot").filter(\.$entityID == id.uuidString)
                .filter(\.$action ~~ ["paper-count", "paper-count-correction"]).sort(\.$seq, .descending).first()
            guard let entry = entries, let audited = entry.after.flatMap({ try? JSONDecoder().decode(PaperCountInput.self, from: Data($0.utf8)) }) else {
                throw Mismatch(description: text("ballot_verify.no_audited_close", ["id": id.uuidString]))
            }
            let names = try await BallotService.names(localizer: localizer, on: db)
            let figures = Dictionary(audited.counts.map { ($0.unitID, $0.votes) }, uniquingKeysWith: +)
            var differences = stored.counts.filter { $0.votes != figures[$0.candidate, default: 0] }.map {
                text("ballot_verify.paper_candidate_differs", ["name": names[$0.candidate] ?? $0.candidate,
                                                               "audited": String(figures[$0.candidate, default: 0]), "stored": String($0.votes)])
            }
            if stored.ballotsCast != audited.cast || stored.invalid != audited.invalid
                || ballot.paperCount.flatMap({ try? JSONDecoder().decode(PaperCountInput.self, from: Data($0.utf8)) }).map({ $0.cast != audited.cast || $0.issued != audited.issued }) ?? true {
                differences.append(text("ballot_verify.paper_figures_differ", ["seq": String(entry.seq)]))
            }
            guard differences.isEmpty else {
                context.console.error(text("ballot_verify.mismatch", ["id": id.uuidString, "details": differences.joined(separator: "; ")]), newLine: true)
                throw Mismatch(description: text("ballot_verify.mismatch", ["id": id.uuidString, "details": differences.joined(separator: "; ")]))
            }
            context.console.print(text("ballot_verify.paper", ["seq": String(entry.seq)]))
            return
        }
        func fail(_ key: String, _ args: [String: String] = [:]) -> Mismatch {
            let error = Mismatch(description: text(key, args))
            context.console.error(error.description, newLine: true)
            return error
        }
        // The result is compared with the close as the audit chain recorded it, not with the ballots table, which
        // anyone with the database can rewrite together with a paper; the chain itself must be whole.
        if case let .broken(seq, _) = try await AuditLog.verify(on: db) { throw fail("ballot_verify.chain_broken", ["seq": String(seq)]) }
        guard let close = try await AuditLog.latest(action: "close", entity: "ballot", entityID: id.uuidString, on: db),
              let audited = close.after.flatMap({ try? JSONDecoder().decode(TallyResult.self, from: Data($0.utf8)) }) else {
            throw fail("ballot_verify.no_audited_close", ["id": id.uuidString])
        }
        let names = try await BallotService.names(localizer: localizer, on: db)
        if ballot.sealed {
            // The record as stored, with the audited counts: its check decrypts the totals and compares.
            let candidates = try await BallotService.candidates(of: id, on: db).map(\.candidate)
            let counts = candidates.map { c in audited.counts.first { $0.candidate == c }?.votes ?? 0 }
            let record = try await SealedBallots.record(ballot, counts: counts, on: db, localizer: localizer)
            var problems = try await SealedRecordCheck.againstEndOfVoting(record, ballotID: id, on: db, text: text)
            problems += record.problems().map { SealedRecordCheck.describe($0, in: record, text: text) }
            if record.papers.count != audited.ballotsCast {
                problems.insert(text("ballot_verify.cast_differs", ["counted": String(record.papers.count),
                                                                    "published": String(audited.ballotsCast)]), at: 0)
            }
            if stored != audited { problems.append(text("ballot_verify.table_rewritten", ["seq": String(close.seq)])) }
            guard problems.isEmpty else {
                throw fail("ballot_verify.mismatch", ["id": id.uuidString, "details": problems.joined(separator: "; ")])
            }
            context.console.print(text("ballot_verify.sealed_match", ["count": String(record.papers.count), "seq": String(close.seq),
                                                                       "trustees": String(record.decryptions.count)]))
            return
        }
        let recount = try await BallotService.recount(ballot, on: db)
        var differences = BallotVerifyCommand.differences(recount, audited).map { candidate, counted, published in
            text("ballot_verify.candidate_differs", ["name": names[candidate] ?? candidate, "counted": String(counted),
                                                     "published": String(published)])
        }
        if recount.ballotsCast != audited.ballotsCast {
            differences.insert(text("ballot_verify.cast_differs", ["counted": String(recount.ballotsCast),
                                                                   "published": String(audited.ballotsCast)]), at: 0)
        }
        if stored != audited { differences.append(text("ballot_verify.table_rewritten", ["seq": String(close.seq)])) }
        guard differences.isEmpty, recount == audited else {
            throw fail("ballot_verify.mismatch", ["id": id.uuidString, "details": differences.joined(separator: "; ")])
        }
        context.console.print(text("ballot_verify.match", ["count": String(recount.ballotsCast), "seq": String(close.seq)]))
    }

    /// Candidates whose recounted votes differ from the audited ones: (candidate, recounted, audited).
    static func differences(_ recount: TallyResult, _ audited: TallyResult) -> [(String, Int, Int)] {
        let counted = Dictionary(recount.counts.map { ($0.candidate, $0.votes) }, uniquingKeysWith: +)
        let published = Dictionary(audited.counts.map { ($0.candidate, $0.votes) }, uniquingKeysWith: +)
        return Set(counted.keys).union(published.keys).sorted().compactMap { c in
            counted[c, default: 0] == published[c, default: 0] ? nil : (c, counted[c, default: 0], published[c, default: 0])
        }
    }
}
