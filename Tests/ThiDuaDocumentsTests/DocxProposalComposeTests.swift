import Foundation
import Testing
import ThiDuaCore
@testable import ThiDuaDocuments

/// The proposal letter is a function of its facts: two different years and blocs give letters that differ exactly
/// where the facts do, name exactly the nominated units, and carry one number and date in the header and the annex.
@Suite struct DocxProposalComposeTests {
    typealias P = DocxProbe

    static let signer = DocxSigner(prefix: "TRƯỞNG KHỐI", position: "TRƯỞNG BAN", name: "Người ký")

    static func facts(bloc: String, year: Int, number: String, date: LocalDate, nominees: [String]) -> ProposalFacts {
        ProposalFacts(issuerParent: "UBND HUYỆN", issuerName: bloc.uppercased(), blocName: bloc, place: "Thị trấn",
                      number: number, date: date, year: year, legalBases: ["Quyết định số 9/QĐ-UBND về thi đua"],
                      planNumber: "03-KH/KTĐ", planDate: LocalDate(year: year, month: 11, day: 3),
                      conferenceDate: LocalDate(year: year, month: 12, day: 18), headUnit: nominees[0] + " (Trưởng)",
                      nominees: nominees.enumerated().map { ProposalData.Nominee(unit: $1, total: 100, rank: $0 + 1, votes: 5, share: 0.5) },
                      signer: signer)
    }

    static func text(_ f: ProposalFacts) throws -> (paragraphs: [String], text: String) {
        let xml = try P.document(try DocxKinds.render(.proposal, .state, ProposalDocument.value(ProposalData.compose(f))))
        return (try P.paragraphs(xml), try P.text(xml))
    }

    @Test("two cycles: each letter names its own units, year, bloc, number and date, and none of the other's")
    func letterFollowsTheFacts() throws {
        let a = Self.facts(bloc: "Cụm thi đua số 3", year: 2024, number: "07-TTr/CTĐ", date: LocalDate(year: 2024, month: 12, day: 23),
                           nominees: ["Phòng Nội vụ huyện"])
        let b = Self.facts(bloc: "Khối các sở", year: 2025, number: "11-TTr/KTĐ", date: LocalDate(year: 2025, month: 12, day: 26),
                           nominees: ["Sở Tài chính", "Sở Xây dựng", "Sở Y tế"])
        let (pa, ta) = try Self.text(a)
        let (pb, tb) = try Self.text(b)
        #expect(pa.contains { $0.hasPrefix("Kết quả, 01 đơn vị được suy tôn") && $0.contains(": Phòng Nội vụ huyện (có danh sách") })
        #expect(pb.contains { $0.contains("03 đơn vị được suy tôn") && $0.contains(": Sở Tài chính, Sở Xây dựng và Sở Y tế (có danh sách") })
        for (mine, theirs) in [(ta, b), (tb, a)] {
            for fact in theirs.nominees.map(\.unit) + [theirs.blocName, String(theirs.year), theirs.number] {
                #expect(!mine.contains(fact), "a letter holds the other cycle's “\(fact)”")
            }
        }
        // One number and one date: the header's, repeated in the annex.
        #expect(pa.contains { $0.hasPrefix("Số") && $0.contains("07-TTr/CTĐ") } && pa.contains("(Kèm theo Tờ trình số 07-TTr/CTĐ, ngày 23/12/2024 của Cụm thi đua số 3)"))
        #expect(ta.contains("ngày 23 tháng 12 năm 2024"))
        #expect(pb.contains { $0.hasPrefix("Thực hiện Kế hoạch số 03-KH/KTĐ, ngày 03/11/2025 của Khối các sở") && $0.contains("ngày 18/12/2025 Khối các sở đã tổ chức") })
        #expect(pa.contains("Căn cứ Quyết định số 9/QĐ-UBND về thi đua;"))
    }

    @Test("the list of names reads as Vietnamese does: A; A và B; A, B và C")
    func namesInWords() {
        #expect(ProposalData.listInWords(["A"]) == "A")
        #expect(ProposalData.listInWords(["A", "B"]) == "A và B")
        #expect(ProposalData.listInWords(["A", "B", "C"]) == "A, B và C")
    }
}

/// The count minutes open with the round's own facts.
@Suite struct DocxCountMinutesComposeTests {
    @Test("the opening states the time, bloc, year, places and threshold it is given, in Vietnamese")
    func openingFollowsTheFacts() {
        let a = CountMinutesData.opening(hour: 9, minute: 5, date: LocalDate(year: 2024, month: 12, day: 18), year: 2024,
                                         blocName: "Cụm thi đua số 3", ballotTitle: "Bình xét, suy tôn", quota: 1,
                                         threshold: VoteThreshold(base: .allMembers, comparison: .moreThan, fraction: 0.5))
        #expect(a == "Hồi 9 giờ 05, ngày 18/12/2024, tại Hội nghị tổng kết phong trào thi đua, công tác khen thưởng năm 2024 "
            + "của Cụm thi đua số 3, Ban Kiểm phiếu đã tiến hành kiểm phiếu bình xét, suy tôn. Số đơn vị được suy tôn tối đa: 01; "
            + "đơn vị được suy tôn phải đạt trên 50% số phiếu so với tổng số thành viên của Khối.")
        let b = CountMinutesData.opening(hour: 14, minute: 30, date: LocalDate(year: 2025, month: 1, day: 6), year: 2025,
                                         blocName: "Khối các sở", ballotTitle: "Bầu Trưởng Khối", quota: 0,
                                         threshold: VoteThreshold(base: .validBallots, comparison: .atLeast, fraction: 2.0 / 3))
        #expect(b.hasPrefix("Hồi 14 giờ 30, ngày 06/01/2025") && b.contains("năm 2025 của Khối các sở") && b.contains("bầu Trưởng Khối."))
        #expect(b.hasSuffix("phải đạt từ 66,67% trở lên số phiếu so với tổng số phiếu hợp lệ.") && !b.contains("tối đa"))
    }
}

/// The invitation follows its facts, and holds nothing of another year's.
@Suite struct DocxInvitationComposeTests {
    static func facts(bloc: String, year: Int, venue: String, head: String, contact: InvitationFacts.Contact,
                      invitees: [String]) -> InvitationFacts {
        InvitationFacts(issuerParent: "UBND HUYỆN", issuerName: bloc.uppercased(), blocName: bloc, place: "Thị trấn", number: "02-GM/CTĐ",
                        date: LocalDate(year: year, month: 12, day: 2), year: year, time: "14 giờ 00, thứ Sáu, ngày 13 tháng 12 năm \(year)",
                        venue: venue, online: false, invitees: invitees, agenda: ["Phần I — 1. Tổng kết năm \(year)"], headUnit: head,
                        signer: DocxDocumentsTestSigner.value, contact: contact)
    }

    @Test("two conferences: each invitation names its own bloc, year, venue, guests and contact")
    func invitationFollowsTheFacts() throws {
        let a = Self.facts(bloc: "Cụm thi đua số 3", year: 2024, venue: "Hội trường UBND huyện", head: "Phòng Nội vụ huyện",
                           contact: .init(person: "Hà Thị Mai, chuyên viên Phòng Nội vụ", phone: "0214 3822 456", email: "noivu@huyen.gov.vn"),
                           invitees: ["Khách mời: Lãnh đạo UBND huyện"])
        let b = Self.facts(bloc: "Khối các sở", year: 2025, venue: "Phòng họp số 2", head: "Sở Tài chính", contact: .init(), invitees: [])
        let ta = try DocxProbe.text(try DocxProbe.document(try DocxKinds.render(.invitation, .state, InvitationDocument.value(InvitationData.compose(a)))))
        let tb = try DocxProbe.text(try DocxProbe.document(try DocxKinds.render(.invitation, .state, InvitationDocument.value(InvitationData.compose(b)))))
        #expect(ta.contains("năm 2024 của Cụm thi đua số 3") && ta.contains("Hội trường UBND huyện") && ta.contains("Khách mời: Lãnh đạo UBND huyện"))
        #expect(ta.contains("Liên hệ: đồng chí Hà Thị Mai, chuyên viên Phòng Nội vụ, điện thoại: 0214 3822 456, thư điện tử: noivu@huyen.gov.vn."))
        #expect(tb.contains("năm 2025 của Khối các sở") && tb.contains("Liên hệ: Sở Tài chính.") && !tb.contains("thư điện tử") && !tb.contains("điện thoại"))
        for fact in ["Cụm thi đua số 3", "2024", "Hội trường UBND huyện", "Phòng Nội vụ huyện", "Hà Thị Mai", "0214", "example.org", "Lào Cai"] {
            #expect(!tb.contains(fact), "the second invitation holds “\(fact)”")
        }
    }

    @Test("the contact line states only the parts recorded, the head unit standing in for a person")
    func contactLineParts() {
        let line = { (c: InvitationFacts.Contact) in
            InvitationData.compose(Self.facts(bloc: "Khối", year: 2025, venue: "Phòng họp", head: "Sở Nội vụ", contact: c, invitees: [])).contact
        }
        #expect(line(.init(phone: "0214 3822 456")) == "Liên hệ: Sở Nội vụ, điện thoại: 0214 3822 456.")
        #expect(line(.init(person: "Lò Văn Páo", email: "pao@tinh.gov.vn")) == "Liên hệ: đồng chí Lò Văn Páo, thư điện tử: pao@tinh.gov.vn.")
    }
}

enum DocxDocumentsTestSigner {
    static let value = DocxSigner(prefix: "TRƯỞNG KHỐI", position: "TRƯỞNG BAN", name: "Người ký")
}

/// The score summary's headings and notes come from the cycle's own scoring table.
@Suite struct DocxScoreSummaryComposeTests {
    @Test("two tables: each summary heads its columns with its own sections and maxima, and names its own bloc and year")
    func summaryFollowsTheTable() {
        let row = ScoreSummaryData.Row(rank: 1, unit: "Phòng Nội vụ", sections: [40, 50], base: 90, bonus: 2, penalty: 0, total: 92,
                                       classification: "Tốt")
        let a = ScoreSummaryData.compose(issuerParent: "UBND HUYỆN", issuerName: "CỤM SỐ 3", blocName: "Cụm thi đua số 3", place: "Thị trấn",
                                         number: "04-BTH/CTĐ", date: LocalDate(year: 2024, month: 12, day: 20), year: 2024,
                                         sections: [.init(code: "A", title: "Nhiệm vụ chuyên môn", max: 40), .init(code: "B", title: "Phong trào", max: Decimal(string: "60.5"))],
                                         bonusCap: 5, illustrative: false, rows: [row], signer: DocxDocumentsTestSigner.value)
        #expect(a.title == "BẢNG TỔNG HỢP ĐIỂM THI ĐUA NĂM 2024" && a.summary == "của các cơ quan, đơn vị thành viên Cụm thi đua số 3")
        #expect(a.sectionHeaders == ["A\n(40)", "B\n(60,5)"])
        #expect(a.notes == ["Phần A: Nhiệm vụ chuyên môn; B: Phong trào (trong ngoặc: điểm tối đa). Điểm thưởng tối đa 5 điểm."])
        let b = ScoreSummaryData.compose(issuerParent: "P", issuerName: "N", blocName: "Khối các sở", place: "X", number: "1", date: a.date,
                                         year: 2025, sections: [.init(code: "I", title: "Tham mưu", max: 100)], bonusCap: 10,
                                         illustrative: true, rows: [row], signer: DocxDocumentsTestSigner.value)
        #expect(b.notes == ["Phần I: Tham mưu (trong ngoặc: điểm tối đa). Điểm thưởng tối đa 10 điểm. Bảng điểm minh họa."])
        #expect(!b.summary.contains("Cụm") && b.title.hasSuffix("2025"))
    }
}
