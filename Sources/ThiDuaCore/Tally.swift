import Foundation

/// Counting a ballot round (kiểm phiếu): a pure function from the ballots or the paper figures
/// to counts, shares, who passes the threshold, the winners and any tie at the cut-off.
///
/// All arithmetic is exact: votes and bases are integers, the threshold's fraction is read as
/// the simple ratio it stands for (0.7 → 7/10, 0.6666666666666666 → 2/3) or else as its shortest
/// decimal text, and shares are `Decimal`.
public enum Tally {
    /// Counts the valid stored ballots of an electronic round.
    ///
    /// Each ballot adds one vote to each distinct candidate it names; names that are not
    /// candidates are ignored (the ballots should already have passed `BallotRules.validity`).
    /// Ballot order never changes the result.
    public static func electronic(_ input: TallyInput) -> TallyResult {
        let candidates = distinct(input.candidates)
        let known = Set(candidates)
        var votes: [String: Int] = [:]
        for ballot in input.validBallots {
            for choice in Set(ballot.choices) where known.contains(choice) {
                votes[choice, default: 0] += 1
            }
        }
        let valid = input.validBallots.count
        let invalid = max(0, input.invalidCount)
        return result(input, candidates: candidates, votes: votes, cast: valid + invalid, valid: valid, invalid: invalid)
    }

    /// Checks and counts a paper round from the counting committee's figures.
    ///
    /// Refuses: any negative figure; more ballots issued than members present (one ballot each); cast > issued; invalid > cast; a count for a non-candidate;
    /// a count above the valid ballots; a total above valid × N for approveUpTo(N), or above valid
    /// for exactlyOne. The input's `validBallots` and `invalidCount` are not used.
    public static func paper(_ count: PaperCount, input: TallyInput) throws(PaperCountError) -> TallyResult {
        let candidates = distinct(input.candidates)
        try check(count, candidates: candidates, rule: input.rule, present: input.membersPresent)
        return result(
            input, candidates: candidates, votes: count.counts,
            cast: count.cast, valid: count.valid, invalid: count.invalid
        )
    }

    /// The paper count checks, in the order the committee would want to hear about them.
    static func check(_ count: PaperCount, candidates: [String], rule: ChoiceRule, present: Int) throws(PaperCountError) {
        guard count.issued >= 0, count.cast >= 0, count.invalid >= 0, count.counts.values.allSatisfy({ $0 >= 0 }) else {
            throw .negative
        }
        // Every later figure is bounded by this one, so no sum or product below can overflow.
        guard count.issued <= present else { throw .issuedExceedsPresent(issued: count.issued, present: present) }
        guard count.cast <= count.issued else { throw .castExceedsIssued(cast: count.cast, issued: count.issued) }
        guard count.invalid <= count.cast else { throw .invalidExceedsCast }
        let known = Set(candidates)
        if let unknown = count.counts.keys.filter({ !known.contains($0) }).sorted().first {
            throw .unknownCandidate(unknown)
        }
        let valid = count.valid
        for candidate in candidates {
            let votes = count.counts[candidate] ?? 0
            guard votes <= valid else { throw .countExceedsValid(candidate: candidate, votes: votes, valid: valid) }
        }
        let total = candidates.reduce(0) { sum, candidate in
            let (next, overflow) = sum.addingReportingOverflow(count.counts[candidate] ?? 0)
            return overflow ? Int.max : next
        }
        let (limit, overflow) = valid.multipliedReportingOverflow(by: rule.maxChoices)
        guard overflow || total <= limit else { throw .totalExceedsLimit(total: total, limit: limit) }
    }

    /// A sealed round: the decrypted totals of `papers` papers, every one proven valid (a blank one included), so
    /// the same result as `electronic` over the same papers in plain form.
    public static func sealed(_ totals: [String: Int], papers: Int, input: TallyInput) -> TallyResult {
        result(input, candidates: distinct(input.candidates), votes: totals, cast: papers, valid: papers, invalid: 0)
    }

    /// Shares, passing, ordering and winners, common to both modes.
    static func result(
        _ input: TallyInput, candidates: [String], votes: [String: Int], cast: Int, valid: Int, invalid: Int
    ) -> TallyResult {
        let base: Int
        switch input.threshold.base {
        case .validBallots: base = valid
        case .membersPresent: base = input.membersPresent
        case .allMembers: base = input.allMembers
        }
        let order = Dictionary(uniqueKeysWithValues: candidates.enumerated().map { ($1, $0) })
        let counts = candidates.map { candidate -> TallyResult.Count in
            let n = votes[candidate] ?? 0
            return TallyResult.Count(
                candidate: candidate, votes: n,
                share: share(votes: n, base: base),
                passes: passes(votes: n, base: base, threshold: input.threshold)
            )
        }.sorted { a, b in
            a.votes != b.votes ? a.votes > b.votes : order[a.candidate, default: 0] < order[b.candidate, default: 0]
        }
        let (outcome, tie) = winners(passing: counts.filter(\.passes), quota: input.quota)
        return TallyResult(
            eligibleVoters: input.membersPresent, ballotsCast: cast, valid: valid, invalid: invalid,
            thresholdBase: base, counts: counts, outcome: outcome, tie: tie,
            seatsLeftForRunoff: tie.isEmpty ? 0 : max(0, input.quota) - outcome.count
        )
    }

    /// Takes up to `quota` of the passing candidates (already sorted by votes). When the last seat's
    /// vote count is shared with a candidate beyond the quota, everyone on that count goes to the tie.
    static func winners(passing: [TallyResult.Count], quota: Int) -> (outcome: [String], tie: [String]) {
        guard quota > 0 else { return ([], []) }
        guard passing.count > quota else { return (passing.map(\.candidate), []) }
        let cutoff = passing[quota - 1].votes
        guard passing[quota].votes == cutoff else { return (passing.prefix(quota).map(\.candidate), []) }
        return (
            passing.filter { $0.votes > cutoff }.map(\.candidate),
            passing.filter { $0.votes == cutoff }.map(\.candidate)
        )
    }

    /// votes ÷ base rounded half-up to 4 places; 0 when the base is not positive.
    public static func share(votes: Int, base: Int) -> Decimal {
        guard base > 0 else { return 0 }
        var exact = Decimal(votes) / Decimal(base)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 4, .plain)
        return rounded
    }

    /// Whether `votes` reach base × fraction (≥ for atLeast, > for moreThan) in exact arithmetic.
    /// Never when the base is not positive, and never with no votes at all (a threshold of 0 must
    /// not elect a candidate nobody chose).
    public static func passes(votes: Int, base: Int, threshold: VoteThreshold) -> Bool {
        guard base > 0, votes > 0 else { return false }
        if let (p, q) = simpleRatio(threshold.fraction) {
            let (have, o1) = votes.multipliedReportingOverflow(by: q)
            let (need, o2) = base.multipliedReportingOverflow(by: p)
            if !o1 && !o2 {
                return threshold.comparison == .atLeast ? have >= need : have > need
            }
        }
        guard let fraction = exactFraction(threshold.fraction) else { return false }
        let required = Decimal(base) * fraction
        let have = Decimal(votes)
        return threshold.comparison == .atLeast ? have >= required : have > required
    }

    /// The fraction as p/q with q ≤ 10 000 when the double is that ratio's nearest value
    /// (0.7 → 7/10, 0.6666666666666666 → 2/3); nil otherwise.
    static func simpleRatio(_ value: Double) -> (Int, Int)? {
        guard value.isFinite, value >= 0, value <= 1_000 else { return nil }
        for q in 1...10_000 {
            let p = (value * Double(q)).rounded()
            if abs(p / Double(q) - value) <= 1e-15 * max(1, value) { return (Int(p), q) }
        }
        return nil
    }

    /// The fraction as written (0.123456789 exactly), not as its binary approximation.
    static func exactFraction(_ value: Double) -> Decimal? {
        guard value.isFinite else { return nil }
        return Decimal(string: "\(value)", locale: Locale(identifier: "en_US_POSIX")) ?? Decimal(value)
    }

    /// The candidates without repeats, keeping the first position of each.
    static func distinct(_ ids: [String]) -> [String] {
        var seen = Set<String>()
        return ids.filter { seen.insert($0).inserted }
    }
}
