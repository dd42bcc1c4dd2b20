import Foundation
import ThiDuaCore

/// The score summary (bảng tổng hợp điểm) of a cycle, printed in A4 landscape beside the scoring issue's
/// `.xlsx`: one row per unit with its section subtotals, base, bonus, penalty, total and classification.
public struct ScoreSummaryData: Sendable, Equatable, Codable {
    /// One unit's line. `sections` follows `ScoreSummaryData.sectionHeaders`, one subtotal per section.
    public struct Row: Sendable, Equatable, Codable {
        public var rank: Int, unit: String
        public var sections: [Decimal]
        public var base: Decimal, bonus: Decimal, penalty: Decimal, total: Decimal
        public var classification: String
        public init(rank: Int, unit: String, sections: [Decimal], base: Decimal, bonus: Decimal, penalty: Decimal,
                    total: Decimal, classification: String) {
            self.rank = rank
            self.unit = unit
            self.sections = sections
            self.base = base
            self.bonus = bonus
            self.penalty = penalty
            self.total = total
            self.classification = classification
        }
    }

    public var issuerParent: String, issuerName: String
    /// Without "Số"; empty leaves the number line out (a summary is usually an unnumbered attachment).
    public var number: String
    public var place: String, date: LocalDate
    /// "BẢNG TỔNG HỢP ĐIỂM THI ĐUA NĂM 2023", and the line under it ("Khối Thi đua các cơ quan Tỉnh ủy").
    public var title: String, summary: String
    /// The section columns' header texts, as many as the scoring table has sections ("I\n(30)"); "\n" breaks.
    public var sectionHeaders: [String]
    public var rows: [Row]
    /// Lines printed under "Ghi chú:" (what each section is, how ties were broken); empty leaves it out.
    public var notes: [String]
    public var signer: DocxSigner

    public init(issuerParent: String, issuerName: String, number: String, place: String, date: LocalDate, title: String,
                summary: String, sectionHeaders: [String], rows: [Row], notes: [String], signer: DocxSigner) {
        self.issuerParent = issuerParent
        self.issuerName = issuerName
        self.number = number
        self.place = place
        self.date = date
        self.title = title
        self.summary = summary
        self.sectionHeaders = sectionHeaders
        self.rows = rows
        self.notes = notes
        self.signer = signer
    }
}

/// Turns `ScoreSummaryData` into the value the score-summary template is filled with
/// (`BuiltInTemplate.scoreSummary`; use `BuiltInTemplate.docx(.scoreSummary, style:, columns: sectionHeaders.count)`
/// for a grid sized to the data).
public enum ScoreSummaryDocument {
    public static func value(_ data: ScoreSummaryData) -> DocxValue {
        var fields = DocxValues.header(issuerParent: data.issuerParent, issuerName: data.issuerName, number: data.number,
                                       place: data.place, date: data.date, capacity: DocxHeaderLines.landscapeCapacity)
        fields["title"] = .text(data.title)
        fields["summary"] = .text(data.summary)
        fields["heading"] = .object(["sections": .list(data.sectionHeaders.map { .object(["title": .text($0)]) })])
        fields["units"] = .list(data.rows.map { row in
            .object(["rank": .text("\(row.rank)"), "unit": .text(row.unit),
                     "sections": .list(row.sections.map { .object(["score": .text(DocxFormat.points($0))]) }),
                     "base": .text(DocxFormat.points(row.base)), "bonus": .text(DocxFormat.points(row.bonus)),
                     "penalty": .text(DocxFormat.points(row.penalty)), "total": .text(DocxFormat.points(row.total)),
                     "classification": .text(row.classification)])
        })
        fields["notes"] = DocxValues.texts(data.notes)
        fields["signer"] = DocxValues.signer(data.signer)
        return .object(fields)
    }
}
