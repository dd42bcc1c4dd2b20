import Foundation
import ThiDuaCore
import Vapor

/// The assessment page's forms. Scores are typed by people as "12,5" or "12.5", one box per criterion, and bonus and
/// penalty lines as "content | points | reason"; these become the API's inputs here, once, and a value that cannot be
/// read is refused naming the criterion or the line, never skipped.
enum AssessmentForms {
    enum Button: String, FormButton { case save, submit, agree }

    /// The unit's own scores: `points[<code>]` and `note[<code>]`; a blank box is a criterion not scored yet.
    struct SelfScores: WebForm {
        var points: [String: String]?
        var note: [String: String]?

        func input(on req: Request) throws -> SelfAssessmentInput {
            var entries: [ScoreEntry] = []
            for (code, text) in (points ?? [:]).sorted(by: { $0.key < $1.key }) where !text.trimmingCharacters(in: .whitespaces).isEmpty {
                entries.append(ScoreEntry(code: code, points: try number(text, code: code, field: "points", on: req), note: note?[code]))
            }
            return SelfAssessmentInput(scores: entries)
        }
    }

    /// The secretariat's agreement: `agreed[<code>]`, `reason[<code>]`, and the bonus and penalty lines.
    struct Agreement: WebForm {
        var agreed: [String: String]?
        var reason: [String: String]?
        var bonus: String?
        var penalties: String?

        func input(on req: Request) throws -> AgreedScoresInput {
            var scores: [AgreedEntry] = []
            for (code, text) in (agreed ?? [:]).sorted(by: { $0.key < $1.key }) where !text.trimmingCharacters(in: .whitespaces).isEmpty {
                scores.append(AgreedEntry(code: code, points: try number(text, code: code, field: "agreed", on: req), reason: reason?[code]))
            }
            return AgreedScoresInput(scores: scores, bonus: try adjustments(bonus, "bonus", on: req),
                                     penalties: try adjustments(penalties, "penalties", on: req))
        }
    }

    /// "12,5" or "12.5".
    static func decimal(_ text: String) -> Decimal? {
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        return cleaned.isEmpty ? nil : Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// The box's own name (`points[I.1]`) is the refused field, so the page marks that box.
    static func number(_ text: String, code: String, field: String, on req: Request) throws -> Decimal {
        guard let value = decimal(text), "\(value)" != "NaN" else {
            throw AppError.validation("\(field)[\(code)]", req.t("scoring.not_number", ["code": code, "value": text]))
        }
        return value
    }

    /// The API names a refused entry by its place in the list (`scores[3].points`); the page names its box.
    static func boxError(_ error: AppError, codes: [String], box: String) -> AppError {
        guard let field = error.field, let match = field.firstMatch(of: /^scores\[(\d+)\](\.\w+)?$/), let i = Int(match.1),
              codes.indices.contains(i) else { return error }
        var named = error
        named.field = match.2 == ".reason" ? "reason[\(codes[i])]" : match.2 == ".note" ? "note[\(codes[i])]" : "\(box)[\(codes[i])]"
        return named
    }

    /// "title | points | reason | kind" lines; blank lines are skipped, any other line must read whole.
    static func adjustments(_ text: String?, _ field: String, on req: Request) throws -> [AdjustmentEntry]? {
        guard let text else { return nil }
        var entries: [AdjustmentEntry] = []
        for (index, line) in text.split(whereSeparator: \.isNewline).enumerated()
        where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 3, !cells[0].isEmpty, let points = decimal(cells[1]) else {
                throw AppError.validation(field, req.t("scoring.bad_adjustment_line", ["line": String(index + 1), "text": String(line)]))
            }
            entries.append(AdjustmentEntry(title: cells[0], points: points, reason: cells[2],
                                           kind: cells.count > 3 && !cells[3].isEmpty ? cells[3] : nil))
        }
        return entries
    }
}
