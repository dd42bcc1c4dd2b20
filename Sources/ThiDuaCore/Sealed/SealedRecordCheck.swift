import Foundation

/// What a check of a sealed record found wrong; each names the trustee, paper (by position from 1 and receipt)
/// or candidate concerned, so a person can find it in the published board.
public enum RecordProblem: Error, Equatable, Sendable {
    case malformed(String)
    case format(String)
    case trusteeProof(Int)
    case publicKey
    case duplicateTracker(paper: Int, receipt: String)
    case tracker(paper: Int, receipt: String)
    case receipt(paper: Int, receipt: String)
    case paperShape(paper: Int, receipt: String)
    case choiceProof(paper: Int, receipt: String, candidate: Int)
    case totalProof(paper: Int, receipt: String)
    case encryptedTotal(candidate: Int)
    case decryptionProof(trustee: Int)
    case tooFewTrustees(valid: Int, needed: Int)
    case count(candidate: Int, recorded: Int, decrypted: Int)
}

extension SealedRecord {
    /// Every check of docs/sealed-ballot.md; an empty list means the record is whole and the counts are right.
    public func problems() -> [RecordProblem] {
        do { return try check() } catch { return [error] }
    }

    private func check() throws(RecordProblem) -> [RecordProblem] {
        guard format == SealedRecord.formatName else { return [.format(format)] }
        guard let id = UUID(uuidString: ballotID), id.uuidString == ballotID else { throw .malformed(ballotID) }
        var problems: [RecordProblem] = []
        var keys: [TrusteeKey] = []
        for trustee in trustees { keys.append(try trustee.decoded()) }
        let board = TrusteeBoard(ballotID: id, threshold: threshold, keys: keys)
        problems += board.badProofs.map(RecordProblem.trusteeProof)
        let key = try point(publicKey)
        if key != board.publicKey { problems.append(.publicKey) }
        let election = SealedElection(ballotID: id, publicKey: key, candidateCount: candidates.count,
                                      minChoices: minChoices, maxChoices: maxChoices)
        var seen = Set<String>()
        var sealed: [SealedPaper] = []
        for (i, paper) in papers.enumerated() {
            let n = i + 1
            if !seen.insert(paper.tracker).inserted { problems.append(.duplicateTracker(paper: n, receipt: paper.receipt)) }
            let decoded = try paper.decoded()
            let tracker = decoded.tracker(ballotID: ballotID)
            if tracker != paper.tracker { problems.append(.tracker(paper: n, receipt: paper.receipt)) }
            if Challenge.receipt(tracker: paper.tracker) != paper.receipt { problems.append(.receipt(paper: n, receipt: paper.receipt)) }
            switch decoded.problem(in: election) {
            case .wrongShape?: problems.append(.paperShape(paper: n, receipt: paper.receipt)); continue
            case .choiceProof(let c)?: problems.append(.choiceProof(paper: n, receipt: paper.receipt, candidate: c))
            case .totalProof?: problems.append(.totalProof(paper: n, receipt: paper.receipt))
            case nil: break
            }
            sealed.append(decoded)
        }
        let sums = SealedCount.totals(sealed, candidates: candidates.count)
        let totals = try totals()
        for c in candidates.indices where c >= totals.count || totals[c] != sums[c] { problems.append(.encryptedTotal(candidate: c)) }
        guard problems.isEmpty else { return problems }
        let parts = try partialDecryptions()
        let valid = SealedCount.validTrustees(parts, board: board, totals: totals)
        problems += parts.keys.sorted().filter { !valid.contains($0) }.map(RecordProblem.decryptionProof)
        guard let decrypted = SealedCount.counts(parts, board: board, totals: totals, papers: papers.count) else {
            return problems + [.tooFewTrustees(valid: valid.count, needed: threshold)]
        }
        for (c, votes) in decrypted.enumerated() where c >= counts.count || counts[c] != votes {
            problems.append(.count(candidate: c, recorded: c < counts.count ? counts[c] : -1, decrypted: votes))
        }
        return problems
    }
}
