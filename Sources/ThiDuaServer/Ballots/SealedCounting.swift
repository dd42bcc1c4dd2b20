import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The steps of a sealed round the secretariat and the trustees' posts trigger: fixing the key at opening, ending
/// the vote, and the count once enough trustees have decrypted.
enum SealedCounting {
    /// At opening: the election key from every trustee's posts, checked; refused while the ceremony is unfinished.
    static func fixKey(_ b: Ballot, on req: Request) async throws {
        let seats = try await SealedBallots.seats(of: b.requireID(), on: req.db)
        let board = try SealedBallots.board(b, seats: seats)
        guard !seats.isEmpty, seats.allSatisfy({ $0.shares != nil }), board.isComplete, board.badProofs.isEmpty else {
            let missing = seats.filter { $0.shares == nil }.map(\.name)
            throw AppError.conflict(req.t("trustee.ceremony_incomplete", ["names": missing.joined(separator: ", ")]))
        }
        b.publicKey = board.publicKey.hex
    }

    /// At the secretariat's close: no more votes; the trustees are asked to decrypt. Nothing is counted yet.
    static func endVoting(_ b: Ballot, on req: Request) async throws -> Ballot {
        let id = try b.requireID()
        let actor = req.actorName
        let now = req.now
        let ended: Ballot = try await req.audited { db in
            try await VoteBatcher.lockRounds([id], exclusive: true, on: db)
            guard let current = try await Ballot.find(id, on: db), current.status.canClose else {
                throw AppError.conflict(req.t("ballot.not_open"))
            }
            // The trackers go into the audit chain: a paper swapped or removed later is named by `ballot-verify`.
            let trackers = try await SealedBallots.papers(of: id, on: db).map(\.tracker)
            b.status = .counting
            b.closedAt = now
            try await b.save(on: db)
            return (b, AuditRecord(actor: actor, action: "end-voting", entity: "ballot", entityID: id.uuidString,
                                   before: ["status": "open"], after: EndOfVoting(papers: trackers.count, trackers: trackers)))
        }
        let seats = try await SealedBallots.seats(of: id, on: req.db)
        let localizer = req.application.localizer
        try await SealedBallots.announce(seats, title: localizer.text("notice.trustee_count.title", Localizer.defaultLanguage, ["title": b.title]),
                                         body: localizer.text("notice.trustee_count.body"), ballotID: id, kind: "count", now: req.now, on: req.db)
        return ended
    }

    /// Counts when enough trustees have decrypted: the whole record is checked first (every paper's proofs, the
    /// totals, each decryption), then the result is written with the audited `close`, as a plain round's close.
    static func finishIfReady(_ b: Ballot, papers: SealedRecord, on req: Request) async throws {
        let id = try b.requireID()
        // The heavy check runs outside the write: the papers no longer change once voting has ended. The trustees'
        // posts are read again, since another may have decrypted meanwhile.
        let seats = try await SealedBallots.seats(of: id, on: req.db)
        var record = papers
        record.decryptions = try SealedBallots.decryptions(seats)
        let board = try SealedBallots.board(b, seats: seats)
        let totals = try record.totals(), parts = try record.partialDecryptions()
        guard let counts = SealedCount.counts(parts, board: board, totals: totals, papers: record.papers.count) else { return }
        record.counts = counts
        let problems = record.problems()
        guard problems.isEmpty else {
            req.logger.critical("sealed record does not check", metadata: ["ballot": .string(id.uuidString), "problems": .string("\(problems)")])
            throw AppError.conflict(req.t("trustee.record_broken"))
        }
        let input = try await BallotService.tallyInput(b, valid: [], invalid: 0, issued: nil, on: req.db)
        let byKey = Dictionary(uniqueKeysWithValues: zip(record.candidates.map(\.key), counts))
        let result = Tally.sealed(byKey, papers: record.papers.count, input: input)
        let actor = req.actorName
        let closed: Ballot
        do {
            closed = try await req.audited { db in
                try await VoteBatcher.lockRounds([id], exclusive: true, on: db)
                // Another trustee's post may have counted meanwhile: count once.
                guard let current = try await Ballot.find(id, on: db), current.status.awaitsTrustees else { throw CountedAlready() }
                current.status = .closed
                current.result = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
                try await current.save(on: db)
                return (current, AuditRecord(actor: actor, action: "close", entity: "ballot", entityID: id.uuidString,
                                             before: ["status": "counting"], after: result))
            }
        } catch is CountedAlready {
            return
        }
        try await ConferenceOutcomes.apply(after: closed, on: req)
    }

    private struct CountedAlready: Error {}
}

/// The audited end of voting: how many papers, and their trackers in order.
struct EndOfVoting: Codable {
    var status = "counting"
    var papers: Int
    var trackers: [String]
}
