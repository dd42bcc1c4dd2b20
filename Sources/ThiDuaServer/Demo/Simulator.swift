import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// `thidua simulate`: fills a database with a province (or a nation) of blocs, each through a whole year, to measure
/// the pages at the scale they must serve. Everything is drawn from one seeded generator, so a seed gives the same
/// database on every machine. Names are numbered, not invented: nothing here reads as a real agency.
enum Simulator {
    struct Size: Sendable {
        var provinces = 1
        var blocs = 40
        var units = 15
        var seed: UInt64 = 1
    }


    struct Summary: Sendable {
        var blocs = 0
        var units = 0
        var submissions = 0
        var papers = 0
    }

    /// Refuses a database that already holds blocs: a simulation mixed into real data could not be told apart from it.
    static func run(_ app: Application, size: Size, password: String, progress: (String) -> Void) async throws -> Summary {
        guard try await Bloc.query(on: app.db).count() == 0 else { throw SimulationError.notEmpty }
        guard (1...100).contains(size.provinces), (1...200).contains(size.blocs), (4...20).contains(size.units) else {
            throw SimulationError.badSize
        }
        let ruleSet = try RuleSet.decode(try exampleRuleSet(app))
        let hash = try Bcrypt.hash(password, cost: app.settings.bcryptCost)
        var rng = SplitMix64(seed: size.seed)
        let record = RuleSetRecord(id: rng.uuid(), key: ruleSet.key, version: ruleSet.version, name: ruleSet.name,
                                   isExample: ruleSet.isExample, document: String(decoding: ruleSet.encodedJSON(), as: UTF8.self))
        try await record.create(on: app.db)
        let table = ScoringTable.illustrative2023
        let tableDocument = try ScoringTableService.encode(table)
        let texts = SimulatedBloc.Texts(ballotTitle: app.localizer.text(BallotKind.flag.labelKey),
                                        proposalTitle: app.localizer.text("proposal_flag_title"))
        var summary = Summary()
        let started = ContinuousClock.now
        for p in 1...size.provinces {
            let reviewer = User(id: rng.uuid(), username: String(format: "bantdkt-%02d", p), passwordHash: hash,
                                displayName: String(format: "Ban Thi đua – Khen thưởng, tỉnh số %02d", p), role: .reviewer, unitID: nil)
            // Each province's board sees its own blocs (their place is the same "Tỉnh số NN").
            reviewer.province = String(format: "Tỉnh số %02d", p)
            try await reviewer.create(on: app.db)
            for b in 1...size.blocs {
                let bloc = SimulatedBloc(province: p, number: b, provinces: size.provinces, units: size.units)
                // One bloc per transaction: a failure loses one bloc, and each commit stays small on either engine.
                // Each bloc draws from its own generator, so one bloc's data does not depend on how many came before.
                let seed = size.seed &* 0x100_0000_01B3 &+ UInt64(p) << 16 &+ UInt64(b)
                let ruleSetID = try record.requireID()
                let store = app.fileStore
                let counts = try await app.db.transaction { db in
                    var blocRNG = SplitMix64(seed: seed)
                    return try await bloc.write(texts: texts, ruleSet: ruleSet, ruleSetID: ruleSetID, table: table, tableDocument: tableDocument,
                                                passwordHash: hash, store: store, rng: &blocRNG, on: db)
                }
                summary.blocs += 1
                summary.units += size.units
                summary.submissions += counts.submissions
                summary.papers += counts.papers
            }
            progress(String(format: "tỉnh %02d/%02d: %d khối, %d đơn vị, %@", p, size.provinces, summary.blocs, summary.units,
                            seconds(ContinuousClock.now - started)))
        }
        try await AuditLog.append(AuditRecord(actor: "simulate", action: "create", entity: "simulation", entityID: "",
                                              before: String?.none,
                                              after: ["seed": "\(size.seed)", "provinces": "\(size.provinces)",
                                                      "blocs": "\(size.blocs)", "units": "\(size.units)"]),
                                  at: app.clock.now(), on: app.db)
        return summary
    }

    /// "12,3 giây", as the console speaks to Vietnamese operators.
    static func seconds(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return String(format: "%.1f giây", s).replacingOccurrences(of: ".", with: ",")
    }

    static func exampleRuleSet(_ app: Application) throws -> Data {
        let path = app.settings.resourcesDirectory + "Resources/RuleSets/example-lao-cai-2023.json"
        guard let data = FileManager.default.contents(atPath: path) else { throw SimulationError.noRuleSet(path) }
        return data
    }
}

enum SimulationError: Error, CustomStringConvertible {
    case notEmpty
    case badSize
    case noRuleSet(String)
    case noDeadlines

    var description: String {
        switch self {
        case .notEmpty: "Cơ sở dữ liệu đã có khối thi đua: chỉ mô phỏng vào một cơ sở dữ liệu trống."
        case .badSize: "Quy mô không hợp lệ: 1–100 tỉnh, 1–200 khối mỗi tỉnh, 4–20 đơn vị mỗi khối."
        case let .noRuleSet(path): "Không tìm thấy bộ quy tắc ví dụ tại \(path)"
        case .noDeadlines: "Bộ quy tắc ví dụ không có thời hạn nào để dựng năm thi đua."
        }
    }
}

extension Array where Element: FluentKit.Model {
    /// Inserts in statements of at most `size` rows: SQLite caps the parameters of one statement.
    func createChunked(on db: Database, size: Int = 100) async throws {
        var start = startIndex
        while start < endIndex {
            let end = Swift.min(start + size, endIndex)
            try await Array(self[start..<end]).create(on: db)
            start = end
        }
    }
}
