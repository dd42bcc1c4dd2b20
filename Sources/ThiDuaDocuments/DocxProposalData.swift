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

extension ProposalData {
    /// The head unit's proposal after the 2023 conference (SCENARIO-2023.md, step 10: within 5 days, before
    /// 25/12/2023). Illustrative: the number 12-TTr/KTĐ, the date 22/12/2023, the totals, ranks and votes (as in
    /// `ScoreSummaryData.scenario2023` and `CountMinutesData.scenario2023`); the signer's name is invented.
    public static let scenario2023 = ProposalData(
        issuerParent: "TỈNH ỦY LÀO CAI",
        issuerName: "KHỐI THI ĐUA CÁC CƠ QUAN TỈNH ỦY",
        number: "12-TTr/KTĐ",
        place: "Lào Cai",
        date: LocalDate(year: 2023, month: 12, day: 22),
        summary: "Đề nghị tặng Cờ thi đua của Chủ tịch UBND tỉnh năm 2023",
        addressee: "Ban Thi đua - Khen thưởng tỉnh",
        paragraphs: [
            "Căn cứ Quyết định số 3666/QĐ-UBND, ngày 13/10/2021 của UBND tỉnh về ban hành Quy định về tổ chức, hoạt động "
                + "của các khối thi đua trên địa bàn tỉnh Lào Cai; Văn bản số 1355/SNV-TDKT, ngày 24/10/2023 của Sở Nội vụ "
                + "tỉnh về việc hướng dẫn tổng kết phong trào thi đua, công tác khen thưởng năm 2023;",
            "Thực hiện Kế hoạch số 05-KH/KTĐ, ngày 28/11/2023 của Khối Thi đua các cơ quan Tỉnh ủy về tổng kết phong trào "
                + "thi đua, công tác khen thưởng năm 2023, ngày 19/12/2023 Khối Thi đua các cơ quan Tỉnh ủy đã tổ chức Hội "
                + "nghị tổng kết, thống nhất kết quả chấm điểm thi đua và bình xét, suy tôn bằng phiếu kín các đơn vị dẫn "
                + "đầu phong trào thi đua năm 2023.",
            "Kết quả, 02 đơn vị được suy tôn đề nghị tặng Cờ thi đua của Chủ tịch UBND tỉnh: Ban Nội chính Tỉnh ủy và "
                + "Ban Tổ chức Tỉnh ủy (có danh sách, điểm và kết quả bỏ phiếu kèm theo).",
            "Ban Nội chính Tỉnh ủy (đơn vị Trưởng Khối Thi đua các cơ quan Tỉnh ủy năm 2023) kính trình Ban Thi đua - Khen "
                + "thưởng tỉnh xem xét, trình Chủ tịch UBND tỉnh tặng Cờ thi đua năm 2023 cho 02 đơn vị nêu trên./.",
        ],
        annexTitle: "DANH SÁCH ĐƠN VỊ ĐỀ NGHỊ TẶNG CỜ THI ĐUA CỦA CHỦ TỊCH UBND TỈNH NĂM 2023",
        annexNote: "(Kèm theo Tờ trình số 12-TTr/KTĐ, ngày 22/12/2023 của Khối Thi đua các cơ quan Tỉnh ủy)",
        nominees: [
            Nominee(unit: "Ban Nội chính Tỉnh ủy", total: Decimal(string: "106.5")!, rank: 1, votes: 8,
                    share: Decimal(string: "0.8889")!),
            Nominee(unit: "Ban Tổ chức Tỉnh ủy", total: Decimal(string: "104.5")!, rank: 2, votes: 6,
                    share: Decimal(string: "0.6667")!),
        ],
        // The plan's signer (an invented name, as in PlanData.scenario2023).
        signer: DocxSigner(prefix: "K/T TRƯỞNG BAN NỘI CHÍNH TỈNH ỦY,\nTRƯỞNG KHỐI THI ĐUA", position: "PHÓ TRƯỞNG BAN",
                           name: "Nguyễn Minh Khoa"),
        recipients: ["Như trên", "Các đơn vị được đề nghị", "Lãnh đạo Ban Nội chính Tỉnh ủy", "Lưu Ban Nội chính Tỉnh ủy"])
}
