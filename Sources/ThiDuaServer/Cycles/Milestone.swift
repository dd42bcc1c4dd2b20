import Fluent
import Foundation
import ThiDuaCore

/// A dated step of a cycle's plan. `dueAt` is always the resolved instant; the rule fields say how it was fixed.
final class Milestone: Model, @unchecked Sendable {
    static let schema = "milestones"

    /// Stored spelling of `DueRule`'s cases.
    enum Kind: String, Codable, Sendable { case instant, endOfDay, relative }

    @ID(key: .id) var id: UUID?
    @Parent(key: "cycle_id") var cycle: Cycle
    @Field(key: "code") var code: String
    @Field(key: "title") var title: String
    /// What the system does with it (the scoring deadline); nil for a milestone that is only shown.
    @OptionalField(key: "role") var role: MilestoneRole?
    @Field(key: "rule_kind") var ruleKind: Kind
    @OptionalField(key: "fixed_at") var fixedAt: Date?
    @OptionalField(key: "local_date") var localDate: String?
    @OptionalField(key: "relative_to_id") var relativeToID: UUID?
    @OptionalField(key: "offset_days") var offsetDays: Int?
    @OptionalField(key: "day_kind") var dayKind: DayKind?
    @Field(key: "due_at") var dueAt: Date

    init() {}

    init(id: UUID? = nil, cycleID: UUID, code: String, title: String) {
        self.id = id
        self.$cycle.id = cycleID
        self.code = code
        self.title = title
        self.ruleKind = .instant
        self.dueAt = Date(timeIntervalSince1970: 0)
    }
}
