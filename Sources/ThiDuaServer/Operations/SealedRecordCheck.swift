import ConsoleKit
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
