import Foundation
import ThiDuaCore

/// The proposal letter (tờ trình) asking for the provincial Emulation Flag for the units the bloc nominated,
/// with an annex (phụ lục) listing them: agreed total, rank, votes and vote share.
public struct ProposalData: Sendable, Equatable, Codable {
    /// A nominated unit, one row of the annex.
    public struct Nominee: Sendable, Equatable, Codable {
        public var unit: String
        /// The total the conference agreed, its rank in the bloc, and the nomination ballot's votes and share (0…1).
        public var total: Decimal, rank: Int, votes: Int, share: Decimal
        public init(unit: String, total: Decimal, rank: Int, votes: Int, share: Decimal) {
            self.unit = unit
            self.total = total
            self.rank = rank
            self.votes = votes
            self.share = share
        }
    }

    public var issuerParent: String, issuerName: String
    /// Without "Số" ("12-TTr/KTĐ").
    public var number: String
    public var place: String, date: LocalDate
    /// The trích yếu under "TỜ TRÌNH" ("Đề nghị tặng Cờ thi đua của Chủ tịch UBND tỉnh năm 2023").
    public var summary: String
    /// The body addressed, printed after "Kính gửi: " ("Ban Thi đua - Khen thưởng tỉnh").
    public var addressee: String
    /// The letter's paragraphs, as they should print (the last one ends "./.").
    public var paragraphs: [String]
    /// The annex's heading ("DANH SÁCH ĐƠN VỊ ĐỀ NGHỊ TẶNG …") and the line under it ("Kèm theo Tờ trình số …").
    public var annexTitle: String, annexNote: String
    public var nominees: [Nominee]
    public var signer: DocxSigner
    public var recipients: [String]

    public init(issuerParent: String, issuerName: String, number: String, place: String, date: LocalDate,
                summary: String, addressee: String, paragraphs: [String], annexTitle: String, annexNote: String,
                nominees: [Nominee], signer: DocxSigner, recipients: [String]) {
        self.issuerParent = issuerParent
        self.issuerName = issuerName
        self.number = number
        self.place = place
        self.date = date
        self.summary = summary
        self.addressee = addressee
        self.paragraphs = paragraphs
        self.annexTitle = annexTitle
        self.annexNote = annexNote
        self.nominees = nominees
        self.signer = signer
        self.recipients = recipients
    }
}

/// Turns `ProposalData` into the value the proposal template is filled with (`BuiltInTemplate.proposal`).
public enum ProposalDocument {
    public static func value(_ data: ProposalData) -> DocxValue {
        var fields = DocxValues.header(issuerParent: data.issuerParent, issuerName: data.issuerName, number: data.number,
                                       place: data.place, date: data.date)
        fields["summary"] = .text(data.summary)
        fields["addressee"] = .text(data.addressee)
        fields["paragraphs"] = DocxValues.texts(data.paragraphs)
        fields["annex"] = .object([
            "title": .text(data.annexTitle), "note": .text(data.annexNote),
            "nominees": .list(data.nominees.enumerated().map { index, nominee in
                .object(["number": .text("\(index + 1)"), "unit": .text(nominee.unit),
                         "total": .text(DocxFormat.points(nominee.total)), "rank": .text("\(nominee.rank)"),
                         "votes": .text("\(nominee.votes)"), "share": .text(DocxFormat.percent(nominee.share))])
            }),
        ])
        fields["signer"] = DocxValues.signer(data.signer)
        fields["recipients"] = DocxValues.recipients(data.recipients)
        return .object(fields)
    }
}
