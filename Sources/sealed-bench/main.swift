// sealed-bench: the cost of the sealed ballot (docs/sealed-ballot.md) in ThiDuaCore alone: sealing and proving one
// paper, and closing and verifying a whole round (encrypted totals, every paper's proofs, two trustees' partial
// decryptions, the combination and the counts). Seeded, so each run does the same work.
// Run in release: `swift build -c release --product sealed-bench && .build/release/sealed-bench [papers] [candidates] [maxChoices]`.
// `--record FILE` also writes the round's record, which `thidua ballot-verify FILE` and Tests/sealed/verify.py check.
import Foundation
import ThiDuaCore

var arguments = Array(CommandLine.arguments.dropFirst())
var recordPath: String?
if let i = arguments.firstIndex(of: "--record"), i + 1 < arguments.count {
    recordPath = arguments[i + 1]
    arguments.removeSubrange(i...(i + 1))
}
let numbers = arguments.compactMap { Int($0) }
let paperCount = numbers.first ?? 500
let candidateCount = numbers.dropFirst().first ?? 9
let maxChoices = numbers.dropFirst(2).first ?? 3

func milliseconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let random = seededBytes(20_231_219)
let ballotID = UUID(uuidString: "5EA1ED00-2023-4C19-8B00-000000000015")!
let (devices, board) = TrusteeDevice.ceremony(ballotID: ballotID, trustees: 3, threshold: 2, random: random)
let election = SealedElection(ballotID: ballotID, publicKey: board.publicKey, candidateCount: candidateCount,
                              minChoices: 0, maxChoices: maxChoices)
/// Seeded voters' marks: 0 to `maxChoices` candidates each.
final class Voters {
    var generator = SplitMix64(seed: 7)
    func marks() -> [Bool] {
        let chosen = Int(generator.next() % UInt64(maxChoices + 1))
        let picks = Set((0..<candidateCount).shuffled(using: &generator).prefix(chosen))
        return (0..<candidateCount).map(picks.contains)
    }
}
nonisolated(unsafe) let voters = Voters()
func marks() -> [Bool] { voters.marks() }

// One paper: what the server spends on a vote, and what a verifier spends on it.
var sealTimes: [Double] = [], checkTimes: [Double] = []
for _ in 0..<30 {
    var paper: SealedPaper!
    sealTimes.append(milliseconds { paper = SealedPaper.seal(marks(), in: election, random: random) })
    checkTimes.append(milliseconds { precondition(paper.problem(in: election) == nil) })
}
print(String(format: "seal and prove one paper (%d candidates, up to %d): median %.2f ms", candidateCount, maxChoices, median(sealTimes)))
print(String(format: "check one paper's proofs: median %.2f ms", median(checkTimes)))

var papers: [SealedPaper] = []
let sealAll = milliseconds { papers = (0..<paperCount).map { _ in SealedPaper.seal(marks(), in: election, random: random) } }
var record: SealedRecord!
let close = milliseconds {
    let totals = SealedCount.totals(papers, candidates: candidateCount)
    var parts: [Int: [PartialDecryption]] = [:]
    for device in [devices[0], devices[2]] { parts[device.index] = try! device.decrypt(totals, board: board, random: random).get() }
    let counts = SealedCount.counts(parts, board: board, totals: totals, papers: papers.count)!
    record = SealedRecord.assemble(
        election: election, title: "Bench", candidates: (0..<candidateCount).map { .init(key: "C\($0)", name: "Ứng cử \($0 + 1)") },
        board: board, trusteeNames: [1: "Ban Thi đua – Khen thưởng", 2: "Đơn vị trưởng khối", 3: "Đơn vị bốc thăm"],
        papers: papers, decryptions: parts, counts: counts, audit: .init(seq: 1, hash: String(repeating: "0", count: 64)))
}
var problems: [RecordProblem] = []
let verify = milliseconds { problems = record.problems() }
print(String(format: "seal %d papers: %.0f ms", paperCount, sealAll))
print(String(format: "close (totals, two trustees' decryptions, counts): %.0f ms", close))
print(String(format: "verify the whole record (%d papers, every proof): %.0f ms", paperCount, verify))
print(String(format: "close + verify: %.0f ms; counts %@", close + verify, record.counts.map(String.init).joined(separator: " ")))
guard problems.isEmpty else { fatalError("the bench's own record does not check: \(problems)") }
if let recordPath {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    try encoder.encode(record).write(to: URL(fileURLWithPath: recordPath))
    print("record written to \(recordPath)")
}
