import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Biểu 0601.N/BNV-TĐKT as the form is laid out (the columns A, B, 1–4 and the rows 01–12 with their codes), filled
/// from `ThiDuaCore.StatisticsForm0601` with the blocs' emulation years in view.
enum StatisticsForm0601Sheet {
    /// Every bloc in the board's view that ran its emulation year in `year`: one movement each (one query).
    static func movements(year: Int, on req: Request) async throws -> [StatisticsForm0601.Movement] {
        var cycles = Cycle.query(on: req.db).filter(\.$year == year)
        if let scope = try await BoardScope.blocIDs(on: req) { cycles = cycles.filter(\.$bloc.$id ~~ scope) }
        return try await cycles.all().map { _ in .blocYear }
    }

    static func sheet(year: Int, on req: Request) async throws -> XLSXSheet {
        func text(_ key: String) -> XLSXCell { .text(req.t(key)) }
        let header: [[XLSXCell]] = [
            [.empty, .empty, .empty, .empty, text("form0601_unit")],
            [.empty, .empty, .empty, text("form0601_split")],
            ["form0603_col_a", "form0603_col_b", "form0603_col_1", "form0601_col_2", "form0601_col_3", "form0601_col_4"].map { text($0) },
            ["A", "B", "1=2+3+4", "2", "3", "4"].map { XLSXCell.text($0) },
        ]
        let lines = StatisticsForm0601.lines(try await movements(year: year, on: req))
        return try await StatisticsFormSheet.sheet(form: "0601", year: year, header: header,
                                                   headerMerges: [XLSXMerge(row: 0, first: 4, last: 5), XLSXMerge(row: 1, first: 3, last: 5)],
                                                   lines: lines, unitColumn: false, widths: [50, 6, 12, 22, 22, 22], on: req)
    }
}
