import Fluent
import SQLKit
import Foundation
import ThiDuaCore
import Vapor

/// Which blocs the board's views show the signed-in user (issue 17): a reviewer with a province sees the blocs whose
/// place is that province (diacritics and case aside); the administrator, and a reviewer without one, see all.
enum BoardScope {
    /// nil for every bloc; otherwise the blocs of the reviewer's province (one query).
    static func blocIDs(on req: Request) async throws -> Set<UUID>? {
        guard let user = try? req.user(), user.role == .reviewer, let province = user.province, !province.isEmpty else { return nil }
        // The place as written first (an index-friendly equality, what a nation's server mostly meets); else every
        // bloc compared without marks and case, for a province typed "lao cai".
        // Plain rows: every board read asks this, and Fluent's models cost a reflection walk per row (PROFILE-2026-12).
        guard let sql = req.db as? SQLDatabase else { throw Abort(.internalServerError) }
        let exact = try await sql.raw("SELECT id, name FROM blocs WHERE place = \(bind: province)").all(decoding: BlocName.self)
        if !exact.isEmpty { return Set(exact.map(\.id)) }
        let wanted = VietnameseText.fold(province)
        return Set(try await Bloc.query(on: req.db).all().filter { VietnameseText.fold($0.place ?? "") == wanted }.compactMap(\.id))
    }

    /// The province whose own records (the council, the blanks' calibrations, the number register: M026) the user
    /// works with: a reviewer's province without marks or case, so "Lào Cai" and "lao cai" keep one council; a council
    /// member's, from their membership; "" for everyone else, which is a server's one province.
    static func province(on req: Request) async throws -> String {
        let user = try req.user()
        if user.role == .council { return try await CouncilService.member(of: user, on: req.db)?.province ?? "" }
        return province(of: user)
    }

    /// The names of `ids`, as plain rows (a province's inbox names its 40 blocs on every read).
    static func blocNames(_ ids: Set<UUID>, on db: Database) async throws -> [UUID: String] {
        guard let sql = db as? SQLDatabase else { throw Abort(.internalServerError) }
        guard !ids.isEmpty else { return [:] }
        return Dictionary(try await sql.raw("SELECT id, name FROM blocs WHERE id IN (\(SQLList(ids.map { SQLBind($0) })))")
            .all(decoding: BlocName.self).map { ($0.id, $0.name ?? "") }, uniquingKeysWith: { a, _ in a })
    }

    private struct BlocName: Decodable {
        var id: UUID
        var name: String?
    }

    static func province(of user: User) -> String {
        guard user.role == .reviewer, let written = user.province else { return "" }
        return VietnameseText.fold(written.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Refuses (403) a record of another province's board.
    static func require(province: String, on req: Request) async throws {
        guard try await self.province(on: req) != province else { return }
        throw AppError(.forbidden, "forbidden", req.t("board.other_province_record"))
    }

    /// Whether a cycle is in view; refuses (403, naming why) a reviewer of another province.
    static func require(_ cycle: Cycle, on req: Request) async throws {
        guard let scope = try await blocIDs(on: req), !scope.contains(cycle.$bloc.id) else { return }
        throw AppError(.forbidden, "forbidden", req.t("board.other_province"))
    }
}
