import Foundation

/// A trustee's partial decryption of one encrypted total, `D = s_j·A`, with its Chaum–Pedersen proof.
public struct PartialDecryption: Equatable, Sendable {
    public var d: Point
    public var proof: ProofBranch

    static func challenge(ballotID: String, trustee: Int, verificationKey: Point, candidate: Int, total: Ciphertext,
                          d: Point, a: Point, b: Point) -> Scalar {
        Challenge.scalar("decrypt", [ballotID, String(trustee), verificationKey.hex, String(candidate), total.alpha.hex,
                                     d.hex, a.hex, b.hex])
    }

    public static func make(share: Scalar, ballotID: String, trustee: Int, verificationKey: Point, candidate: Int,
                            total: Ciphertext, random: RandomBytes) -> PartialDecryption {
        let w = Scalar.random(random)
        let d = share * total.alpha, a = Point.base(w), b = w * total.alpha
        let c = challenge(ballotID: ballotID, trustee: trustee, verificationKey: verificationKey, candidate: candidate,
                          total: total, d: d, a: a, b: b)
        return PartialDecryption(d: d, proof: ProofBranch(a: a, b: b, c: c, z: w + c * share))
    }

    public func holds(ballotID: String, trustee: Int, verificationKey: Point, candidate: Int, total: Ciphertext) -> Bool {
        let c = Self.challenge(ballotID: ballotID, trustee: trustee, verificationKey: verificationKey, candidate: candidate,
                               total: total, d: d, a: proof.a, b: proof.b)
        return c == proof.c && Point.base(proof.z) == proof.a + c * verificationKey
            && proof.z * total.alpha == proof.b + c * d
    }
}

/// The count of a sealed round: the encrypted totals, and the counts from enough trustees' partial decryptions.
public enum SealedCount {
    /// Each candidate's encrypted total: the sum of its ciphertexts over the papers.
    public static func totals(_ papers: [SealedPaper], candidates: Int) -> [Ciphertext] {
        (0..<candidates).map { c in papers.reduce(Ciphertext.zero) { $0 + $1.choices[c].cipher } }
    }

    /// The trustees (by index) whose partial decryptions of every total check against their verification keys.
    public static func validTrustees(_ decryptions: [Int: [PartialDecryption]], board: TrusteeBoard, totals: [Ciphertext]) -> [Int] {
        decryptions.keys.sorted().filter { j in
            guard let parts = decryptions[j], parts.count == totals.count else { return false }
            let v = board.verificationKey(j)
            return parts.indices.allSatisfy { parts[$0].holds(ballotID: board.ballotID, trustee: j, verificationKey: v,
                                                              candidate: $0, total: totals[$0]) }
        }
    }

    /// `λ_j` over the set `S`, at zero.
    static func lagrange(_ j: Int, over set: [Int]) -> Scalar {
        set.filter { $0 != j }.reduce(Scalar.one) { acc, k in
            acc * Scalar(k) * ((Scalar(k) - Scalar(j)).inverse ?? .zero)
        }
    }

    /// The counts, from the `threshold` lowest valid trustees; nil when fewer have decrypted or a total is no
    /// count of at most `papers` votes (which valid proofs rule out).
    public static func counts(_ decryptions: [Int: [PartialDecryption]], board: TrusteeBoard, totals: [Ciphertext],
                              papers: Int) -> [Int]? {
        let valid = validTrustees(decryptions, board: board, totals: totals)
        guard valid.count >= board.threshold else { return nil }
        let set = Array(valid.prefix(board.threshold))
        var counts: [Int] = []
        for (c, total) in totals.enumerated() {
            let m = set.reduce(total.beta) { $0 - lagrange($1, over: set) * decryptions[$1]![c].d }
            guard let x = discreteLog(m, max: papers) else { return nil }
            counts.append(x)
        }
        return counts
    }

    /// The least `x ≤ max` with `x·G == m`, by walking: a count is at most the number of papers.
    static func discreteLog(_ m: Point, max: Int) -> Int? {
        var walk = Point.infinity
        for x in 0...max {
            if walk == m { return x }
            walk = walk + .generator
        }
        return nil
    }
}
