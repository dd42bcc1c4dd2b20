import Fluent
import Foundation

/// One table of the archive: read every row as JSON (through the model's own Codable form, so the archive is the
/// same whichever engine wrote it), and write rows back. The list is in the migrations' order, so every row's
/// foreign keys point at tables already restored; a table that refers to itself lists parents before children.
struct BackupTable: Sendable {
    let schema: String
    let read: @Sendable (Database) async throws -> [Data]
    let write: @Sendable ([Data], Database) async throws -> Void
    let count: @Sendable (Database) async throws -> Int
    let deleteAll: @Sendable (Database) async throws -> Void

    /// Rows are read in the order of their random `id`: storage order (which for ballot papers and participation
    /// is the order of voting) never reaches the archive.
    /// `added` gives the value of each column a later migration added, for a row of an archive made before it.
    static func of<M: Model>(_ type: M.Type, parent: (@Sendable (M) -> UUID?)? = nil, added: [String: String] = [:]) -> BackupTable
    where M.IDValue == UUID {
        return BackupTable(
            schema: M.schema,
            read: { db in
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys]
                return try await M.query(on: db).all().sorted { ($0.id?.uuidString ?? "") < ($1.id?.uuidString ?? "") }
                    .map { try encoder.encode($0) }
            },
            write: { rows, db in
                var pending = try rows.map { try JSONDecoder().decode(M.self, from: added.isEmpty ? $0 : try completed($0, with: added)) }
                var written = Set<UUID>()
                // Parents first: a row waits until the row it refers to (in the same table) is written.
                while !pending.isEmpty {
                    let ready = pending.filter { row in parent.flatMap { $0(row) }.map(written.contains) ?? true }
                    let batch = ready.isEmpty ? pending : ready  // a dangling reference: let the database say so
                    // Many rows per INSERT (a restore of a province is thousands of rows), few enough for SQLite's
                    // limit on bound values.
                    for start in stride(from: 0, to: batch.count, by: 200) {
                        try await Array(batch[start..<min(start + 200, batch.count)]).create(on: db)
                    }
                    written.formUnion(batch.compactMap(\.id))
                    let done = Set(batch.compactMap(\.id))
                    pending.removeAll { $0.id.map(done.contains) ?? true }
                }
            },
            count: { db in try await M.query(on: db).count() },
            deleteAll: { db in
                guard let parent else { return try await M.query(on: db).delete() }
                // Children before parents, as the foreign key to the same table asks.
                var rows = try await M.query(on: db).all()
                while !rows.isEmpty {
                    let referenced = Set(rows.compactMap(parent))
                    let leaves = rows.filter { $0.id.map { !referenced.contains($0) } ?? true }
                    let batch = leaves.isEmpty ? rows : leaves
                    try await M.query(on: db).filter(\._$id ~~ batch.compactMap(\.id)).delete()
                    let gone = Set(batch.compactMap(\.id))
                    rows.removeAll { $0.id.map(gone.contains) ?? true }
                }
            }
        )
    }

    /// `row` with the `added` columns it lacks.
    static func completed(_ row: Data, with added: [String: String]) throws -> Data {
        guard var object = try JSONSerialization.jsonObject(with: row) as? [String: Any] else { return row }
        for (key, value) in added where object[key] == nil { object[key] = value }
        return try JSONSerialization.data(withJSONObject: object)
    }

    /// Every table that holds the installation's data. Web sessions are not data: a restored server starts with
    /// everyone signed out.
    static let all: [BackupTable] = [
        .of(Unit.self), .of(Bloc.self),
        .of(RuleSetRecord.self), .of(Cycle.self), .of(Membership.self),
        .of(Milestone.self, parent: { $0.relativeToID }),
        .of(User.self), .of(APIToken.self), .of(LoginFailure.self),
        .of(AuditEntry.self),
        .of(Requirement.self, parent: { $0.parentID }), .of(RequirementTarget.self), .of(DeadlineExtension.self),
        .of(PaperOriginals.self), .of(Submission.self),
        .of(Conference.self), .of(ParticipantGroup.self), .of(AgendaItem.self), .of(Attendance.self),
        .of(Ballot.self, parent: { $0.parentID }), .of(BallotCandidate.self), .of(BallotParticipation.self), .of(BallotPaper.self),
        .of(BallotTrustee.self),
        .of(ScoringTableRecord.self), .of(SelfAssessment.self), .of(SelfScore.self), .of(EvidenceFile.self),
        .of(AgreedScore.self), .of(ScoreAdjustment.self), .of(ScoreHistory.self), .of(ScoringState.self),
        .of(PlanRecord.self), .of(DocumentTemplateRecord.self), .of(GeneratedDocument.self), .of(DocumentNumber.self),
        .of(OutboxMessage.self), .of(AppNotification.self), .of(CalendarToken.self),
        .of(Person.self), .of(Nominee.self), .of(Proposal.self), .of(ProposalNominee.self), .of(Decision.self),
        .of(AwardEntry.self), .of(ProposalAttachment.self),
        // The province's side (issue 17): calibrations, the council, its register and the imported history.
        // Each is a province's since M026; an archive from before holds the server's one province ("").
        .of(CertificateLayoutRecord.self, added: ["province": ""]),
        .of(CouncilMember.self, added: ["province": ""]), .of(CouncilSession.self, added: ["province": ""]),
        .of(CouncilAttendance.self), .of(CouncilBallot.self), .of(CouncilParticipation.self), .of(CouncilPaper.self),
        .of(ProvinceNumber.self, added: ["province": ""]), .of(PastAwardRecord.self),
    ]

    /// Tables that are deliberately not archived: web sessions (see above), Fluent's own migration log, which the
    /// restoring server writes itself, and the data revision, which the restored rows move on their own. Every other
    /// table must be in `all`; a test holds the two lists to the database.
    static let notArchived: Set<String> = [SessionRecord.schema, "_fluent_migrations", DataRevision.counterTable]
}
