import Fluent

/// The data revision (issue 16: "caching, if any, is invalidated by the writes that change the data"): a counter
/// the database moves on every write to a data table, read before anything is answered from memory. The list is
/// the data tables as of this migration; a later migration that creates one calls `DataRevision.track` itself.
struct M025_TrackDataRevision: AsyncMigration {
    var name: String { "M025_TrackDataRevision" }

    static let tables = [
        "units", "blocs", "rule_sets", "cycles", "memberships", "milestones", "users", "api_tokens",
        "requirements", "requirement_targets", "deadline_extensions", "paper_originals", "submissions",
        "conferences", "participant_groups", "agenda_items", "attendance",
        "ballots", "ballot_candidates", "ballot_participation", "ballot_papers", "ballot_trustees",
        "scoring_tables", "self_assessments", "self_scores", "evidence_files", "agreed_scores", "score_adjustments",
        "score_history", "scoring_states",
        "plan_data", "document_templates", "generated_documents", "document_numbers",
        "notifications", "calendar_tokens",
        "people", "nominees", "proposals", "proposal_nominees", "decisions", "awards", "proposal_documents",
        "certificate_layouts", "council_members", "council_sessions", "council_attendance", "council_ballots",
        "council_participation", "council_papers", "province_numbers", "past_awards",
        // Not data, but remembered like it (`SessionWritesWhenChanged`): a sign-in or sign-out is seen at once.
        "_fluent_sessions",
    ]

    func prepare(on database: Database) async throws {
        try await DataRevision.prepare(on: database)
        for table in Self.tables { try await DataRevision.track(table, on: database) }
    }

    func revert(on database: Database) async throws {
        for table in Self.tables { try await DataRevision.untrack(table, on: database) }
        try await DataRevision.drop(on: database)
    }
}
