import Fluent
import Foundation
import SQLKit
import ThiDuaCore

/// Milestones and requirements get a typed role (`MilestoneRole`, `RequirementRole`) that the system acts on,
/// instead of the editable code "SCORING" and the title "Báo cáo thành tích…". Existing rows are given the role
/// their code or title implied, so a running cycle behaves as before. Plain SQL, not the models, so that later
/// fields on the models cannot break this migration.
struct M013_AddPlanRoles: AsyncMigration {
    var name: String { "M013_AddPlanRoles" }

    private struct TitleRow: Decodable {
        var id: UUID
        var title: String
    }

    func prepare(on database: Database) async throws {
        try await database.schema("milestones").field("role", .string).update()
        try await database.schema("requirements").field("role", .string).update()
        guard let sql = database as? SQLDatabase else { return }
        try await sql.update("milestones").set("role", to: MilestoneRole.scoring.rawValue)
            .where("code", .equal, "SCORING").run()
        let rows = try await sql.select().columns("id", "title").from("requirements").all(decoding: TitleRow.self)
        for row in rows where VietnameseText.fold(row.title).contains("bao cao thanh tich") {
            try await sql.update("requirements").set("role", to: RequirementRole.achievementReport.rawValue)
                .where("id", .equal, row.id).run()
        }
    }

    func revert(on database: Database) async throws {
        try await database.schema("requirements").deleteField("role").update()
        try await database.schema("milestones").deleteField("role").update()
    }
}
