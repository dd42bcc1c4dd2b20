import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// Loads the 2023 reference scenario (SCENARIO-2023.md): the bloc of the Lào Cai Provincial Party
/// Committee's agencies, its illustrative members, the example rule set and the plan's milestones.
enum DemoSeeder {
    static let blocName = "Khối Thi đua các cơ quan Tỉnh ủy"
    static let password = "demo123"

    /// Illustrative members (the seed plan does not list them); (name, short name).
    static let units: [(String, String)] = [
        ("Văn phòng Tỉnh ủy", "VPTU"),
        ("Ban Tổ chức Tỉnh ủy", "BTC"),
        ("Ủy ban Kiểm tra Tỉnh ủy", "UBKT"),
        ("Ban Tuyên giáo Tỉnh ủy", "BTG"),
        ("Ban Dân vận Tỉnh ủy", "BDV"),
        ("Ban Nội chính Tỉnh ủy", "BNC"),
        ("Báo Lào Cai", "BLC"),
        ("Trường Chính trị tỉnh", "TCT"),
        ("Đảng ủy Khối các cơ quan tỉnh", "DUK"),
    ]

    /// (username, display name, role, unit short name)
    static let accounts: [(String, String, Role, String?)] = [
        ("admin", "Quản trị hệ thống", .admin, nil),
        ("bantdkt", "Nguyễn Thị Hòa (Ban Thi đua – Khen thưởng tỉnh)", .reviewer, nil),
        ("noichinh", "Trần Văn Minh (Ban Nội chính – Trưởng Khối)", .officer, "BNC"),
        ("baolaocai", "Lê Thu Hương (Báo Lào Cai – Phó Trưởng Khối)", .officer, "BLC"),
        ("vanphong", "Phạm Quốc Bảo (Văn phòng Tỉnh ủy)", .officer, "VPTU"),
    ] + DemoCouncil.members.map { name, position, _, username in (username, "\(name) (\(position))", .council, nil) }

    static func seedIfNeeded(_ app: Application) async throws {
        if try await Bloc.query(on: app.db).filter(\.$name == blocName).first() != nil { return }
        let path = app.settings.resourcesDirectory + "Resources/RuleSets/example-lao-cai-2023.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Abort(.internalServerError, reason: "Không tìm thấy bộ quy tắc ví dụ tại \(path)")
        }
        let ruleSet = try RuleSet.decode(data)
        let seedPlan = try plan(resources: app.settings.resourcesDirectory)
        let hash = try Bcrypt.hash(password, cost: app.settings.bcryptCost)
        let now = app.clock.now()
        try await app.db.transaction { db in
            func audit(_ entity: String, _ id: UUID?, _ after: some Encodable) async throws {
                try await AuditLog.append(AuditRecord(actor: "demo", action: "create", entity: entity,
                                                      entityID: id?.uuidString ?? "", before: String?.none, after: after),
                                          at: now, on: db)
            }
            var unitIDs: [String: UUID] = [:]
            for (name, short) in units {
                let unit = Unit(name: name, shortName: short, contactEmail: "\(short.lowercased())@example.org")
                if let existing = try await Unit.query(on: db).filter(\.$shortName == short).first() {
                    unitIDs[short] = existing.id
                    continue
                }
                try await unit.create(on: db)
                unitIDs[short] = unit.id
                try await audit("unit", unit.id, try UnitDTO(unit))
            }
            let record = RuleSetRecord(key: ruleSet.key, version: ruleSet.version, name: ruleSet.name,
                                       isExample: ruleSet.isExample, document: String(decoding: ruleSet.encodedJSON(), as: UTF8.self))
            try await record.create(on: db)
            try await audit("ruleSet", record.id, record.document)
            let bloc = Bloc(name: blocName, issuer: "Tỉnh ủy Lào Cai", houseStyle: .party, place: "Lào Cai", symbol: "KTĐ")
            // An invented contact, as SCENARIO-2023.md asks: the seed's real person and numbers are not copied.
            bloc.contactName = "Lê Thị Mai, chuyên viên Phòng Nghiệp vụ 3 Ban Nội chính Tỉnh ủy"
            bloc.contactPhone = "0214 3800 000"
            bloc.contactEmail = "thiduakhoi@example.org"
            try await bloc.create(on: db)
            try await audit("bloc", bloc.id, try BlocDTO(bloc))
            let cycle = Cycle(blocID: try bloc.requireID(), year: 2023, headUnitID: unitIDs["BNC"]!,
                              deputyUnitID: unitIDs["BLC"]!, ruleSetID: record.id)
            try await cycle.create(on: db)
            for (_, short) in units { try await Membership(cycleID: cycle.requireID(), unitID: unitIDs[short]!).create(on: db) }
            try await audit("cycle", cycle.id, ["year": "2023", "bloc": blocName])
            try await seedMilestones(ruleSet, cycleID: cycle.requireID(), on: db, audit: audit)
            try await DemoRequirements.seed(cycleID: cycle.requireID(), on: db, audit: audit)
            try await DemoConference.seed(cycleID: cycle.requireID(), on: db, audit: audit)
            // The illustrative scoring table (labelled as such), version 1 of the cycle's table.
            let table = ScoringTableRecord()
            table.cycleID = try cycle.requireID()
            table.version = 1
            table.document = try ScoringTableService.encode(.illustrative2023)
            try await table.create(on: db)
            try await audit("scoringTable", table.id, ["version": "1", "illustrative": "true"])
            // The seed plan itself, as the secretariat would have typed it, so the generated plan matches it in content.
            let plan = PlanRecord()
            plan.cycleID = try cycle.requireID()
            plan.document = AuditLog.json(seedPlan)
            try await plan.create(on: db)
            for (username, name, role, unit) in accounts
            where try await User.query(on: db).filter(\.$username == username).first() == nil {
                let user = User(username: username, passwordHash: hash, displayName: name, role: role,
                                unitID: unit.flatMap { unitIDs[$0] })
                // The board's staff work for this province: its views show the blocs placed in Lào Cai.
                if role == .reviewer { user.province = DemoCouncil.province }
                try await user.create(on: db)
                try await audit("user", user.id, try UserDTO(user))
            }
            try await DemoCouncil.seed(on: db, now: now, audit: audit)
        }
        try await DemoBlocs.seed(app, ruleSet: ruleSet, passwordHash: hash)
        app.logger.info("demo scenario loaded", metadata: ["bloc": .string(blocName)])
    }

    /// The 2023 plan (Số 05-KH/KTĐ) restored from the seed, kept as data beside the rule set: the signer's name and the
    /// contact address are invented, as SCENARIO-2023.md asks.
    static func plan(resources: String) throws -> PlanData {
        let path = resources + "Resources/Demo/plan-2023.json"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Abort(.internalServerError, reason: "Không tìm thấy kế hoạch mẫu tại \(path)")
        }
        return try JSONDecoder().decode(PlanData.self, from: data)
    }

    /// The rule set's default deadlines become the cycle's milestones, resolved by ThiDuaCore.
    static func seedMilestones(
        _ ruleSet: RuleSet, cycleID: UUID, on db: Database,
        newID: () -> UUID = UUID.init, audit: (String, UUID?, MilestoneDTO) async throws -> Void
    ) async throws {
        let calendar = ruleSet.calendar
        let resolved = try calendar.resolve(ruleSet.defaultDeadlines.map { $0.milestoneRule(in: calendar) })
        var ids: [String: UUID] = [:]
        for deadline in ruleSet.defaultDeadlines { ids[deadline.code] = newID() }
        for deadline in ruleSet.defaultDeadlines {
            let m = Milestone(id: ids[deadline.code], cycleID: cycleID, code: deadline.code, title: deadline.title)
            m.role = deadline.role
            switch deadline.due {
            case let .endOfLocalDay(date):
                MilestoneService.setEndOfDay(m, date)
            case let .localTime(date, hour, minute):
                m.ruleKind = .instant
                m.fixedAt = calendar.instant(date, hour: hour, minute: minute)
            case .relative:
                m.ruleKind = .endOfDay  // made relative below, once its base exists
            }
            m.dueAt = resolved[deadline.code]!
            try await m.create(on: db)
        }
        for deadline in ruleSet.defaultDeadlines {
            guard case let .relative(base, offset, kind) = deadline.due,
                  let m = try await Milestone.find(ids[deadline.code], on: db) else { continue }
            m.ruleKind = .relative
            m.relativeToID = ids[base]
            m.offsetDays = offset
            m.dayKind = kind
            try await m.save(on: db)
        }
        for deadline in ruleSet.defaultDeadlines {
            if let m = try await Milestone.find(ids[deadline.code], on: db) {
                try await audit("milestone", m.id, try MilestoneDTO(m, status: nil))
            }
        }
    }

    static func printAccounts() {
        var lines = ["", "ThiĐua — chế độ trình diễn (demo). Tài khoản mẫu, mật khẩu chung: \(password)"]
        for (username, name, role, _) in accounts {
            lines.append("  \(username.padding(toLength: 10, withPad: " ", startingAt: 0)) \(role.rawValue.padding(toLength: 9, withPad: " ", startingAt: 0)) \(name)")
        }
        lines.append("")
        print(lines.joined(separator: "\n"))
        // Flushed now: with stdout redirected to a log file it would otherwise wait in the buffer.
        fflush(nil)
    }
}
