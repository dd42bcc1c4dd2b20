import Foundation
import ThiDuaCore

/// The facts a proposal letter states, every one from the cycle's data: who issues it and with which number and
/// date (the number register's), the plan and the conference it follows, the units the flag ballot chose.
public struct ProposalFacts: Sendable, Equatable {
    public var issuerParent: String, issuerName: String, blocName: String, place: String
    public var number: String, date: LocalDate, year: Int
    /// The rule set's legal bases ("Quyết định số … về …"), quoted after "Căn cứ".
    public var legalBases: [String]
    /// The plan the year followed, when it has a number.
    public var planNumber: String?, planDate: LocalDate?
    public var conferenceDate: LocalDate?
    /// The head unit, which sends the letter.
    public var headUnit: String
    public var nominees: [ProposalData.Nominee]
    public var signer: DocxSigner

    public init(issuerParent: String, issuerName: String, blocName: String, place: String, number: String, date: LocalDate,
                year: Int, legalBases: [String], planNumber: String?, planDate: LocalDate?, conferenceDate: LocalDate?,
                headUnit: String, nominees: [ProposalData.Nominee], signer: DocxSigner) {
        (self.issuerParent, self.issuerName, self.blocName, self.place) = (issuerParent, issuerName, blocName, place)
        (self.number, self.date, self.year, self.legalBases) = (number, date, year, legalBases)
        (self.planNumber, self.planDate, self.conferenceDate) = (planNumber, planDate, conferenceDate)
        (self.headUnit, self.nominees, self.signer) = (headUnit, nominees, signer)
    }
}

extension ProposalData {
    /// The letter as a secretariat writes it, in the register's words, with nothing taken from an earlier year:
    /// it names exactly the nominated units, and its number and date are the same in the header and the annex.
    public static func compose(_ f: ProposalFacts) -> ProposalData {
        let count = String(format: "%02d", f.nominees.count)
        let names = listInWords(f.nominees.map(\.unit))
        let award = "Cờ thi đua của Chủ tịch UBND tỉnh"
        var paragraphs: [String] = []
        if !f.legalBases.isEmpty { paragraphs.append("Căn cứ " + f.legalBases.joined(separator: "; ") + ";") }
        var held = "ngày \(f.conferenceDate.map(VietnameseDate.short) ?? "…") \(f.blocName) đã tổ chức Hội nghị tổng kết, "
            + "thống nhất kết quả chấm điểm thi đua và bình xét, suy tôn bằng phiếu kín các đơn vị dẫn đầu phong trào thi đua "
            + "năm \(f.year)."
        if let plan = f.planNumber {
            held = "Thực hiện Kế hoạch số \(plan)\(f.planDate.map { ", ngày " + VietnameseDate.short($0) } ?? "") của \(f.blocName) "
                + "về tổng kết phong trào thi đua, công tác khen thưởng năm \(f.year), " + held
        } else {
            held = held.prefix(1).uppercased() + held.dropFirst()
        }
        paragraphs.append(held)
        paragraphs.append("Kết quả, \(count) đơn vị được suy tôn đề nghị tặng \(award): \(names) "
            + "(có danh sách, điểm và kết quả bỏ phiếu kèm theo).")
        paragraphs.append("\(f.headUnit) (đơn vị Trưởng \(f.blocName) năm \(f.year)) kính trình Ban Thi đua - Khen thưởng tỉnh "
            + "xem xét, trình Chủ tịch UBND tỉnh tặng Cờ thi đua năm \(f.year) cho \(count) đơn vị nêu trên./.")
        return ProposalData(
            issuerParent: f.issuerParent, issuerName: f.issuerName, number: f.number, place: f.place, date: f.date,
            summary: "Đề nghị tặng \(award) năm \(f.year)", addressee: "Ban Thi đua - Khen thưởng tỉnh", paragraphs: paragraphs,
            annexTitle: "DANH SÁCH ĐƠN VỊ ĐỀ NGHỊ TẶNG \(award.uppercased()) NĂM \(f.year)",
            annexNote: "(Kèm theo Tờ trình số \(f.number), ngày \(VietnameseDate.short(f.date)) của \(f.blocName))",
            nominees: f.nominees, signer: f.signer,
            recipients: ["Như trên", "Các đơn vị được đề nghị", "Lãnh đạo \(f.headUnit)", "Lưu \(f.headUnit)"])
    }

    /// "A", "A và B", "A, B và C".
    static func listInWords(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " và " + last
    }
}
