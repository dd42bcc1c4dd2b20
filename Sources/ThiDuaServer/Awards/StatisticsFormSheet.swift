import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// What the forms of Thông tư 02/2023/TT-BNV share on a sheet: the heading lines (form number, issuing circular, due
/// date, reporting and receiving units, title, year), the form's own rows from `ThiDuaCore`, and the signatures.
enum StatisticsFormSheet {
    /// A sheet for `form` ("0601", "0603"): its keys are `form<form>_sheet`, `_form_number`, `_title`, `_note`.
    /// `header` is the form's column headings, its last row one cell per column, with `headerMerges` (rows counted from
    /// the header's first); `unitColumn` whether the form has a column C for the unit of count (0603 has, 0601 has
    /// not); `widths` each column's printed width in characters, the label, code and unit columns then the counts.
    static func sheet(form: String, year: Int, header: [[XLSXCell]], headerMerges: [XLSXMerge], lines: [StatisticsForm0603.Line],
                      unitColumn: Bool, widths: [Int], on req: Request) async throws -> XLSXSheet {
        let province = try await provinceName(on: req)
        let reporter = province.isEmpty ? req.t("form0603_reporter_unknown") : req.t("form0603_reporter", ["province": province])
        func text(_ key: String, _ args: [String: String] = [:]) -> XLSXCell { .text(req.t(key, args)) }
        // The reporting unit's lines, and its head's signature, sit over the form's right-hand columns (E on).
        let (right, last) = (4, widths.count - 1)
        let gap = [XLSXCell](repeating: .empty, count: right - 1)
        let values = widths.count - (unitColumn ? 3 : 2)
        var rows: [[XLSXCell]] = [
            [text("form\(form)_form_number")] + gap + [text("form0603_reporting_unit", ["unit": reporter])],
            [text("form0603_issued_by")] + gap + [text("form0603_receiving_unit")],
            [text("form0603_due")],
            [],
            [text("form\(form)_title")],
            [text("form0603_year", ["year": String(year)])],
            [],
        ] + header
        for line in lines {
            var row: [XLSXCell] = [text(line.label), line.code.map { .text($0) } ?? .empty]
            if unitColumn { row.append(line.unit.map { text($0) } ?? .empty) }
            if line.code != nil { row += line.values.map { $0.map { .number(Double($0)) } } ?? [XLSXCell](repeating: .empty, count: values) }
            rows.append(row)
        }
        let note = rows.count + 1
        rows += [[], [text("form\(form)_note")], [],
                 [text("form0603_preparer")] + gap + [text("form0603_head")],
                 [text("form0603_preparer_sign")] + gap + [text("form0603_head_sign")]]
        let signature = rows.count - 2
        let merges = [0, 1].flatMap { [XLSXMerge(row: $0, first: 0, last: right - 1), XLSXMerge(row: $0, first: right, last: last)] }
            + [XLSXMerge(row: 2, first: 0, last: right - 1), XLSXMerge(row: 4, first: 0, last: last), XLSXMerge(row: 5, first: 0, last: last),
               XLSXMerge(row: note, first: 0, last: last)]
            + headerMerges.map { XLSXMerge(row: $0.row + 7, first: $0.first, last: $0.last) }
            + [signature, signature + 1].map { XLSXMerge(row: $0, first: right, last: last) }
        let layout = XLSXFormLayout(columnWidths: widths, merged: merges, boldRows: [0, 4, signature], centredRows: [4, 5])
        return XLSXSheet(name: req.t("form\(form)_sheet"), rows: rows, form: layout)
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
