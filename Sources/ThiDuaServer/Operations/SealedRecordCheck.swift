import ConsoleKit
import Fluent
import Foundation
import ThiDuaCore

/// The check of a sealed round's exported record, with no database, and the problems it finds in Vietnamese.
enum SealedRecordCheck {
    static func run(file: String, console: Console, text: (String, [String: String]) -> String) throws {
        let record: SealedRecord
        do {
            record = try JSONDecoder().decode(SealedRecord.self, from: Data(contentsOf: URL(fileURLWithPath: file)))
        } catch {
            throw BallotVerifyCommand.Mismatch(description: text("ballot_verify.file_unreadable", ["file": file]))
        }
        let problems = record.problems()
        guard problems.isEmpty else {
            let lines = problems.map { describe($0, in: record, text: text) }
            for line in lines { console.error(line, newLine: true) }
            throw BallotVerifyCommand.Mismatch(description: text("ballot_verify.file_mismatch", ["file": file, "count": String(lines.count)]))
        }
        let counts = zip(record.candidates, record.counts).map { "\($0.name) \($1)" }.joined(separator: "; ")
        console.print(text("ballot_verify.file_match", ["count": String(record.papers.count), "trustees": String(record.decryptions.count),
                                                         "threshold": String(record.threshold), "counts": counts,
                                                         "seq": record.audit.map { String($0.seq) } ?? "—",
                                                         "hash": record.audit?.hash ?? "—"]))
    }

    /// Papers whose tracker the audited end of voting did not list (swapped or added since), and listed trackers no
    /// paper carries any more (removed), each named by its receipt.
    static func againstEndOfVoting(_ record: SealedRecord, ballotID: UUID, on db: Database,
                                   text: (String, [String: String]) -> String) async throws -> [String] {
        guard let entry = try await AuditLog.latest(action: "end-voting", entity: "ballot", entityID: ballotID.uuidString, on: db),
              let ended = entry.after.flatMap({ try? JSONDecoder().decode(EndOfVoting.self, from: Data($0.utf8)) }) else {
            return [text("sealed.no_end_of_voting", [:])]
        }
        let audited = Set(ended.trackers), stored = Set(record.papers.map(\.tracker))
        var problems = record.papers.enumerated().filter { !audited.contains($0.element.tracker) }.map {
            text("sealed.not_audited", ["paper": String($0.offset + 1), "receipt": $0.element.receipt, "seq": String(entry.seq)])
        }
        problems += ended.trackers.filter { !stored.contains($0) }.map {
            text("sealed.removed", ["receipt": Challenge.receipt(tracker: $0), "seq": String(entry.seq)])
        }
        return problems
    }

    /// One line per problem, naming the paper by its number and receipt, the trustee by number and name, the
    /// candidate by name.
    static func describe(_ problem: RecordProblem, in record: SealedRecord, text: (String, [String: String]) -> String) -> String {
        func candidate(_ c: Int) -> String { c < record.candidates.count ? record.candidates[c].name : String(c + 1) }
        func trustee(_ i: Int) -> String { record.trustees.first { $0.index == i }.map { "\(i) (\($0.name))" } ?? String(i) }
        switch problem {
        case .malformed(let value): return text("sealed.malformed", ["value": String(value.prefix(70))])
        case .format(let value): return text("sealed.format", ["value": value])
        case .trusteeProof(let i): return text("sealed.trustee_proof", ["trustee": trustee(i)])
        case .publicKey: return text("sealed.public_key", [:])
        case let .duplicateTracker(n, receipt): return text("sealed.duplicate", ["paper": String(n), "receipt": receipt])
        case let .tracker(n, receipt): return text("sealed.tracker", ["paper": String(n), "receipt": receipt])
        case let .receipt(n, receipt): return text("sealed.receipt", ["paper": String(n), "receipt": receipt])
        case let .paperShape(n, receipt): return text("sealed.shape", ["paper": String(n), "receipt": receipt])
        case let .choiceProof(n, receipt, c):
            return text("sealed.choice_proof", ["paper": String(n), "receipt": receipt, "candidate": candidate(c)])
        case let .totalProof(n, receipt): return text("sealed.total_proof", ["paper": String(n), "receipt": receipt])
        case .encryptedTotal(let c): return text("sealed.encrypted_total", ["candidate": candidate(c)])
        case .decryptionProof(let i): return text("sealed.decryption_proof", ["trustee": trustee(i)])
        case let .tooFewTrustees(valid, needed): return text("sealed.too_few", ["valid": String(valid), "needed": String(needed)])
        case let .count(c, recorded, decrypted):
            return text("sealed.count", ["candidate": candidate(c), "recorded": String(recorded), "decrypted": String(decrypted)])
        }
    }
}
