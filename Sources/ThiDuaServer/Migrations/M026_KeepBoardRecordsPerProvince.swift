import Fluent
import SQLKit

/// The board's own records belong to a province (issue 17): a server that holds several provinces keeps a council, a
/// calibration of each blank and a number register for each. The province is the reviewer's, without marks or case
/// (`BoardScope.province`); "" is a server's one province, which every row from before this migration joins.
///
/// The council's tables gain the column. The calibrations and the register were unique per blank and per (year,
/// number) across the server, and a unique index cannot be changed in place on SQLite, so those two tables are made
/// again with the province in their indexes, their rows copied, and given back their names and revision triggers.
struct M026_KeepBoardRecordsPerProvince: AsyncMigration {
    var name: String { "M026_KeepBoardRecordsPerProvince" }

    func prepare(on database: Database) async throws {
        for table in ["council_members", "council_sessions"] {
            try await database.schema(table).field("province", .string, .required, .sql(.default(""))).update()
        }
        try await Self.remake("certificate_layouts", columns: ["id", "blank", "document", "updated_at", "updated_by"], province: true,
                              on: database) { schema in
            schema.id()
                .field("province", .string, .required)
                .field("blank", .string, .required)
                .field("document", .string, .required)
                .field("updated_at", .datetime, .required)
                .field("updated_by", .string, .required)
                .unique(on: "province", "blank")
        }
        try await Self.remake("province_numbers", columns: ["id", "year", "seq", "kind"], province: true, on: database) { schema in
            schema.id()
                .field("province", .string, .required)
                .field("year", .int, .required)
                .field("seq", .int, .required)
                .field("kind", .string, .required)
                .unique(on: "province", "year", "seq")
                .unique(on: "province", "kind")
        }
    }

    /// Back to one of each per server: the rows of the server's own province ("") are kept.
    func revert(on database: Database) async throws {
        try await Self.remake("province_numbers", columns: ["id", "year", "seq", "kind"], province: false, on: database) { schema in
            schema.id()
                .field("year", .int, .required)
                .field("seq", .int, .required)
                .field("kind", .string, .required)
                .unique(on: "year", "seq")
                .unique(on: "kind")
        }
        try await Self.remake("certificate_layouts", columns: ["id", "blank", "document", "updated_at", "updated_by"], province: false,
                              on: database) { schema in
            schema.id()
                .field("blank", .string, .required)
                .field("document", .string, .required)
                .field("updated_at", .datetime, .required)
                .field("updated_by", .string, .required)
                .unique(on: "blank")
        }
        for table in ["council_sessions", "council_members"] {
            try await database.schema(table).deleteField("province").update()
        }
    }

    /// Makes `table` again as `define` says, under a passing name, copies `columns` of its rows (with province ""
    /// when the new table has one; only the "" rows when going back), then puts it in the old one's place.
    static func remake(_ table: String, columns: [String], province: Bool, on database: Database,
                       define: (SchemaBuilder) -> SchemaBuilder) async throws {
        let sql = try DataRevision.requireSQL(database)
        let passing = table + "_m026"
        try await define(database.schema(passing)).create()
        let list = SQLList(columns.map { SQLIdentifier($0) })
        if province {
            try await sql.raw("INSERT INTO \(ident: passing) (\(list), province) SELECT \(list), '' FROM \(ident: table)").run()
        } else {
            try await sql.raw("INSERT INTO \(ident: passing) (\(list)) SELECT \(list) FROM \(ident: table) WHERE province = ''").run()
        }
        // Dropping the table drops its triggers; the new one gets its own under the old name.
        try await database.schema(table).delete()
        try await sql.raw("ALTER TABLE \(ident: passing) RENAME TO \(ident: table)").run()
        try await DataRevision.track(table, on: database)
    }
}
