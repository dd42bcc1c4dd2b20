import Foundation
import ThiDuaCore

/// The signature block of an official document: authority line ("K/T …", empty when the head signs),
/// position and name. The same type as the plan's.
public typealias DocxSigner = PlanData.Signer

/// One candidate's line in a count: name, votes, and share of the threshold base (0…1, as
/// `TallyResult.Count.share`), printed "66,67%".
public struct CandidateVotes: Sendable, Equatable, Codable {
    public var name: String, votes: Int, share: Decimal
    public init(name: String, votes: Int, share: Decimal) {
        self.name = name
        self.votes = votes
        self.share = share
    }

    /// The lines of a tally, in its order (votes descending), candidates named through `names` (id → name).
    public static func lines(_ result: TallyResult, names: [String: String]) -> [CandidateVotes] {
        result.counts.map { CandidateVotes(name: names[$0.candidate] ?? $0.candidate, votes: $0.votes, share: $0.share) }
    }
}

/// Dates and numbers as official documents print them.
public enum DocxFormat {
    /// "ngày 28 tháng 11 năm 2023": a leading zero for days under 10 and months 1 and 2 only.
    public static func date(_ date: LocalDate) -> String { PlanDocument.dateInWords(date) }

    /// "08 giờ 00, thứ Ba, ngày 19 tháng 12 năm 2023", in Asia/Ho_Chi_Minh, with the same leading-zero rule.
    public static func time(_ instant: Date) -> String { VietnameseDate.long(instant) }

    /// "66,67%" from a share 0…1: two decimals, decimal comma, rounded half-up.
    public static func percent(_ share: Decimal) -> String { fixed(share * 100, places: 2) + "%" }

    /// "30", "7,5": a number as people write it, with no trailing zeros and a decimal comma.
    public static func number(_ value: Decimal) -> String { "\(value)".replacingOccurrences(of: ".", with: ",") }

    /// "96,50": points with two decimals and a decimal comma.
    public static func points(_ value: Decimal) -> String { fixed(value, places: 2) }

    /// `value` rounded half-up to `places` decimals, all of them printed, with a decimal comma.
    static func fixed(_ value: Decimal, places: Int) -> String {
        var input = value, rounded = Decimal()
        NSDecimalRound(&rounded, &input, places, .plain)
        let negative = rounded < 0
        let digits = "\(negative ? -rounded : rounded)".split(separator: ".", omittingEmptySubsequences: false)
        let fraction = digits.count > 1 ? String(digits[1]) : ""
        let padded = fraction + String(repeating: "0", count: max(0, places - fraction.count))
        return (negative ? "-" : "") + String(digits[0]) + (places > 0 ? "," + padded : "")
    }
}

/// Value pieces every kind shares, under the names `DocxOfficialBlocks` uses.
enum DocxValues {
    /// `issuer.parent`, `issuer.name` (each broken between word groups when too long for one line), `number`,
    /// `place`, `date` (in words).
    /// `capacity` is the header column's width in ems: wider on a landscape page.
    static func header(issuerParent: String, issuerName: String, number: String, place: String,
                       date: LocalDate, capacity: Double = DocxHeaderLines.capacity) -> [String: DocxValue] {
        ["issuer": .object(["parent": .text(DocxHeaderLines.broken(issuerParent, capacity: capacity)),
                            "name": .text(DocxHeaderLines.broken(issuerName, capacity: capacity))]),
         "number": .text(number),
         "place": .text(place), "date": .text(DocxFormat.date(date))]
    }

    static func signer(_ signer: DocxSigner) -> DocxValue {
        .object(["prefix": .text(signer.prefix), "position": .text(signer.position), "name": .text(signer.name)])
    }

    /// `{text, end}` items, ";" after each and "." after the last.
    static func recipients(_ items: [String]) -> DocxValue { PlanDocument.punctuated(items) }

    static func texts(_ items: [String]) -> DocxValue { .list(items.map(DocxValue.text)) }

    /// The non-blank lines of a "\n"-separated text, one paragraph each.
    static func paragraphs(_ text: String) -> DocxValue {
        texts(text.components(separatedBy: .newlines).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
    }

    /// A phrase without final punctuation, for templates that add their own ("Địa điểm: {{venue}}.").
    static func phrase(_ text: String) -> DocxValue {
        .text(text.trimmingCharacters(in: CharacterSet(charactersIn: " .;,")))
    }

    /// Candidates as `{number, name, votes, share}` rows.
    static func candidates(_ lines: [CandidateVotes]) -> DocxValue {
        .list(lines.enumerated().map { index, line in
            .object(["number": .text("\(index + 1)"), "name": .text(line.name), "votes": .text("\(line.votes)"),
                     "share": .text(DocxFormat.percent(line.share))])
        })
    }
}
