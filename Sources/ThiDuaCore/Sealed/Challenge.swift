import Crypto
import Foundation

/// Fiat–Shamir challenges and the other hashes of docs/sealed-ballot.md: every input is a `|`-joined text of
/// hex and decimal items, so three implementations in three languages hash the same bytes.
public enum Challenge {
    public static let version = "thidua-v1"

    static func digest(_ tag: String, _ items: [String]) -> [UInt8] {
        let text = ([version, tag] + items).joined(separator: "|")
        return Array(SHA256.hash(data: Data(text.utf8)))
    }

    /// `H(tag, items…)` as a scalar.
    public static func scalar(_ tag: String, _ items: [String]) -> Scalar { Scalar.reduce(digest(tag, items)) }

    /// The voter's receipt: the tracker's first 80 bits, five at a time, in the receipts' unambiguous alphabet.
    public static func receipt(tracker: String) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        let bytes = Hex.decode(String(tracker.prefix(20))) ?? []
        var bits = bytes.flatMap { byte in (0..<8).reversed().map { (byte >> $0) & 1 } }
        bits += [UInt8](repeating: 0, count: max(0, 80 - bits.count))
        let symbols = (0..<16).map { i in alphabet[Int(bits[i * 5..<i * 5 + 5].reduce(0) { $0 << 1 | $1 })] }
        return stride(from: 0, to: 16, by: 4).map { String(symbols[$0..<$0 + 4]) }.joined(separator: "-")
    }
}

/// One branch of a disjunctive Chaum–Pedersen proof, or a plain one (`b` unused by the Schnorr proof).
public struct ProofBranch: Equatable, Sendable {
    public var a: Point
    public var b: Point
    public var c: Scalar
    public var z: Scalar

    public init(a: Point, b: Point, c: Scalar, z: Scalar) {
        self.a = a
        self.b = b
        self.c = c
        self.z = z
    }
}

/// An exponential ElGamal ciphertext: `(r·G, v·G + r·Y)`.
public struct Ciphertext: Equatable, Sendable {
    public var alpha: Point
    public var beta: Point

    public init(alpha: Point, beta: Point) {
        self.alpha = alpha
        self.beta = beta
    }

    public static func + (x: Ciphertext, y: Ciphertext) -> Ciphertext { Ciphertext(alpha: x.alpha + y.alpha, beta: x.beta + y.beta) }
    public static let zero = Ciphertext(alpha: .infinity, beta: .infinity)
}

/// The proof that a ciphertext holds one of a list of small values, without saying which.
public enum RangeProof {
    /// Proves that `cipher`, made with randomness `r`, holds `values[truth]`.
    public static func prove(_ cipher: Ciphertext, r: Scalar, values: [Int], truth: Int, key: Point, tag: String,
                             context: [String], random: RandomBytes) -> [ProofBranch] {
        var branches: [ProofBranch] = []
        let w = Scalar.random(random)
        for (u, x) in values.enumerated() {
            if u == truth {
                branches.append(ProofBranch(a: .base(w), b: w * key, c: .zero, z: .zero))
            } else {
                // The prover knows r and the true value v, so z·G − c·α = (z − c·r)·G and
                // z·Y − c·(β − x·G) = (z − c·r)·Y − c·(v − x)·G: one multiplication of Y instead of three.
                let c = Scalar.random(random), z = Scalar.random(random)
                let k = z - c * r
                branches.append(ProofBranch(a: .base(k), b: .combine(.zero - c * (Scalar(values[truth]) - Scalar(x)), k, key), c: c, z: z))
            }
        }
        let total = challenge(cipher, branches: branches, key: key, tag: tag, context: context)
        let others = branches.enumerated().filter { $0.offset != truth }.reduce(Scalar.zero) { $0 + $1.element.c }
        branches[truth].c = total - others
        branches[truth].z = w + branches[truth].c * r
        return branches
    }

    /// Whether the branches prove that `cipher` holds one of `values`.
    public static func verify(_ cipher: Ciphertext, branches: [ProofBranch], values: [Int], key: Point, tag: String,
                              context: [String]) -> Bool {
        guard branches.count == values.count else { return false }
        let sum = branches.reduce(Scalar.zero) { $0 + $1.c }
        guard sum == challenge(cipher, branches: branches, key: key, tag: tag, context: context) else { return false }
        for (branch, x) in zip(branches, values) {
            guard Point.base(branch.z) == branch.a + branch.c * cipher.alpha,
                  branch.z * key == branch.b + branch.c * (cipher.beta - Point.base(Scalar(x))) else { return false }
        }
        return true
    }

    static func challenge(_ cipher: Ciphertext, branches: [ProofBranch], key: Point, tag: String, context: [String]) -> Scalar {
        Challenge.scalar(tag, context.prefix(1) + [key.hex] + context.dropFirst() + [cipher.alpha.hex, cipher.beta.hex]
            + branches.flatMap { [$0.a.hex, $0.b.hex] })
    }
}
