import Foundation

extension SealedRecord {
    /// The record of a counted round from its parts, in the export's order.
    public static func assemble(election: SealedElection, title: String, candidates: [Candidate], board: TrusteeBoard,
                                trusteeNames: [Int: String], papers: [SealedPaper], decryptions: [Int: [PartialDecryption]],
                                counts: [Int], audit: Audit?) -> SealedRecord {
        let totals = SealedCount.totals(papers, candidates: candidates.count)
        return SealedRecord(
            ballotID: election.ballotID, title: title, candidates: candidates, minChoices: election.minChoices,
            maxChoices: election.maxChoices, threshold: board.threshold,
            trustees: board.keys.map { Trustee($0, name: trusteeNames[$0.index] ?? String($0.index)) },
            publicKey: election.publicKey.hex,
            papers: papers.map { Paper($0, ballotID: election.ballotID) },
            encryptedTotals: totals.map { Total(alpha: $0.alpha.hex, beta: $0.beta.hex) },
            decryptions: decryptions.keys.sorted().map { Decryption(trustee: $0, shares: decryptions[$0]!.map(DecryptionShare.init)) },
            counts: counts, audit: audit)
    }
}

/// A seeded byte source for tests, simulations and benchmarks: the same seed gives the same round.
public func seededBytes(_ seed: UInt64) -> RandomBytes {
    var generator = SplitMix64(seed: seed)
    return { count in (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) } }
}
