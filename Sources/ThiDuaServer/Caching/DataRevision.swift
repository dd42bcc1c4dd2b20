import Fluent
import SQLKit
import Vapor

/// A number that grows with every committed change to the installation's data, kept by the database itself
/// (triggers on every data table), so that every instance agrees on it and no write path can forget to move it.
/// What is kept in memory (`ResponseCache`, `SignInCache`, `RememberedSessions`) is used only while it has not moved.
///
/// SQLite admits one writer at a time, so a single row is counted up. On PostgreSQL one row would make every writer
/// wait for the one before it to commit (and could deadlock against rows they hold), so each server connection
/// counts in its own row (keyed by its backend's pid: one transaction at a time per connection, so no two writers
/// ever share a row), and the revision is the sum, as the reader's snapshot sees it: a change counts only once
/// committed. `compact` folds the rows of connections that have gone into row 0, in one statement. (A first version
/// inserted a row per change and summed them: a nation's fill left 37 MB of dead rows that every read scanned.)
enum DataRevision {
    static let counterTable = "data_revision"
    static let function = "thidua_count_change"

    /// Tables whose writes do not change what any cached answer shows: the audit log (every audited write also
    /// writes a data table), failed sign-ins and the outbox (mail on its way). Web sessions and Fluent's own log
    /// are not data (`BackupTable.notArchived`).
    static let untracked: Set<String> = ["audit_entries", "login_failures", "outbox"]

    private static func isPostgres(_ sql: SQLDatabase) -> Bool { sql.dialect.name == "postgresql" }

    /// Creates the counter and, on PostgreSQL, its function (M025).
    static func prepare(on database: Database) async throws {
        let sql = try requireSQL(database)
        if isPostgres(sql) {
            try await sql.raw("CREATE TABLE \(ident: counterTable) (id INTEGER PRIMARY KEY, value BIGINT NOT NULL)").run()
            try await sql.raw("""
                CREATE OR REPLACE FUNCTION \(unsafeRaw: function)() RETURNS trigger AS $$
                BEGIN
                    INSERT INTO \(unsafeRaw: counterTable) (id, value) VALUES (pg_backend_pid(), 1)
                    ON CONFLICT (id) DO UPDATE SET value = \(unsafeRaw: counterTable).value + 1;
                    RETURN NULL;
                END
                $$ LANGUAGE plpgsql
                """).run()
        } else {
            try await sql.raw("CREATE TABLE \(ident: counterTable) (id INTEGER PRIMARY KEY, value INTEGER NOT NULL)").run()
        }
        try await sql.raw("INSERT INTO \(ident: counterTable) (id, value) VALUES (0, 0)").run()
    }

    /// Makes every insert, update and delete of `table` move the revision. A migration that creates a data table
    /// calls this for it; a test holds every archived table to having it.
    static func track(_ table: String, on database: Database) async throws {
        let sql = try requireSQL(database)
        if isPostgres(sql) {
            try await sql.raw("""
                CREATE TRIGGER \(ident: "revision_" + table) AFTER INSERT OR UPDATE OR DELETE ON \(ident: table)
                FOR EACH ROW EXECUTE FUNCTION \(unsafeRaw: function)()
                """).run()
        } else {
            for event in ["INSERT", "UPDATE", "DELETE"] {
                try await sql.raw("""
                    CREATE TRIGGER \(ident: "revision_\(table)_\(event.lowercased())") AFTER \(unsafeRaw: event) ON \(ident: table)
                    BEGIN UPDATE \(unsafeRaw: counterTable) SET value = value + 1 WHERE id = 0; END
                    """).run()
            }
        }
    }

    static func untrack(_ table: String, on database: Database) async throws {
        let sql = try requireSQL(database)
        if isPostgres(sql) {
            try await sql.raw("DROP TRIGGER IF EXISTS \(ident: "revision_" + table) ON \(ident: table)").run()
        } else {
            for event in ["insert", "update", "delete"] {
                try await sql.raw("DROP TRIGGER IF EXISTS \(ident: "revision_\(table)_\(event)")").run()
            }
        }
    }

    static func drop(on database: Database) async throws {
        let sql = try requireSQL(database)
        try await sql.raw("DROP TABLE IF EXISTS \(ident: counterTable)").run()
        if isPostgres(sql) { try await sql.raw("DROP FUNCTION IF EXISTS \(unsafeRaw: function)()").run() }
    }

    private struct Row: Decodable { var value: Int64? }

    /// The current revision: a sum over row 0 and one row per connection that wrote since the last `compact`.
    static func current(on database: Database) async throws -> Int64 {
        let sql = try requireSQL(database)
        return try await sql.raw("SELECT CAST(COALESCE(SUM(value), 0) AS BIGINT) AS value FROM \(ident: counterTable)")
            .first(decoding: Row.self)?.value ?? 0
    }

    /// PostgreSQL: moves the counts of connections that no longer exist into row 0, in one statement, so every
    /// reader sees the same total before and after. Run by the background jobs and at start.
    static func compact(on database: Database) async throws {
        guard let sql = database as? SQLDatabase, isPostgres(sql) else { return }
        try await sql.raw("""
            WITH gone AS (DELETE FROM \(ident: counterTable)
                          WHERE id <> 0 AND id NOT IN (SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL) RETURNING value)
            UPDATE \(ident: counterTable) SET value = value + (SELECT COALESCE(SUM(value), 0) FROM gone) WHERE id = 0
            """).run()
    }

    static func requireSQL(_ database: Database) throws -> SQLDatabase {
        guard let sql = database as? SQLDatabase else { throw Abort(.internalServerError, reason: "SQL database required") }
        return sql
    }
}
