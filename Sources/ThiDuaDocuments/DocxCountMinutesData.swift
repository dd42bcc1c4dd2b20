import Foundation
import ThiDuaCore

/// The count minutes (biên bản kiểm phiếu) of one ballot round: the counting committee, turnout, ballots
/// issued, cast, valid and invalid, the candidates' votes and shares, the outcome, any tie, the receipts
/// counted and the committee's signatures (DOCUMENT-STYLES.md, "Count minutes").
public struct CountMinutesData: Sendable, Equatable, Codable {
    /// A member of the counting committee.
    public struct Member: Sendable, Equatable, Codable {
        public var name: String, unit: String
        public init(name: String, unit: String) {
            self.name = name
            self.unit = unit
        }
    }

    public var issuerParent: String, issuerName: String
    /// Without "Số"; empty leaves the number line out (count minutes are often unnumbered).
    public var number: String
    public var place: String, date: LocalDate
    /// The subject under "BIÊN BẢN KIỂM PHIẾU" ("Bình xét, suy tôn đơn vị đề nghị tặng Cờ thi đua …").
    public var ballotTitle: String
    /// "Vòng 1"; printed after the subject.
    public var round: String
    /// The opening statement: the meeting, the rules applied, the number of places.
    public var opening: String
    public var head: Member
    public var members: [Member]
    /// Voters summoned (the member units entitled to vote) and present.
    public var eligibleVoters: Int, present: Int
    public var issued: Int, cast: Int, valid: Int, invalid: Int
    /// Why ballots were invalid; empty when none were or no reason is recorded.
    public var invalidReasons: String
    /// In ballot order or the count's order, as they should print.
    public var candidates: [CandidateVotes]
    /// The winners in words, in order of votes, up to the number of places.
    public var outcome: String
    /// A tie at the cut-off and what follows (a run-off); empty leaves it out.
    public var tieNote: String
    /// The receipt codes of the ballots counted, so that each voter can find theirs.
    public var receipts: [String]
    /// The audit log's entry for the close (number and hash), printed so that a later `audit-verify --expect-head`
    /// can tell whether the log was cut back; nil leaves the line out.
    public var auditAnchor: String?

    public init(issuerParent: String, issuerName: String, number: String, place: String, date: LocalDate,
                ballotTitle: String, round: String, opening: String, head: Member, members: [Member], eligibleVoters: Int,
                present: Int, issued: Int, cast: Int, valid: Int, invalid: Int, invalidReasons: String,
                candidates: [CandidateVotes], outcome: String, tieNote: String, receipts: [String]) {
        self.issuerParent = issuerParent
        self.issuerName = issuerName
        self.number = number
        self.place = place
        self.date = date
        self.ballotTitle = ballotTitle
        self.round = round
        self.opening = opening
        self.head = head
        self.members = members
        self.eligibleVoters = eligibleVoters
        self.present = present
        self.issued = issued
        self.cast = cast
        self.valid = valid
        self.invalid = invalid
        self.invalidReasons = invalidReasons
        self.candidates = candidates
        self.outcome = outcome
        self.tieNote = tieNote
        self.receipts = receipts
    }
}

/// Turns `CountMinutesData` into the value the count-minutes template is filled with (`BuiltInTemplate.countMinutes`).
public enum CountMinutesDocument {
    public static func value(_ data: CountMinutesData) -> DocxValue {
        var fields = DocxValues.header(issuerParent: data.issuerParent, issuerName: data.issuerName, number: data.number,
                                       place: data.place, date: data.date)
        fields["summary"] = .text(data.ballotTitle + (data.round.isEmpty ? "" : " (\(data.round))"))
        fields["opening"] = .text(data.opening)
        let committee = [(data.head, "Trưởng ban")] + data.members.map { ($0, "Thành viên") }
        fields["committee"] = .list(committee.enumerated().map { index, entry in
            .object(["number": .text("\(index + 1)"), "name": .text(entry.0.name), "unit": .text(entry.0.unit),
                     "role": .text(entry.1)])
        })
        fields["head"] = .object(["name": .text(data.head.name)])
        fields["members"] = .list(data.members.map { .object(["name": .text($0.name)]) })
        fields["voters"] = .object(["eligible": .text("\(data.eligibleVoters)"), "present": .text("\(data.present)"),
                                    "absent": .text("\(max(0, data.eligibleVoters - data.present))")])
        fields["ballots"] = .object(["issued": .text("\(data.issued)"), "cast": .text("\(data.cast)"),
                                     "valid": .text("\(data.valid)"), "invalid": .text("\(data.invalid)"),
                                     "invalidReasons": DocxValues.phrase(data.invalidReasons)])
        fields["candidates"] = DocxValues.candidates(data.candidates)
        fields["outcome"] = .text(data.outcome)
        fields["tieNote"] = .text(data.tieNote)
        fields["auditAnchor"] = .text(data.auditAnchor ?? "")
        // Three codes to a row of the template's table; the last row is padded with empty cells.
        fields["receipts"] = .list(stride(from: 0, to: data.receipts.count, by: 3).map { start in
            let code = { (offset: Int) in DocxValue.text(start + offset < data.receipts.count ? data.receipts[start + offset] : "") }
            return .object(["first": code(0), "second": code(1), "third": code(2)])
        })
        return .object(fields)
    }
}
