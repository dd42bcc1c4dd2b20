import Foundation
import Testing
@testable import ThiDuaCore

/// A counted round among simulated trustees: `marks[p][c]` is paper p's mark for candidate c.
private func round(_ marks: [[Bool]], trustees: Int = 3, threshold: Int = 2, decrypting: [Int] = [1, 3],
                   minChoices: Int = 1, maxChoices: Int = 1, seed: UInt64 = 7) -> SealedRecord {
    let random = seededBytes(seed)
    let id = UUID(uuidString: "6F1C0D2A-3B4C-4D5E-8F60-718293A4B5C6")!
    let (devices, board) = TrusteeDevice.ceremony(ballotID: id, trustees: trustees, threshold: threshold, random: random)
    let candidates = marks.first?.count ?? 3
    let election = SealedElection(ballotID: id, publicKey: board.publicKey, candidateCount: candidates,
                                  minChoices: minChoices, maxChoices: maxChoices)
    let papers = marks.map { SealedPaper.seal($0, in: election, random: random) }
    let totals = SealedCount.totals(papers, candidates: candidates)
    var parts: [Int: [PartialDecryption]] = [:]
    for j in decrypting { parts[j] = try! devices[j - 1].decrypt(totals, board: board, random: random).get() }
    let counts = SealedCount.counts(parts, board: board, totals: totals, papers: papers.count) ?? []
    return SealedRecord.assemble(election: election, title: "Vòng 1",
                                 candidates: (0..<candidates).map { .init(key: "K\($0)", name: "Đơn vị \($0 + 1)") },
                                 board: board, trusteeNames: [:], papers: papers, decryptions: parts, counts: counts, audit: nil)
}

private let sample: [[Bool]] = [[true, false, false], [false, false, true], [true, false, false], [false, true, false], [true, false, false]]

@Suite struct SealedBallotTests {
    @Test func theCountIsTheSumOfThePapersWhicheverTrusteesDecrypt() {
        for set in [[1, 2], [1, 3], [2, 3], [1, 2, 3]] {
            let record = round(sample, decrypting: set)
            #expect(record.counts == [3, 1, 1], "trustees \(set)")
            #expect(record.problems().isEmpty, "trustees \(set)")
        }
    }

    @Test func approvalPapersAndBlankPapersCountWithinTheirBounds() {
        let marks = [[true, true, false, true], [false, false, false, false], [false, true, true, false]]
        let record = round(marks, minChoices: 0, maxChoices: 3)
        #expect(record.counts == [1, 2, 1, 1])
        #expect(record.problems().isEmpty)
    }

    @Test func oneTrusteeAloneCannotCount() {
        let record = round(sample, decrypting: [2])
        #expect(record.counts.isEmpty)
        #expect(record.problems() == [.tooFewTrustees(valid: 1, needed: 2)])
    }

    @Test func aPaperThatHoldsTwoInOneChoiceIsRefused() {
        // The forger knows the randomness of a ciphertext of 2 and proves "0 or 1" as best it can.
        let random = seededBytes(3)
        let key = Point.base(.random(random))
        let r = Scalar.random(random)
        let two = Ciphertext(alpha: .base(r), beta: .combine(Scalar(2), r, key))
        for truth in [0, 1] {
            let proof = RangeProof.prove(two, r: r, values: [0, 1], truth: truth, key: key, tag: "choice", context: ["B", "0"], random: random)
            #expect(!RangeProof.verify(two, branches: proof, values: [0, 1], key: key, tag: "choice", context: ["B", "0"]))
        }
        let one = Ciphertext(alpha: .base(r), beta: .combine(.one, r, key))
        let good = RangeProof.prove(one, r: r, values: [0, 1], truth: 1, key: key, tag: "choice", context: ["B", "0"], random: random)
        #expect(RangeProof.verify(one, branches: good, values: [0, 1], key: key, tag: "choice", context: ["B", "0"]))
        // Bound to its round, its candidate and its key: the same proof elsewhere fails.
        #expect(!RangeProof.verify(one, branches: good, values: [0, 1], key: key, tag: "choice", context: ["B", "1"]))
        #expect(!RangeProof.verify(one, branches: good, values: [0, 1], key: key, tag: "choice", context: ["C", "0"]))
        #expect(!RangeProof.verify(one, branches: good, values: [0, 1], key: .base(.one), tag: "choice", context: ["B", "0"]))
    }

    @Test func tamperedRecordsNameWhatWasAltered() {
        let good = round(sample)
        var r = good
        r.papers[2].choices[1].beta = good.papers[0].choices[1].beta
        #expect(r.problems().contains(.tracker(paper: 3, receipt: good.papers[2].receipt)))
        #expect(r.problems().contains(.choiceProof(paper: 3, receipt: good.papers[2].receipt, candidate: 1)))

        r = good
        r.papers[1].total[0].z = Scalar.one.hex
        #expect(r.problems().contains(.totalProof(paper: 2, receipt: good.papers[1].receipt)))

        r = good
        r.papers.remove(at: 4)
        #expect(r.problems() == [0, 1, 2].map { .encryptedTotal(candidate: $0) })

        r = good
        r.papers.append(good.papers[0])
        #expect(r.problems().contains(.duplicateTracker(paper: 6, receipt: good.papers[0].receipt)))

        r = good
        r.counts[2] += 1
        #expect(r.problems() == [.count(candidate: 2, recorded: 2, decrypted: 1)])

        r = good
        r.decryptions[1].shares[0].D = good.decryptions[0].shares[0].D
        #expect(r.problems() == [.decryptionProof(trustee: 3), .tooFewTrustees(valid: 1, needed: 2)])

        r = good
        r.trustees[1].commitments[0] = Point.base(.one).hex
        #expect(r.problems().contains(.trusteeProof(2)))

        r = good
        r.publicKey = Point.base(.one).hex
        #expect(r.problems().contains(.publicKey))

        r = good
        r.papers[0].choices[0].alpha = "05" + String(repeating: "0", count: 64)
        #expect(r.problems() == [.malformed(r.papers[0].choices[0].alpha)])
    }

    @Test func aTrusteeFindsTheShareThatDoesNotMatchItsSender() {
        let random = seededBytes(11)
        let id = UUID()
        var (devices, board) = TrusteeDevice.ceremony(ballotID: id, trustees: 3, threshold: 2, random: random)
        let other = TrusteeDevice.ceremony(ballotID: id, trustees: 3, threshold: 2, random: random).1
        board.keys[1].shares = other.keys[1].shares
        #expect(devices[0].secretShare(board) == .failure(.badShare(from: 2)))
        devices.removeAll()
    }

    @Test func theRecordRoundTripsThroughJSON() throws {
        let good = round(sample)
        let data = try JSONEncoder().encode(good)
        #expect(try JSONDecoder().decode(SealedRecord.self, from: data) == good)
        #expect(Challenge.receipt(tracker: good.papers[0].tracker).count == 19)
    }

    @Test func pointsAndScalarsHaveOneSpelling() {
        #expect(Point(hex: Point.generator.hex) == Point.generator)
        #expect(Point.generator.hex == "036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296")
        #expect(Point(hex: Point.generator.hex.uppercased()) == nil)
        #expect(Point(hex: "02" + String(repeating: "f", count: 64)) == nil)
        #expect(Point(hex: "00")?.isInfinity == true)
        #expect(Scalar(hex: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551") == nil)
        #expect((Scalar(7) * Scalar(7).inverse!) == .one)
    }
}
