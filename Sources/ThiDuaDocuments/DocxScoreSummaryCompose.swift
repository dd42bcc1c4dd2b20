import Foundation
import ThiDuaCore

extension ScoreSummaryData {
    /// One section of the scoring table as the summary heads its column: code, title and maximum.
    public struct SectionHead: Sendable, Equatable {
        public var code: String, title: String, max: Decimal?
        public init(code: String, title: String, max: Decimal?) { (self.code, self.title, self.max) = (code, title, max) }
    }

    /// The summary of a cycle's scores, its headings and notes from the cycle's own scoring table.
    public static func compose(issuerParent: String, issuerName: String, blocName: String, place: String, number: String,
                               date: LocalDate, year: Int, sections: [SectionHead], bonusCap: Decimal, illustrative: Bool,
                               rows: [Row], unscored: [String] = [], signer: DocxSigner) -> ScoreSummaryData {
        let headers = sections.map { s in s.max.map { "\(s.code)\n(\(DocxFormat.number($0)))" } ?? s.code }
        var note = sections.enumerated().map { i, s in (i == 0 ? "Phần " : "") + "\(s.code): \(s.title)" }.joined(separator: "; ")
        if !note.isEmpty { note += " (trong ngoặc: điểm tối đa)." }
        note += " Điểm thưởng tối đa \(DocxFormat.number(bonusCap)) điểm." + (illustrative ? " Bảng điểm minh họa." : "")
        return ScoreSummaryData(
            issuerParent: issuerParent, issuerName: issuerName, number: number, place: place, date: date,
            title: "BẢNG TỔNG HỢP ĐIỂM THI ĐUA NĂM \(year)", summary: "của các cơ quan, đơn vị thành viên \(blocName)",
            sectionHeaders: headers, rows: rows,
            // A unit not scored yet stands outside the ranking, named in a note rather than ranked last with 0 points.
            notes: [note.trimmingCharacters(in: .whitespaces)]
                + (unscored.isEmpty ? [] : ["Đơn vị chưa chấm điểm, không xếp hạng: \(unscored.joined(separator: "; "))."]),
            signer: signer)
    }
}
