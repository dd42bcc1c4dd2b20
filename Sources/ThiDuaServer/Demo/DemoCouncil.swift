import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The demo's provincial council: its chair and two members, each with an account to vote (issue 17). The names are
/// invented, as SCENARIO-2023.md asks of every person in the demo.
enum DemoCouncil {
    /// The province of the demo's board and council, as the blocs write their place.
    static let province = "Lào Cai"

    /// (full name, position, chair, the account it votes with)
    static let members: [(String, String, Bool, String)] = [
        ("Hoàng Minh Chính", "Chủ tịch UBND tỉnh, Chủ tịch Hội đồng", true, "hdchutich"),
        ("Đinh Thu Trang", "Giám đốc Sở Nội vụ, Phó Chủ tịch Hội đồng", false, "hdnoivu"),
        ("Vương Quốc Hưng", "Chủ tịch Liên đoàn Lao động tỉnh, Ủy viên", false, "hdcongdoan"),
    ]

    static func seed(on db: Database, now: Date, audit: (String, UUID?, [String: String]) async throws -> Void) async throws {
        guard try await CouncilMember.query(on: db).count() == 0 else { return }
        for (name, position, chair, username) in members {
            let member = CouncilMember()
            (member.fullName, member.position, member.isChair, member.createdAt) = (name, position, chair, now)
            // The council of the board's province, as its reviewers' `BoardScope.province` reads it.
            member.province = VietnameseText.fold(province)
            member.userID = try await User.query(on: db).filter(\.$username == username).first()?.id
            try await member.create(on: db)
            try await audit("council_member", member.id, ["fullName": name, "position": position])
        }
    }
}
