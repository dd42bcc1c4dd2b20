import Fluent
import Foundation

/// One bloc's emulation year (năm thi đua).
final class Cycle: Model, @unchecked Sendable {
    static let schema = "cycles"

    @ID(key: .id) var id: UUID?
    @Parent(key: "bloc_id") var bloc: Bloc
    @Field(key: "year") var year: Int
    @Parent(key: "head_unit_id") var headUnit: Unit
    @Parent(key: "deputy_unit_id") var deputyUnit: Unit
    @OptionalParent(key: "rule_set_id") var ruleSet: RuleSetRecord?

    init() {}

    init(id: UUID? = nil, blocID: UUID, year: Int, headUnitID: UUID, deputyUnitID: UUID, ruleSetID: UUID?) {
        self.id = id
        self.$bloc.id = blocID
        self.year = year
        self.$headUnit.id = headUnitID
        self.$deputyUnit.id = deputyUnitID
        self.$ruleSet.id = ruleSetID
    }
}

/// A unit's membership of a bloc for one cycle.
final class Membership: Model, @unchecked Sendable {
    static let schema = "memberships"

    @ID(key: .id) var id: UUID?
    @Parent(key: "cycle_id") var cycle: Cycle
    @Parent(key: "unit_id") var unit: Unit

    init() {}

    init(cycleID: UUID, unitID: UUID) {
        self.$cycle.id = cycleID
        self.$unit.id = unitID
    }
}

/// A stored rule set: the validated JSON document with its key and version.
final class RuleSetRecord: Model, @unchecked Sendable {
    static let schema = "rule_sets"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: String
    @Field(key: "version") var version: String
    @Field(key: "name") var name: String
    @Field(key: "is_example") var isExample: Bool
    @Field(key: "document") var document: String

    init() {}

    init(id: UUID? = nil, key: String, version: String, name: String, isExample: Bool, document: String) {
        self.id = id
        self.key = key
        self.version = version
        self.name = name
        self.isExample = isExample
        self.document = document
    }
}
