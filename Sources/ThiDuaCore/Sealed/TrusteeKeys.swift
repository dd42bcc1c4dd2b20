import Foundation

/// A trustee's public part of the key ceremony (docs/sealed-ballot.md): commitments to its polynomial, the key its
/// shares are sent to, the proof that it knows its secret, and the shares it sends the others, encrypted.
public struct TrusteeKey: Equatable, Sendable {
    public var index: Int
    public var commitments: [Point]
    public var transportKey: Point
    /// Schnorr proof of the constant term: `a`, `c`, `z` (`b` unused).
    public var proof: ProofBranch
    public var shares: [EncryptedShare]

    public init(index: Int, commitments: [Point], transportKey: Point, proof: ProofBranch, shares: [EncryptedShare] = []) {
        self.index = index
        self.commitments = commitments
        self.transportKey = transportKey
        self.proof = proof
        self.shares = shares
    }

    static func keyChallenge(ballotID: String, index: Int, commitments: [Point], transportKey: Point, a: Point) -> Scalar {
        Challenge.scalar("trustee-key", [ballotID, String(index)] + commitments.map(\.hex) + [transportKey.hex, a.hex])
    }

    /// Whether the proof shows that the trustee knows the secret behind its first commitment, for this round.
    public func proofHolds(ballotID: String, threshold: Int) -> Bool {
        guard commitments.count == threshold, !commitments[0].isInfinity else { return false }
        let c = Self.keyChallenge(ballotID: ballotID, index: index, commitments: commitments, transportKey: transportKey, a: proof.a)
        return c == proof.c && Point.base(proof.z) == proof.a + c * commitments[0]
    }

    /// `Σ_k j^k·C_k`: what the share this trustee sends trustee `j` must be, times G.
    public func expectedShare(for j: Int) -> Point {
        var power = Scalar.one, sum = Point.infinity
        for commitment in commitments {
            sum = sum + power * commitment
            power = power * Scalar(j)
        }
        return sum
    }
}

/// A share for one trustee, encrypted to its transport key.
public struct EncryptedShare: Equatable, Sendable {
    public var to: Int
    public var k: Point
    public var data: String

    static func pad(ballotID: String, from: Int, to: Int, k: Point, shared: Point) -> [UInt8] {
        Challenge.digest("share", [ballotID, String(from), String(to), k.hex, shared.hex])
    }

    public static func seal(_ share: Scalar, ballotID: String, from: Int, to: Int, transportKey: Point, random: RandomBytes) -> EncryptedShare {
        let ephemeral = Scalar.random(random)
        let k = Point.base(ephemeral)
        let pad = pad(ballotID: ballotID, from: from, to: to, k: k, shared: ephemeral * transportKey)
        return EncryptedShare(to: to, k: k, data: Hex.encode(zip(share.bytes, pad).map { $0 ^ $1 }))
    }

    public func open(ballotID: String, from: Int, transportSecret: Scalar) -> Scalar? {
        guard let bytes = Hex.decode(data), bytes.count == 32 else { return nil }
        let pad = Self.pad(ballotID: ballotID, from: from, to: to, k: k, shared: transportSecret * k)
        return Scalar.reduce(zip(bytes, pad).map { $0 ^ $1 })
    }
}

/// The trustees of a round together: the election key, and each trustee's verification key.
public struct TrusteeBoard: Sendable {
    public var ballotID: String
    public var threshold: Int
    public var keys: [TrusteeKey]

    public init(ballotID: UUID, threshold: Int, keys: [TrusteeKey]) {
        self.ballotID = ballotID.uuidString
        self.threshold = threshold
        self.keys = keys.sorted { $0.index < $1.index }
    }

    /// `Y = Σ_i C_i0`.
    public var publicKey: Point { keys.reduce(Point.infinity) { $0 + $1.commitments[0] } }

    /// `V_j = Σ_i Σ_k j^k·C_ik`: trustee `j`'s share times G.
    public func verificationKey(_ j: Int) -> Point { keys.reduce(Point.infinity) { $0 + $1.expectedShare(for: j) } }

    /// Trustees whose key proof fails, by index.
    public var badProofs: [Int] { keys.filter { !$0.proofHolds(ballotID: ballotID, threshold: threshold) }.map(\.index) }

    /// Whether every trustee has sent a share to every other: the ceremony is over and the round may open.
    public var isComplete: Bool {
        let indices = Set(keys.map(\.index))
        return keys.allSatisfy { key in Set(key.shares.map(\.to)) == indices.subtracting([key.index]) }
    }
}
