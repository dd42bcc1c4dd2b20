import Foundation
import Testing
@testable import ThiDuaCore

@Suite struct ScoringTableTests {
    let table = ScoringTable.illustrative2023

    @Test func illustrativeTableShape() throws {
        try table.validate()
        #expect(table.isIllustrative)
        #expect(table.basePoints == 100)
        #expect(table.bonusCap == 10)
        #expect(table.sections.map(\.code) == ["I", "II", "III", "IV", "V"])
        #expect(table.sections.allSatisfy { (2...4).contains($0.children.count) })
        #expect(table.sections.map(\.totalMaxPoints) == [30, 25, 15, 15, 15])
        #expect(table.sections.contains { $0.children.contains { !$0.isLeaf } }, "some criteria have sub-criteria")
        let steps = Set(table.leaves.compactMap(\.step))
        #expect(steps == [dec("0.25"), dec("0.5"), 1])
        #expect(table.leaves.allSatisfy { $0.maxPoints != nil && $0.step != nil })
        #expect(table.leaves.contains { $0.evidenceRequired })
        #expect(table.leaves.contains { !$0.evidenceRequired })
        #expect(table.leaves.contains { $0.guidance != nil })
        #expect((4...5).contains(table.penaltyItems.count))
        #expect(Set(table.penaltyItems.map(\.kind)).isSuperset(of: ["kyLuat", "viPham", "cham"]))
        #expect(table.sections[1].title == "Công tác xây dựng Đảng, xây dựng cơ quan")
        #expect(table.sections.map(\.title).contains { $0.contains("thi đua, khen thưởng") })
        #expect(table.sections.map(\.title).contains { $0.contains("Cải cách hành chính") })
        #expect(table.leaves.contains { $0.title.contains("Tham mưu") })
    }

    @Test func leavesAreDepthFirst() {
        #expect(table.leaves.map(\.code) == [
            "I.1.a", "I.1.b", "I.2", "I.3", "II.1.a", "II.1.b", "II.2", "II.3",
            "III.1", "III.2", "III.3", "IV.1", "IV.2.a", "IV.2.b", "IV.3", "V.1", "V.2", "V.3",
        ])
        #expect(table.sections[0].leaves.map(\.code) == ["I.1.a", "I.1.b", "I.2", "I.3"])
        #expect(table.leaves[0].leaves.map(\.code) == ["I.1.a"])
    }

    @Test func nodeLookup() {
        #expect(table.node(code: "IV.2.b")?.title == "Sử dụng chữ ký số; gửi, nhận văn bản điện tử")
        #expect(table.node(code: "II")?.children.count == 3)
        #expect(table.node(code: "I.1")?.isLeaf == false)
        #expect(table.node(code: "VI") == nil)
        #expect(table.node(code: "T.1") == nil, "penalty items are not nodes")
    }

    @Test func jsonRoundTripKeepsExactDecimals() throws {
        let data = try JSONEncoder().encode(table)
        let decoded = try JSONDecoder().decode(ScoringTable.self, from: data)
        #expect(decoded == table)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"step\":0.25"))
        #expect(!text.contains("isLeaf"))
    }

    @Test func jsonMayLeaveOutChildrenAndEvidence() throws {
        let json = #"{"code":"I.1","title":"Tiêu chí","maxPoints":0.1,"step":0.05}"#
        let node = try JSONDecoder().decode(ScoringNode.self, from: Data(json.utf8))
        #expect(node == ScoringNode(code: "I.1", title: "Tiêu chí", maxPoints: dec("0.1"), step: dec("0.05")))
        #expect(node.isLeaf && !node.evidenceRequired && node.guidance == nil)
    }

    @Test func jsonTableDefaults() throws {
        let json = #"{"sections":[{"code":"I","title":"Mục I","maxPoints":100}],"bonusCap":5}"#
        let decoded = try JSONDecoder().decode(ScoringTable.self, from: Data(json.utf8))
        #expect(decoded == ScoringTable(sections: [ScoringNode(code: "I", title: "Mục I", maxPoints: 100)], bonusCap: 5))
        #expect(decoded.penaltyItems.isEmpty && !decoded.isIllustrative)
        try decoded.validate()
    }

    /// A valid two-leaf table, changed by `edit`, must fail with (code, message).
    static func failure(_ edit: (inout ScoringTable) -> Void) -> ScoringTableError? {
        var table = ScoringTable(
            sections: [ScoringNode(code: "I", title: "Mục I", children: [
                ScoringNode(code: "I.1", title: "Tiêu chí 1", maxPoints: 5, step: dec("0.5")),
                ScoringNode(code: "I.2", title: "Tiêu chí 2", maxPoints: 5),
            ])],
            bonusCap: 10,
            penaltyItems: [PenaltyItem(code: "T.1", title: "Kỷ luật", points: 5, kind: "kyLuat")]
        )
        edit(&table)
        do {
            try table.validate()
            return nil
        } catch {
            return error
        }
    }

    @Test func validBaseTablePasses() {
        #expect(Self.failure { _ in } == nil)
    }

    @Test func validationErrors() {
        func expectFailure(_ code: String?, _ message: String, _ edit: (inout ScoringTable) -> Void,
                           sourceLocation: SourceLocation = #_sourceLocation) {
            #expect(Self.failure(edit) == ScoringTableError(code: code, message: message), sourceLocation: sourceLocation)
        }
        expectFailure(nil, "Bảng chấm điểm chưa có mục nào.") { $0.sections = [] }
        expectFailure(nil, "Mức tối đa của điểm thưởng không được là số âm.") { $0.bonusCap = -1 }
        expectFailure(nil, "Tiêu chí “Tiêu chí 2” chưa có mã.") { $0.sections[0].children[1].code = " " }
        expectFailure("I.1", "Mã tiêu chí “I.1” bị trùng.") { $0.sections[0].children[1].code = "I.1" }
        expectFailure("I", "Mã tiêu chí “I” bị trùng.") { $0.sections[0].children[0].code = "I" }
        expectFailure("I.2", "Tiêu chí I.2 chưa có tên.") { $0.sections[0].children[1].title = "" }
        expectFailure("I.2", "Tiêu chí I.2 phải có điểm tối đa lớn hơn 0.") { $0.sections[0].children[1].maxPoints = nil }
        expectFailure("I.2", "Tiêu chí I.2 phải có điểm tối đa lớn hơn 0.") { $0.sections[0].children[1].maxPoints = 0 }
        expectFailure("I.1", "Bước chấm điểm của tiêu chí I.1 phải lớn hơn 0.") { $0.sections[0].children[0].step = 0 }
        expectFailure("I.1", "Điểm tối đa 5 của tiêu chí I.1 không chia hết cho bước chấm điểm 0,3.") {
            $0.sections[0].children[0].step = dec("0.3")
        }
        expectFailure("I", "Tiêu chí I có tiêu chí con nên không được ghi điểm tối đa (điểm tối đa là tổng của các tiêu chí con).") {
            $0.sections[0].maxPoints = 10
        }
        expectFailure("I", "Tiêu chí I có tiêu chí con nên không được ghi bước chấm điểm.") { $0.sections[0].step = 1 }
        expectFailure("I.1", "Mã “I.1” của mục điểm trừ bị trùng.") { $0.penaltyItems[0].code = "I.1" }
        expectFailure(nil, "Mục điểm trừ “Kỷ luật” chưa có mã.") { $0.penaltyItems[0].code = "" }
        expectFailure("T.1", "Mục điểm trừ T.1 chưa có nội dung.") { $0.penaltyItems[0].title = " " }
        expectFailure("T.1", "Mục điểm trừ T.1 chưa có loại.") { $0.penaltyItems[0].kind = "" }
        expectFailure("T.1", "Số điểm trừ của mục T.1 phải lớn hơn 0.") { $0.penaltyItems[0].points = 0 }
        // A leaf section is allowed: it carries its own points.
        #expect(Self.failure { $0.sections.append(ScoringNode(code: "II", title: "Mục II", maxPoints: 3)) } == nil)
    }

    @Test func firstErrorInTableOrder() {
        let error = Self.failure {
            $0.sections[0].children[0].maxPoints = nil
            $0.sections[0].children[1].maxPoints = nil
        }
        #expect(error?.code == "I.1")
    }

    @Test func errorDescription() {
        #expect(ScoringTableError(code: "I.2", message: "Lỗi.").description == "I.2: Lỗi.")
        #expect(ScoringTableError(code: nil, message: "Lỗi.").description == "Lỗi.")
    }
}
