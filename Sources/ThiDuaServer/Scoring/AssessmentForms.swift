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

    /// The secretariat's agreement: `agreed[<code>]`, `reason[<code>]`, and one row of boxes per bonus or penalty line
    /// (`bonusTitle[<n>]`, `bonusPoints[<n>]`, `bonusReason[<n>]`; the same for `penalty…` with `penaltyKind[<n>]`).
    struct Agreement: WebForm {
        var agreed: [String: String]?
        var reason: [String: String]?
        var bonusTitle: [String: String]?, bonusPoints: [String: String]?, bonusReason: [String: String]?
        var penaltyTitle: [String: String]?, penaltyPoints: [String: String]?, penaltyReason: [String: String]?
        var penaltyKind: [String: String]?

        func input(on req: Request) throws -> AgreedScoresInput {
            var scores: [AgreedEntry] = []
            for (code, text) in (agreed ?? [:]).sorted(by: { $0.key < $1.key }) where !text.trimmingCharacters(in: .whitespaces).isEmpty {
                scores.append(AgreedEntry(code: code, points: try number(text, code: code, field: "agreed", on: req), reason: reason?[code]))
            }
            return AgreedScoresInput(
                scores: scores,
                bonus: try AssessmentForms.rows("bonus", titles: bonusTitle, points: bonusPoints, reasons: bonusReason, kinds: nil, on: req),
                penalties: try AssessmentForms.rows("penalty", titles: penaltyTitle, points: penaltyPoints, reasons: penaltyReason,
                                                    kinds: penaltyKind, on: req))
        }
    }

    /// The rows of bonus or penalty boxes, in their order on the page. An empty row is skipped; a row begun but not
    /// readable is refused naming its box, never dropped while the page says "saved".
    static func rows(_ prefix: String, titles: [String: String]?, points: [String: String]?, reasons: [String: String]?,
                     kinds: [String: String]?, on req: Request) throws -> [AdjustmentEntry] {
        let indices = Set([titles, points, reasons].flatMap { ($0 ?? [:]).keys }).compactMap(Int.init).sorted()
        var entries: [AdjustmentEntry] = []
        for i in indices {
            let key = String(i)
            let title = (titles?[key] ?? "").trimmingCharacters(in: .whitespaces)
            let text = (points?[key] ?? "").trimmingCharacters(in: .whitespaces)
            let reason = (reasons?[key] ?? "").trimmingCharacters(in: .whitespaces)
            if title.isEmpty && text.isEmpty && reason.isEmpty { continue }
            guard !title.isEmpty else {
                throw AppError.validation("\(prefix)Title[\(key)]", req.t("scoring.adjustment_title", ["line": String(entries.count + 1)]))
            }
            guard let value = decimal(text), "\(value)" != "NaN" else {
                throw AppError.validation("\(prefix)Points[\(key)]", req.t("scoring.adjustment_points", ["title": title, "value": text]))
            }
            let kind = kinds?[key].flatMap { $0.isEmpty ? nil : $0 }
            entries.append(AdjustmentEntry(title: title, points: value, reason: reason, kind: kind))
        }
        return entries
    }

    /// "12,5" or "12.5", whole: "9,5x" is not 9,5 (Decimal(string:) alone would read the digits and drop the rest).
    static func decimal(_ text: String) -> Decimal? {
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        guard cleaned.wholeMatch(of: /-?[0-9]+(\.[0-9]+)?/) != nil else { return nil }
        return Decimal(string: cleaned, locale: Locale(identifier: "en_US_POSIX"))
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
}
