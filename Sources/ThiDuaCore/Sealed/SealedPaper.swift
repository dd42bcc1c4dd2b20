import Foundation

/// What a sealed round fixes before its first paper: the election key and how many choices a paper holds.
public struct SealedElection: Sendable {
    public var ballotID: String
    public var publicKey: Point
    public var candidateCount: Int
    /// The least and most choices of a valid paper (`0` only when a blank vote is allowed).
    public var minChoices: Int
    public var maxChoices: Int

    public init(ballotID: UUID, publicKey: Point, candidateCount: Int, minChoices: Int, maxChoices: Int) {
        self.ballotID = ballotID.uuidString
        self.publicKey = publicKey
        self.candidateCount = candidateCount
        self.minChoices = minChoices
        self.maxChoices = maxChoices
    }
}

/// One candidate's encrypted 0 or 1 and its proof.
public struct SealedChoice: Equatable, Sendable {
    public var cipher: Ciphertext
    public var proof: [ProofBranch]
}

/// An encrypted paper: one ciphertext per candidate, and a proof that their sum is within the round's bounds.
public struct SealedPaper: Equatable, Sendable {
    public var choices: [SealedChoice]
    public var total: [ProofBranch]

    /// Encrypts and proves a voter's choices (`marks[c]` for candidate `c`, in the round's order). The plain choices
    /// live only in this call: what it returns, and so what is stored, holds them only encrypted.
    public static func seal(_ marks: [Bool], in election: SealedElection, random: RandomBytes) -> SealedPaper {
        precondition(marks.count == election.candidateCount)
        let chosen = marks.filter { $0 }.count
        precondition((election.minChoices...election.maxChoices).contains(chosen), "the caller checks validity first")
        var choices: [SealedChoice] = []
        var randomness = Scalar.zero
        for (index, mark) in marks.enumerated() {
            let r = Scalar.random(random)
            randomness = randomness + r
            let cipher = Ciphertext(alpha: .base(r), beta: .combine(mark ? .one : .zero, r, election.publicKey))
            let proof = RangeProof.prove(cipher, r: r, values: [0, 1], truth: mark ? 1 : 0, key: election.publicKey,
                                         tag: "choice", context: [election.ballotID, String(index)], random: random)
            choices.append(SealedChoice(cipher: cipher, proof: proof))
        }
        let sum = choices.reduce(Ciphertext.zero) { $0 + $1.cipher }
        let values = Array(election.minChoices...election.maxChoices)
        let total = RangeProof.prove(sum, r: randomness, values: values, truth: chosen - election.minChoices,
                                     key: election.publicKey, tag: "total", context: totalContext(election), random: random)
        return SealedPaper(choices: choices, total: total)
    }

    static func totalContext(_ election: SealedElection) -> [String] {
        [election.ballotID, String(election.minChoices), String(election.maxChoices)]
    }

    /// What is wrong with a paper, if anything: the first choice whose proof fails, or the total's.
    public func problem(in election: SealedElection) -> PaperProblem? {
        guard choices.count == election.candidateCount else { return .wrongShape }
        for (index, choice) in choices.enumerated() where !RangeProof.verify(
            choice.cipher, branches: choice.proof, values: [0, 1], key: election.publicKey, tag: "choice",
            context: [election.ballotID, String(index)]) {
            return .choiceProof(index)
        }
        let sum = choices.reduce(Ciphertext.zero) { $0 + $1.cipher }
        guard RangeProof.verify(sum, branches: total, values: Array(election.minChoices...election.maxChoices),
                                key: election.publicKey, tag: "total", context: Self.totalContext(election)) else { return .totalProof }
        return nil
    }

    /// The paper's tracker: the hash of everything it holds, in lower-case hex.
    public func tracker(ballotID: String) -> String {
        var items = [ballotID]
        for choice in choices {
            items += [choice.cipher.alpha.hex, choice.cipher.beta.hex]
            items += choice.proof.flatMap { [$0.a.hex, $0.b.hex, $0.c.hex, $0.z.hex] }
        }
        items += total.flatMap { [$0.a.hex, $0.b.hex, $0.c.hex, $0.z.hex] }
        return Hex.encode(Challenge.digest("paper", items))
    }
}

public enum PaperProblem: Equatable, Sendable {
    case wrongShape
    case choiceProof(Int)
    case totalProof
}
