import Foundation
import ThiDuaCore
import Vapor

/// A cycle with its members, head, deputy and rule set.
struct CycleDTO: Content {
    var id: UUID
    var blocID: UUID
    var year: Int
    var headUnit: UnitDTO
    var deputyUnit: UnitDTO
    var members: [UnitDTO]
    var ruleSet: RuleSetSummary?
}

struct CreateCycleInput: Content {
    var year: Int
    var headUnitID: UUID
    var deputyUnitID: UUID
    /// Members beyond the head and deputy units; left out, none (a web form sends no field when no box is ticked).
    var memberUnitIDs: [UUID]
    var ruleSetID: UUID?

    init(year: Int, headUnitID: UUID, deputyUnitID: UUID, memberUnitIDs: [UUID], ruleSetID: UUID?) {
        (self.year, self.headUnitID, self.deputyUnitID, self.memberUnitIDs, self.ruleSetID) = (year, headUnitID, deputyUnitID, memberUnitIDs, ruleSetID)
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        year = try c.decode(Int.self, forKey: .year)
        headUnitID = try c.decode(UUID.self, forKey: .headUnitID)
        deputyUnitID = try c.decode(UUID.self, forKey: .deputyUnitID)
        memberUnitIDs = try c.decodeIfPresent([UUID].self, forKey: .memberUnitIDs) ?? []
        ruleSetID = try c.decodeIfPresent(UUID.self, forKey: .ruleSetID)
    }
}

/// A rule set's identity, without its whole document.
struct RuleSetSummary: Content {
    var id: UUID
    var key: String
    var version: String
    var name: String
    var isExample: Bool

    init(_ record: RuleSetRecord) throws {
        id = try record.requireID()
        key = record.key
        version = record.version
        name = record.name
        isExample = record.isExample
    }
}

/// A milestone; `dueAt` is always the resolved instant.
struct MilestoneDTO: Content {
    var id: UUID
    var cycleID: UUID
    var code: String
    var title: String
    var kind: Milestone.Kind
    var dueAt: String
    var dueAtText: String
    var status: MilestoneStatus
    var relativeTo: UUID?
    var offsetDays: Int?
    var dayKind: DayKind?
    var role: MilestoneRole?

    init(_ m: Milestone, status: MilestoneStatus?) throws {
        id = try m.requireID()
        cycleID = m.$cycle.id
        code = m.code
        title = m.title
        role = m.role
        kind = m.ruleKind
        dueAt = LocalTime.rfc3339(m.dueAt)
        dueAtText = VietnameseDate.long(m.dueAt)
        self.status = status ?? .upcoming
        relativeTo = m.relativeToID
        offsetDays = m.offsetDays
        dayKind = m.dayKind
    }
}

/// Create or change a milestone: either `dueAt` (RFC 3339, or a bare date meaning the end of that local day)
/// or `relativeTo` (a milestone ID or code of the same cycle) with `offsetDays` and `dayKind`.
struct MilestoneInput: Content {
    var code: String?
    var title: String?
    var dueAt: String?
    var relativeTo: String?
    var offsetDays: Int?
    var dayKind: String?
    /// What the system does with it; given, it is set (one scoring deadline per cycle, else `409`).
    var role: MilestoneRole?
}
