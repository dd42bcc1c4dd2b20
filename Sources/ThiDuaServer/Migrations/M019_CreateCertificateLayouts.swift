import Fluent

/// The calibration of each pre-printed blank (issue 17): one row per blank, its `ThiDuaCore.CertificateLayout` as
/// JSON (the fields' boxes and the printer's shift), so a printer change or a restart keeps it.
struct M019_CreateCertificateLayouts: AsyncMigration {
    var name: String { "M019_CreateCertificateLayouts" }

    func prepare(on database: Database) async throws {
        try await database.schema("certificate_layouts")
            .id()
            .field("blank", .string, .required)
            .field("document", .string, .required)
            .field("updated_at", .datetime, .required)
            .field("updated_by", .string, .required)
            .unique(on: "blank")
            .create()
    }

    func revert(on database: Database) async throws {
        try await database.schema("certificate_layouts").delete()
    }
}
