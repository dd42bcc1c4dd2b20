import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct ScoringCheckTests {
    static let leaf = ScoringNode(code: "I.2.a", title: "Tham mưu văn bản", maxPoints: 5, step: dec("0.25"))

    @Test(arguments: ["0", "5", "0.25", "4.75", "3", "5.00"])
    func acceptedScores(points: String) {
        #expect(ScoreCheck.check(dec(points), for: Self.leaf) == nil)
    }

    @Test(arguments: [
        ("-0.25", "Điểm của tiêu chí I.2.a không được là số âm (đã nhập -0,25)."),
        ("5.25", "Điểm của tiêu chí I.2.a là 5,25, vượt quá điểm tối đa 5."),
        ("6", "Điểm của tiêu chí I.2.a là 6, vượt quá điểm tối đa 5."),
        ("1.3", "Điểm của tiêu chí I.2.a là 1,3, không phải bội số của bước chấm điểm 0,25."),
        ("4.999", "Điểm của tiêu chí I.2.a là 4,999, không phải bội số của bước chấm điểm 0,25."),
    ])
    func rejectedScores(points: String, message: String) {
        #expect(ScoreCheck.check(dec(points), for: Self.leaf) == message)
    }

    @Test func withoutStepAnyValueUpToTheMaximum() {
        let free = ScoringNode(code: "B.1", title: "Tự do", maxPoints: 20)
        #expect(ScoreCheck.check(dec("13.37"), for: free) == nil)
        #expect(ScoreCheck.check(dec("20.01"), for: free) == "Điểm của tiêu chí B.1 là 20,01, vượt quá điểm tối đa 20.")
    }

    @Test func aNodeWithChildrenIsNotScored() {
        let group = ScoringTable.illustrative2023.node(code: "I.1")!
        #expect(ScoreCheck.check(1, for: group) == "Tiêu chí I.1 có tiêu chí con; chỉ chấm điểm ở các tiêu chí con.")
    }

    @Test func nanIsRejected() {
        #expect(ScoreCheck.check(Decimal.nan, for: Self.leaf) == "Điểm của tiêu chí I.2.a không phải là một số.")
    }

    /// Every leaf of the illustrative table takes 0, its maximum and one step below it, and refuses one step above.
    @Test func illustrativeLeavesAtTheirLimits() throws {
        for leaf in ScoringTable.illustrative2023.leaves {
            let maximum = try #require(leaf.maxPoints), step = try #require(leaf.step)
            #expect(ScoreCheck.check(0, for: leaf) == nil)
            #expect(ScoreCheck.check(maximum, for: leaf) == nil)
            #expect(ScoreCheck.check(maximum - step, for: leaf) == nil)
            #expect(ScoreCheck.check(maximum + step, for: leaf)?.contains("vượt quá điểm tối đa") == true)
            #expect(ScoreCheck.check(step / 2, for: leaf)?.contains("bước chấm điểm") == true)
        }
    }
}
