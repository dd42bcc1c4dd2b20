import Foundation
import ThiDuaCore

/// The draft decision awarding the provincial Emulation Flag to the units the blocs proposed and the board accepted,
/// in the State style (Nghị định 30/2020: Quyết định with its bases, Điều 1–3, the list as an annex).
public struct DecisionData: Sendable, Equatable, Codable {
    public struct Awardee: Sendable, Equatable, Codable {
        public var unit: String, bloc: String
        public init(unit: String, bloc: String) { (self.unit, self.bloc) = (unit, bloc) }
    }

    public struct Article: Sendable, Equatable, Codable {
        public var label: String, text: String
        public init(label: String, text: String) { (self.label, self.text) = (label, text) }
    }

    public var issuerParent: String, issuerName: String
    /// Without "Số: " ("125/QĐ-UBND"); a draft leaves the running number blank ("    /QĐ-UBND").
    public var number: String
    public var place: String, date: LocalDate
    public var summary: String
    /// "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH LÀO CAI"
    public var authority: String
    public var bases: [String]
    public var articles: [Article]
    public var annexTitle: String, annexNote: String
    public var awardees: [Awardee]
    public var signer: DocxSigner
    public var recipients: [String]

    public init(issuerParent: String, issuerName: String, number: String, place: String, date: LocalDate, summary: String,
                authority: String, bases: [String], articles: [Article], annexTitle: String, annexNote: String,
                awardees: [Awardee], signer: DocxSigner, recipients: [String]) {
        (self.issuerParent, self.issuerName, self.number, self.place, self.date) = (issuerParent, issuerName, number, place, date)
        (self.summary, self.authority, self.bases, self.articles) = (summary, authority, bases, articles)
        (self.annexTitle, self.annexNote, self.awardees) = (annexTitle, annexNote, awardees)
        (self.signer, self.recipients) = (signer, recipients)
    }

    /// The facts the draft states, each from the data: the province, the year, the awardees and the bases.
    public struct Facts: Sendable {
        public var province: String, place: String, year: Int, date: LocalDate
        public var legalBases: [String]
        public var awardees: [Awardee]
        /// The running number from the province's register; nil leaves it blank for the chairman's office.
        public var number: Int?

        public init(province: String, place: String, year: Int, date: LocalDate, legalBases: [String], awardees: [Awardee],
                    number: Int? = nil) {
            (self.province, self.place, self.year, self.date, self.legalBases, self.awardees) = (province, place, year, date, legalBases, awardees)
            self.number = number
        }
    }

    /// The draft as the board writes it for the chairman's signature: numbered from the province's register (blank
    /// without one), the signer's name left for the chairman's office, nothing taken from another year or province.
    public static func compose(_ f: Facts) -> DecisionData {
        let award = "Cờ thi đua của Chủ tịch Ủy ban nhân dân tỉnh"
        let count = String(format: "%02d", f.awardees.count)
        let number = f.number.map { String(format: "%02d", $0) } ?? "        "
        // The chairman's authority, then the laws and regulations the province's rule set cites.
        var bases = ["Căn cứ Luật Tổ chức chính quyền địa phương;"]
        bases += f.legalBases.map { "Căn cứ \($0);" }
        bases.append("Xét đề nghị của Trưởng Ban Thi đua - Khen thưởng tỉnh.")
        let articles = [
            Article(label: "Điều 1.", text: "Tặng \(award) cho \(count) tập thể đã có thành tích xuất sắc, dẫn đầu phong trào "
                + "thi đua năm \(f.year) (có danh sách kèm theo)."),
            Article(label: "Điều 2.", text: "Tiền thưởng kèm theo Cờ thi đua thực hiện theo quy định hiện hành, trích từ "
                + "Quỹ thi đua, khen thưởng của tỉnh."),
            Article(label: "Điều 3.", text: "Chánh Văn phòng Ủy ban nhân dân tỉnh, Trưởng Ban Thi đua - Khen thưởng tỉnh, "
                + "Thủ trưởng các cơ quan, đơn vị có liên quan và các tập thể có tên tại Điều 1 chịu trách nhiệm thi hành "
                + "Quyết định này./."),
        ]
        return DecisionData(
            issuerParent: "", issuerName: "ỦY BAN NHÂN DÂN TỈNH \(f.province.uppercased())", number: "\(number)/QĐ-UBND",
            place: f.place, date: f.date, summary: "Về việc tặng \(award) năm \(f.year)",
            authority: "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH \(f.province.uppercased())", bases: bases, articles: articles,
            annexTitle: "TẬP THỂ ĐƯỢC TẶNG \(award.uppercased()) NĂM \(f.year)",
            annexNote: "(Kèm theo Quyết định số \(number)/QĐ-UBND ngày     tháng     năm \(f.date.year) của Chủ tịch UBND tỉnh)",
            awardees: f.awardees, signer: DocxSigner(prefix: "", position: "CHỦ TỊCH", name: ""),
            recipients: ["Như Điều 3", "Ban Thi đua - Khen thưởng Trung ương", "Chủ tịch, các Phó Chủ tịch UBND tỉnh",
                         "Lưu: VT, TĐKT"])
    }
}

/// Turns `DecisionData` into the value the decision template is filled with (`BuiltInTemplate.decision`).
public enum DecisionDocument {
    public static func value(_ data: DecisionData) -> DocxValue {
        var fields = DocxValues.header(issuerParent: data.issuerParent, issuerName: data.issuerName, number: data.number,
                                       place: data.place, date: data.date)
        fields["summary"] = .text(data.summary)
        fields["authority"] = .text(data.authority)
        fields["bases"] = DocxValues.texts(data.bases)
        fields["articles"] = .list(data.articles.map { .object(["label": .text($0.label), "text": .text($0.text)]) })
        fields["annex"] = .object([
            "title": .text(data.annexTitle), "note": .text(data.annexNote),
            "awardees": .list(data.awardees.enumerated().map { index, a in
                .object(["number": .text("\(index + 1)"), "unit": .text(a.unit), "bloc": .text(a.bloc)])
            }),
        ])
        fields["signer"] = DocxValues.signer(data.signer)
        fields["recipients"] = DocxValues.recipients(data.recipients)
        return .object(fields)
    }
}
