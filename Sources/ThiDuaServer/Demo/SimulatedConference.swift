import Fluent
import Foundation
import ThiDuaCore
import Vapor

extension SimulatedYear {
    /// The year-end conference two weeks after the scoring deadline; nearly every unit checks in. Returns who came.
    func conference(at startsAt: Date, on db: Database) async throws -> [UUID] {
        let c = Conference()
        c.id = draw.uuid()
        c.cycleID = cycleID
        c.startsAt = startsAt
        c.endsAt = startsAt.addingTimeInterval(3.5 * 3600)
        c.venue = "Hội trường cơ quan Trưởng Khối"
        c.form = .inPerson
        try await c.create(on: db)
        // The head and deputy always attend: they run the conference.
        let rows = members.enumerated().map { i, unit in
            let a = Attendance()
            a.id = draw.uuid()
            a.conferenceID = c.id!
            a.unitID = unit
            a.present = i < 2 || draw.chance(0.95)
            a.representative = a.present ? "Đại diện lãnh đạo đơn vị" : nil
            a.checkedInAt = startsAt.addingTimeInterval(-Double(draw.int(0...1800)))
            return a
        }
        try await rows.createChunked(on: db)
        return rows.filter(\.present).map(\.unitID)
    }

    /// A closed electronic flag ballot among the three highest totals, counted by ThiDuaCore as a real close would;
    /// its winners become nominees and a proposal sent to the province. Returns the number of papers.
    func flagBallot(present: [UUID], totals: [UUID: Decimal], at closedAt: Date, on db: Database) async throws -> Int {
        let candidates = members.sorted { (totals[$0] ?? 0, $1.uuidString) > (totals[$1] ?? 0, $0.uuidString) }.prefix(3).map(\.uuidString)
        let quota = min(ruleSet.flagQuota.flagCount(memberCount: members.count), candidates.count)
        // Sorted keys: the same seed must give the same bytes, and a dictionary's order changes between runs.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let b = Ballot()
        b.id = draw.uuid()
        b.cycleID = cycleID
        b.round = 1
        b.kind = .flag
        b.title = ballotTitle
        b.maxChoices = quota
        b.mode = .electronic
        b.status = .closed
        b.quota = quota
        b.threshold = String(decoding: try encoder.encode(ruleSet.voteThreshold), as: UTF8.self)
        b.selfVoteAllowed = ruleSet.selfVoteAllowed
        b.openedAt = closedAt.addingTimeInterval(-900)
        b.closedAt = closedAt
        let ballotID = b.id!
        // Sealed as every electronic round is: simulated trustees (the head unit and two members by lot) make the key,
        // each paper is encrypted and proved, two trustees decrypt the totals; their secrets end with this function.
        let random: RandomBytes = { [draw] in draw.bytes($0) }
        let (devices, board) = TrusteeDevice.ceremony(ballotID: ballotID, trustees: 3, threshold: 2, random: random)
        let election = SealedElection(ballotID: ballotID, publicKey: board.publicKey, candidateCount: candidates.count,
                                      minChoices: 0, maxChoices: max(quota, 1))
        b.sealed = true
        b.trusteeThreshold = 2
        b.minChoices = 0
        b.publicKey = board.publicKey.hex
        var papers: [BallotPaper] = [], sealed: [SealedPaper] = []
        for voter in present {
            let eligible = candidates.filter { ruleSet.selfVoteAllowed || $0 != voter.uuidString }
            // Most vote for the leaders in order; some spread their votes.
            let choices = Set((draw.chance(0.7) ? eligible : draw.shuffled(eligible)).prefix(quota))
            let paper = SealedPaper.seal(candidates.map(choices.contains), in: election, random: random)
            let record = SealedRecord.Paper(paper, ballotID: election.ballotID)
            let row = BallotPaper()
            row.id = draw.uuid()
            row.ballotID = ballotID
            row.choices = ""
            row.receipt = record.receipt
            row.sealed = String(decoding: try encoder.encode(record), as: UTF8.self)
            papers.append(row)
            sealed.append(paper)
        }
        let totals = SealedCount.totals(sealed, candidates: candidates.count)
        var parts: [Int: [PartialDecryption]] = [:]
        for device in devices.prefix(2) { parts[device.index] = try device.decrypt(totals, board: board, random: random).get() }
        let counts = SealedCount.counts(parts, board: board, totals: totals, papers: sealed.count) ?? []
        let result = Tally.sealed(Dictionary(uniqueKeysWithValues: zip(candidates, counts)), papers: sealed.count, input: TallyInput(
            candidates: candidates, rule: quota == 0 ? .exactlyOne : .approveUpTo(quota), threshold: ruleSet.voteThreshold,
            quota: quota, allMembers: members.count, membersPresent: present.count, validBallots: []))
        b.result = String(decoding: try encoder.encode(result), as: UTF8.self)
        try await b.create(on: db)
        try await candidates.enumerated().map { i, key in
            let c = BallotCandidate()
            c.id = draw.uuid()
            c.ballotID = ballotID
            c.candidate = key
            c.position = i
            return c
        }.createChunked(on: db)
        let head = members[0], drawn = draw.shuffled(Array(members.dropFirst(2))).prefix(2)
        try await zip([head] + drawn, board.keys).map { unit, key in
            let seat = BallotTrustee()
            seat.id = draw.uuid()
            seat.ballotID = ballotID
            seat.number = key.index
            seat.seat = unit == head ? .headUnit : .memberByLot
            seat.unitID = unit
            seat.name = ""
            seat.key = String(decoding: try encoder.encode(SealedRecord.Trustee(TrusteeKey(index: key.index, commitments: key.commitments,
                transportKey: key.transportKey, proof: key.proof), name: "")), as: UTF8.self)
            seat.shares = String(decoding: try encoder.encode(key.shares.map { SealedRecord.Share(to: $0.to, K: $0.k.hex, data: $0.data) }), as: UTF8.self)
            seat.decryption = try parts[key.index].map { String(decoding: try encoder.encode($0.map(SealedRecord.DecryptionShare.init)), as: UTF8.self) }
            return seat
        }.createChunked(on: db)
        // Papers in the order of their random keys, as a close leaves them: storage order says nothing of voting order.
        try await papers.sorted { $0.id!.uuidString < $1.id!.uuidString }.createChunked(on: db)
        try await present.map { unit in
            let p = BallotParticipation()
            p.id = draw.uuid()
            p.ballotID = ballotID
            p.unitID = unit
            return p
        }.createChunked(on: db)
        try await propose(result.outcome.compactMap(UUID.init(uuidString:)), sentAt: closedAt.addingTimeInterval(3 * 86_400), on: db)
        return papers.count
    }

    /// The winners as flag nominees, owing their originals, in a proposal already sent.
    private func propose(_ winners: [UUID], sentAt: Date, on db: Database) async throws {
        guard !winners.isEmpty else { return }
        let names = Dictionary(uniqueKeysWithValues: try await Unit.query(on: db).filter(\.$id ~~ winners).all().map { ($0.id!, $0.name) })
        let nominees = winners.map { unit in
            let n = Nominee()
            n.id = draw.uuid()
            n.cycleID = cycleID
            n.kind = .collective
            n.unitID = unit
            n.label = names[unit] ?? ""
            n.award = AwardService.flagKey
            n.source = .ballot
            return n
        }
        try await nominees.createChunked(on: db)
        let nominated = try await Requirement.query(on: db).filter(\.$cycle.$id == cycleID).filter(\.$audience == .nominated).all()
        try await nominated.flatMap { r in
            winners.map { unit in
                let target = RequirementTarget(requirementID: r.id!, unitID: unit)
                target.id = draw.uuid()
                return target
            }
        }.createChunked(on: db)
        let p = Proposal()
        p.id = draw.uuid()
        p.cycleID = cycleID
        p.title = proposalTitle
        p.status = .sent
        p.sentAt = sentAt
        try await p.create(on: db)
        try await nominees.map { n in
            let link = ProposalNominee()
            link.id = draw.uuid()
            link.proposalID = p.id!
            link.nomineeID = n.id!
            return link
        }.createChunked(on: db)
    }
}
