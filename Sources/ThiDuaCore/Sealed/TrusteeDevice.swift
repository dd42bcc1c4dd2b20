import Foundation

/// The trustee's side of the ceremony and the count, as `Public/js/trustee-crypto.js` does it in a trustee's
/// browser. The server never runs this for a real round: it serves the tests, `thidua simulate` and the demo's
/// seeded past rounds, whose trustees are simulated and whose secrets are dropped once the round is counted.
public struct TrusteeDevice: Sendable {
    public let ballotID: String
    public let index: Int
    let coefficients: [Scalar]
    let transportSecret: Scalar

    public init(ballotID: UUID, index: Int, threshold: Int, random: RandomBytes) {
        self.ballotID = ballotID.uuidString
        self.index = index
        coefficients = (0..<threshold).map { _ in Scalar.random(random) }
        transportSecret = Scalar.random(random)
    }

    /// `f(x)` by Horner's rule.
    func evaluate(at x: Int) -> Scalar {
        coefficients.reversed().reduce(Scalar.zero) { $0 * Scalar(x) + $1 }
    }

    /// The first post: commitments, transport key and the proof of the constant term.
    public func key(random: RandomBytes) -> TrusteeKey {
        let commitments = coefficients.map(Point.base)
        let transportKey = Point.base(transportSecret)
        let w = Scalar.random(random)
        let a = Point.base(w)
        let c = TrusteeKey.keyChallenge(ballotID: ballotID, index: index, commitments: commitments, transportKey: transportKey, a: a)
        return TrusteeKey(index: index, commitments: commitments, transportKey: transportKey,
                          proof: ProofBranch(a: a, b: .infinity, c: c, z: w + c * coefficients[0]))
    }

    /// The second post: a share for every other trustee, encrypted to its transport key.
    public func shares(for others: [TrusteeKey], random: RandomBytes) -> [EncryptedShare] {
        others.filter { $0.index != index }.map {
            EncryptedShare.seal(evaluate(at: $0.index), ballotID: ballotID, from: index, to: $0.index,
                                transportKey: $0.transportKey, random: random)
        }
    }

    /// `s_j`: the shares received, each checked against its sender's commitments, plus its own; nil names no one,
    /// the senders whose share fails are returned instead.
    public func secretShare(_ board: TrusteeBoard) -> Result<Scalar, TrusteeProblem> {
        var sum = evaluate(at: index)
        for key in board.keys where key.index != index {
            guard let sealed = key.shares.first(where: { $0.to == index }),
                  let share = sealed.open(ballotID: ballotID, from: key.index, transportSecret: transportSecret),
                  Point.base(share) == key.expectedShare(for: index) else { return .failure(.badShare(from: key.index)) }
            sum = sum + share
        }
        return .success(sum)
    }

    /// Partial decryptions of the encrypted totals, with proofs.
    public func decrypt(_ totals: [Ciphertext], board: TrusteeBoard, random: RandomBytes) -> Result<[PartialDecryption], TrusteeProblem> {
        secretShare(board).map { share in
            let v = board.verificationKey(index)
            return totals.enumerated().map {
                PartialDecryption.make(share: share, ballotID: ballotID, trustee: index, verificationKey: v, candidate: $0.offset,
                                       total: $0.element, random: random)
            }
        }
    }
}

public enum TrusteeProblem: Error, Equatable, Sendable {
    case badShare(from: Int)
}

extension TrusteeDevice {
    /// A whole ceremony among simulated trustees: the board with every key and share.
    public static func ceremony(ballotID: UUID, trustees: Int, threshold: Int, random: RandomBytes) -> ([TrusteeDevice], TrusteeBoard) {
        let devices = (1...trustees).map { TrusteeDevice(ballotID: ballotID, index: $0, threshold: threshold, random: random) }
        var keys = devices.map { $0.key(random: random) }
        for (i, device) in devices.enumerated() { keys[i].shares = device.shares(for: keys, random: random) }
        return (devices, TrusteeBoard(ballotID: ballotID, threshold: threshold, keys: keys))
    }
}
