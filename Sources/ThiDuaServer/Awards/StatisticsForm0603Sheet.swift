import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Biểu 0603.N/BNV-TĐKT as the form is laid out (the columns A, B, C, 1–5 and the rows 01–17 with their codes), filled
/// from `ThiDuaCore.StatisticsForm0603`.
enum StatisticsForm0603Sheet {
    static func sheet(year: Int, facts: [AwardStatistics.Fact], on req: Request) async throws -> XLSXSheet {
        func text(_ key: String) -> XLSXCell { .text(req.t(key)) }
        let header: [[XLSXCell]] = [
            [.empty, .empty, .empty, .empty, text("form0603_split")],
            ["form0603_col_a", "form0603_col_b", "form0603_col_c", "form0603_col_1", "form0603_col_2", "form0603_col_3",
             "form0603_col_4", "form0603_col_5"].map { text($0) },
            ["A", "B", "C", "1=2+3+4+5", "2", "3", "4", "5"].map { XLSXCell.text($0) },
        ]
        // Printed widths: the criteria, code, unit, then the five counts with their long headings wrapped.
        return try await StatisticsFormSheet.sheet(form: "0603", year: year, header: header,
                                                   headerMerges: [XLSXMerge(row: 0, first: 4, last: 7)],
                                                   lines: StatisticsForm0603.lines(facts), unitColumn: true,
                                                   widths: [46, 7, 11, 12, 16, 16, 18, 18], on: req)
    }
}
