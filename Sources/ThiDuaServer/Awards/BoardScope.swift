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

    /// Whether a cycle is in view; refuses (403, naming why) a reviewer of another province.
    static func require(_ cycle: Cycle, on req: Request) async throws {
        guard let scope = try await blocIDs(on: req), !scope.contains(cycle.$bloc.id) else { return }
        throw AppError(.forbidden, "forbidden", req.t("board.other_province"))
    }
}
