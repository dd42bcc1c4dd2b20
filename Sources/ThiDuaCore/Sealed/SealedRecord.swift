import Foundation

/// The whole record of a sealed round, as exported (docs/sealed-ballot.md, "The export"): everything a verifier
/// needs without the database. Points and scalars are hex strings, decoded and refused one by one on reading.
public struct SealedRecord: Codable, Equatable, Sendable {
    public struct Candidate: Codable, Equatable, Sendable { public var key: String; public var name: String
        public init(key: String, name: String) { self.key = key; self.name = name }
    }
    public struct Branch: Codable, Equatable, Sendable { public var a: String; public var b: String; public var c: String; public var z: String
        public init(a: String, b: String, c: String, z: String) { self.a = a; self.b = b; self.c = c; self.z = z }
    }
    public struct KeyProof: Codable, Equatable, Sendable { public var a: String; public var c: String; public var z: String
        public init(a: String, c: String, z: String) { self.a = a; self.c = c; self.z = z }
    }
    public struct Share: Codable, Equatable, Sendable { public var to: Int; public var K: String; public var data: String
        public init(to: Int, K: String, data: String) { self.to = to; self.K = K; self.data = data }
    }
    public struct Trustee: Codable, Equatable, Sendable {
        public var index: Int
        public var name: String
        public var commitments: [String]
        public var transportKey: String
        public var proof: KeyProof
        public var shares: [Share]
        public init(index: Int, name: String, commitments: [String], transportKey: String, proof: KeyProof, shares: [Share]) {
            self.index = index; self.name = name; self.commitments = commitments
            self.transportKey = transportKey; self.proof = proof; self.shares = shares
        }
    }
    public struct Choice: Codable, Equatable, Sendable { public var alpha: String; public var beta: String; public var proof: [Branch]
        public init(alpha: String, beta: String, proof: [Branch]) { self.alpha = alpha; self.beta = beta; self.proof = proof }
    }
    public struct Paper: Codable, Equatable, Sendable {
        public var tracker: String
        public var receipt: String
        public var choices: [Choice]
        public var total: [Branch]
        public init(tracker: String, receipt: String, choices: [Choice], total: [Branch]) {
            self.tracker = tracker; self.receipt = receipt; self.choices = choices; self.total = total
        }
    }
    public struct Total: Codable, Equatable, Sendable { public var alpha: String; public var beta: String
        public init(alpha: String, beta: String) { self.alpha = alpha; self.beta = beta }
    }
    public struct DecryptionShare: Codable, Equatable, Sendable { public var D: String; public var proof: Branch
        public init(D: String, proof: Branch) { self.D = D; self.proof = proof }
    }
    public struct Decryption: Codable, Equatable, Sendable { public var trustee: Int; public var shares: [DecryptionShare]
        public init(trustee: Int, shares: [DecryptionShare]) { self.trustee = trustee; self.shares = shares }
    }
    public struct Audit: Codable, Equatable, Sendable { public var seq: Int; public var hash: String
        public init(seq: Int, hash: String) { self.seq = seq; self.hash = hash }
    }

    public static let formatName = "thidua-sealed-ballot-v1"
    public var format = SealedRecord.formatName
    public var ballotID: String
    public var title: String
    public var candidates: [Candidate]
    public var minChoices: Int
    public var maxChoices: Int
    public var threshold: Int
    public var trustees: [Trustee]
    public var publicKey: String
    public var papers: [Paper]
    public var encryptedTotals: [Total]
    public var decryptions: [Decryption]
    public var counts: [Int]
    public var audit: Audit?

    public init(ballotID: String, title: String, candidates: [Candidate], minChoices: Int, maxChoices: Int, threshold: Int,
                trustees: [Trustee], publicKey: String, papers: [Paper], encryptedTotals: [Total], decryptions: [Decryption],
                counts: [Int], audit: Audit?) {
        self.ballotID = ballotID
        self.title = title
        self.candidates = candidates
        self.minChoices = minChoices
        self.maxChoices = maxChoices
        self.threshold = threshold
        self.trustees = trustees
        self.publicKey = publicKey
        self.papers = papers
        self.encryptedTotals = encryptedTotals
        self.decryptions = decryptions
        self.counts = counts
        self.audit = audit
    }
}

extension SealedRecord.Branch {
    public init(_ b: ProofBranch) { self.init(a: b.a.hex, b: b.b.hex, c: b.c.hex, z: b.z.hex) }
    public func decoded() throws(RecordProblem) -> ProofBranch {
        ProofBranch(a: try point(a), b: try point(b), c: try scalar(c), z: try scalar(z))
    }
}

extension SealedRecord.Paper {
    public init(_ paper: SealedPaper, ballotID: String) {
        let tracker = paper.tracker(ballotID: ballotID)
        self.init(tracker: tracker, receipt: Challenge.receipt(tracker: tracker),
                  choices: paper.choices.map { .init(alpha: $0.cipher.alpha.hex, beta: $0.cipher.beta.hex, proof: $0.proof.map(SealedRecord.Branch.init)) },
                  total: paper.total.map(SealedRecord.Branch.init))
    }

    public func decoded() throws(RecordProblem) -> SealedPaper {
        var out: [SealedChoice] = []
        for choice in choices {
            var proof: [ProofBranch] = []
            for branch in choice.proof { proof.append(try branch.decoded()) }
            out.append(SealedChoice(cipher: Ciphertext(alpha: try point(choice.alpha), beta: try point(choice.beta)), proof: proof))
        }
        var totalProof: [ProofBranch] = []
        for branch in total { totalProof.append(try branch.decoded()) }
        return SealedPaper(choices: out, total: totalProof)
    }
}

extension SealedRecord.Trustee {
    public init(_ key: TrusteeKey, name: String) {
        self.init(index: key.index, name: name, commitments: key.commitments.map(\.hex), transportKey: key.transportKey.hex,
                  proof: .init(a: key.proof.a.hex, c: key.proof.c.hex, z: key.proof.z.hex),
                  shares: key.shares.map { .init(to: $0.to, K: $0.k.hex, data: $0.data) })
    }

    public func decoded() throws(RecordProblem) -> TrusteeKey {
        var points: [Point] = []
        for c in commitments { points.append(try point(c)) }
        var sealed: [EncryptedShare] = []
        for s in shares { sealed.append(EncryptedShare(to: s.to, k: try point(s.K), data: s.data)) }
        return TrusteeKey(index: index, commitments: points, transportKey: try point(transportKey),
                          proof: ProofBranch(a: try point(proof.a), b: .infinity, c: try scalar(proof.c), z: try scalar(proof.z)),
                          shares: sealed)
    }
}

extension SealedRecord.DecryptionShare {
    public init(_ part: PartialDecryption) { self.init(D: part.d.hex, proof: .init(part.proof)) }
    public func decoded() throws(RecordProblem) -> PartialDecryption { PartialDecryption(d: try point(D), proof: try proof.decoded()) }
}

func point(_ hex: String) throws(RecordProblem) -> Point {
    guard let p = Point(hex: hex) else { throw .malformed(hex) }
    return p
}

func scalar(_ hex: String) throws(RecordProblem) -> Scalar {
    guard let s = Scalar(hex: hex) else { throw .malformed(hex) }
    return s
}

extension SealedRecord {
    /// The encrypted totals as ciphertexts.
    public func totals() throws(RecordProblem) -> [Ciphertext] {
        var out: [Ciphertext] = []
        for total in encryptedTotals { out.append(Ciphertext(alpha: try point(total.alpha), beta: try point(total.beta))) }
        return out
    }

    /// The trustees' partial decryptions by trustee number.
    public func partialDecryptions() throws(RecordProblem) -> [Int: [PartialDecryption]] {
        var parts: [Int: [PartialDecryption]] = [:]
        for decryption in decryptions {
            var shares: [PartialDecryption] = []
            for share in decryption.shares { shares.append(try share.decoded()) }
            parts[decryption.trustee] = shares
        }
        return parts
    }
}

extension SealedRecord.Share {
    /// Whether the share has the shape of one: a point and 32 bytes (only its recipient can check more).
    public var isWellFormed: Bool { Point(hex: K) != nil && Hex.decode(data)?.count == 32 }
}
