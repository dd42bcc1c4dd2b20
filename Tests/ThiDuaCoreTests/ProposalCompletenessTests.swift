import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct ProposalCompletenessTests {
    let due = instant("2024-01-10T23:59:59+07:00")

    func nominee(_ label: String, flag: Bool = false, report: Bool = true, owed: Int = 0, received: Int = 0) -> ProposalCompleteness.Nominee {
        .init(label: label, isFlag: flag, hasReport: report, originalsOwed: owed, originalsReceived: received)
    }

    @Test func aCompleteDossierOnTimeHasNoIssue() {
        let issues = ProposalCompleteness.issues(hasLetter: true, nominees: [nominee("Văn phòng Tỉnh ủy", flag: true, owed: 2, received: 2)],
                                                 sentAt: instant("2024-01-09T10:00:00+07:00"), due: due, flagQuota: 1, warnings: [])
        #expect(issues.isEmpty)
    }

    @Test func eachMissingPieceIsNamedInTheOrderTheBoardChecks() {
        let issues = ProposalCompleteness.issues(
            hasLetter: false,
            nominees: [nominee("Báo Lào Cai", flag: true, report: false, owed: 2, received: 1), nominee("Ban Nội chính", flag: true)],
            sentAt: instant("2024-01-11T08:00:00+07:00"), due: due, flagQuota: 1, warnings: ["Đã nhận Cờ năm 2022."])
        #expect(issues.map(\.text) == [
            "Chưa có tờ trình đề nghị.",
            "Chưa có báo cáo thành tích của “Báo Lào Cai”.",
            "“Báo Lào Cai”: mới nhận 1/2 bản chính hồ sơ giấy.",
            "Gửi ngày 11/01/2024, sau hạn 10/01/2024.",
            "Đề nghị 2 đơn vị tặng Cờ thi đua, vượt chỉ tiêu 1 của khối.",
            "Đã nhận Cờ năm 2022.",
        ])
    }

    @Test func theTransitionsLetTheBoardReviewOnlyWhatWasSent() {
        #expect(ProposalStatus.sent.awaitsReview && !ProposalStatus.returned.awaitsReview && !ProposalStatus.accepted.awaitsReview)
        #expect(ProposalStatus.returned.isEditable && ProposalStatus.returned.canSend)
        #expect(!ProposalStatus.accepted.isEditable && ProposalStatus.accepted.canDecide && !ProposalStatus.returned.canDecide)
    }
}
