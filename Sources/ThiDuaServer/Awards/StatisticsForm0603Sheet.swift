import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// The first sheet of the statistics workbook: biểu 0603.N/BNV-TĐKT as the form is laid out (its heading lines, the
/// columns A, B, C, 1–5 and the rows 01–17 with their codes), filled from `ThiDuaCore.StatisticsForm0603`.
enum StatisticsForm0603Sheet {
    static func sheet(year: Int, facts: [AwardStatistics.Fact], on req: Request) async throws -> XLSXSheet {
        let province = try await provinceName(on: req)
        let reporter = province.isEmpty ? req.t("form0603_reporter_unknown") : req.t("form0603_reporter", ["province": province])
        func text(_ key: String, _ args: [String: String] = [:]) -> XLSXCell { .text(req.t(key, args)) }
        var rows: [[XLSXCell]] = [
            [text("form0603_form_number"), .empty, .empty, .empty, text("form0603_reporting_unit", ["unit": reporter])],
            [text("form0603_issued_by"), .empty, .empty, .empty, text("form0603_receiving_unit")],
            [text("form0603_due")],
            [],
            [text("form0603_title")],
            [text("form0603_year", ["year": String(year)])],
            [],
            [.empty, .empty, .empty, .empty, text("form0603_split")],
            ["form0603_col_a", "form0603_col_b", "form0603_col_c", "form0603_col_1", "form0603_col_2", "form0603_col_3",
             "form0603_col_4", "form0603_col_5"].map { text($0) },
            ["A", "B", "C", "1=2+3+4+5", "2", "3", "4", "5"].map { XLSXCell.text($0) },
        ]
        for line in StatisticsForm0603.lines(facts) {
            var row: [XLSXCell] = [text(line.label), line.code.map { .text($0) } ?? .empty, line.unit.map { text($0) } ?? .empty]
            if line.code != nil { row += line.values.map { $0.map { .number(Double($0)) } } ?? [XLSXCell](repeating: .empty, count: 5) }
            rows.append(row)
        }
        rows += [[], [text("form0603_note")], [],
                 [text("form0603_preparer"), .empty, .empty, .empty, .empty, text("form0603_head")],
                 [text("form0603_preparer_sign"), .empty, .empty, .empty, .empty, text("form0603_head_sign")]]
        return XLSXSheet(name: req.t("form0603_sheet"), rows: rows)
    }

    /// The place the blocs in view share, as the blocs write it (with its marks); else the reviewer's province.
    private static func provinceName(on req: Request) async throws -> String {
        var blocs = Bloc.query(on: req.db)
        if let scope = try await BoardScope.blocIDs(on: req) { blocs = blocs.filter(\.$id ~~ scope) }
        let places = Set(try await blocs.all().compactMap(\.place).filter { !$0.isEmpty })
        if places.count == 1 { return places.first! }
        return (try? req.user())?.province ?? ""
    }
}
