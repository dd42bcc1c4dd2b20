import Fluent
import FluentSQLiteDriver
import Foundation
import SQLKit
import Vapor

/// Group commit of votes. On conference day every present unit votes within seconds; one transaction per vote made
/// them queue for the database's single writer (250 votes/s, p99 2 s for 500 at once). Votes that arrive while a
/// transaction is being written wait and go together in the next one: the "who voted" rows in one statement, the
/// papers in another in a shuffled order. A vote is answered only after its transaction committed, so every
/// acknowledged vote is durable, and the unique index on (ballot, unit) still refuses a second vote on any instance.
actor VoteBatcher {
    struct Vote: Sendable {
        var ballotID: UUID
        var unitID: UUID
        var choices: String
        var receipt: String
        /// The sealed paper's JSON, for a sealed round (then `choices` is empty).
        var sealed: String? = nil
    }

    enum Outcome: Sendable, Equatable { case cast, alreadyVoted, notOpen }

    private struct Pending {
        var vote: Vote
        var answer: CheckedContinuation<Outcome, Error>
    }

    private let db: @Sendable () -> Database
    private var queue: [Pending] = []
    private var writing = false

    init(database: @escaping @Sendable () -> Database) { self.db = database }

    /// Waits until the vote's transaction committed (or was refused), and says which.
    func cast(_ vote: Vote) async throws -> Outcome {
        try await withCheckedThrowingContinuation { answer in
            queue.append(Pending(vote: vote, answer: answer))
            if !writing {
                writing = true
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while !queue.isEmpty {
            let batch = queue
            queue = []
            do {
                let outcomes = try await Self.write(batch.map(\.vote), on: db())
                for (pending, outcome) in zip(batch, outcomes) { pending.answer.resume(returning: outcome) }
            } catch {
                for pending in batch { pending.answer.resume(throwing: error) }
            }
        }
        writing = false
    }

    /// One transaction for the whole batch, retried when the database is busy. When another instance inserted one
    /// of the same (ballot, unit) pairs meanwhile, the batch is written again vote by vote, so only that vote fails.
    static func write(_ votes: [Vote], on db: Database) async throws -> [Outcome] {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try await db.transaction { try await writeOnce(votes, on: $0) }
            } catch let error as DatabaseError where error.isConstraintFailure && votes.count > 1 {
                var outcomes: [Outcome] = []
                for vote in votes { outcomes.append(try await write([vote], on: db)[0]) }
                return outcomes
            } catch let error as DatabaseError where error.isConstraintFailure {
                return [.alreadyVoted]
            } catch where Request.isContention(error) && attempt < 20 {
                try await Task.sleep(for: .milliseconds(Int.random(in: 1...(5 * attempt))))
            }
        }
    }

    private static func writeOnce(_ votes: [Vote], on db: Database) async throws -> [Outcome] {
        // Read inside the transaction: a round closed meanwhile takes no more papers, and its count stays whole.
        try await lockRounds(Set(votes.map(\.ballotID)), exclusive: false, on: db)
        let open = Set(try await Ballot.query(on: db).filter(\.$id ~~ Set(votes.map(\.ballotID))).filter(\.$status == .open).all()
            .compactMap(\.id))
        let voted = Set(try await BallotParticipation.query(on: db).filter(\.$ballotID ~~ Set(votes.map(\.ballotID)))
            .filter(\.$unitID ~~ Set(votes.map(\.unitID))).all().map { "\($0.ballotID)/\($0.unitID)" })
        var seen = voted
        var outcomes: [Outcome] = []
        var accepted: [Vote] = []
        for vote in votes {
            if !open.contains(vote.ballotID) {
                outcomes.append(.notOpen)
            } else if seen.insert("\(vote.ballotID)/\(vote.unitID)").inserted {
                outcomes.append(.cast)
                accepted.append(vote)
            } else {
                outcomes.append(.alreadyVoted)
            }
        }
        guard !accepted.isEmpty else { return outcomes }
        try await accepted.map { vote in
            let who = BallotParticipation()
            who.id = UUID()
            who.ballotID = vote.ballotID
            who.unitID = vote.unitID
            return who
        }.create(on: db)
        try await accepted.shuffled().map { vote in
            let paper = BallotPaper()
            paper.id = UUID()
            paper.ballotID = vote.ballotID
            paper.choices = vote.choices
            paper.receipt = vote.receipt
            paper.sealed = vote.sealed
            return paper
        }.create(on: db)
        return outcomes
    }
}

extension VoteBatcher {
    /// On PostgreSQL, where transactions run side by side, the rounds' rows are locked: shared by a group of votes,
    /// exclusive by the close, so a close never counts while a group that read "open" has yet to commit. SQLite
    /// writes one transaction at a time and refuses a write on a stale read, which the callers retry.
    static func lockRounds(_ ids: Set<UUID>, exclusive: Bool, on db: Database) async throws {
        guard let sql = db as? SQLDatabase, sql.dialect.name == "postgresql", !ids.isEmpty else { return }
        let list = SQLList(ids.sorted { $0.uuidString < $1.uuidString }.map { SQLBind($0) })
        try await sql.raw("SELECT id FROM ballots WHERE id IN (\(list)) \(unsafeRaw: exclusive ? "FOR UPDATE" : "FOR SHARE")").run()
    }
}

extension Application {
    private struct VoteBatcherKey: StorageKey { typealias Value = VoteBatcher }

    /// Made once in `configure`, before any request can ask for it.
    func prepareVotes() {
        storage[VoteBatcherKey.self] = VoteBatcher(database: { [unowned self] in self.db })
    }

    var votes: VoteBatcher {
        guard let batcher = storage[VoteBatcherKey.self] else { fatalError("configure() prepares the vote batcher") }
        return batcher
    }
}
