import Fluent
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
        let exact = try await Bloc.query(on: req.db).filter(\.$place == province).all()
        if !exact.isEmpty { return Set(exact.compactMap(\.id)) }
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
