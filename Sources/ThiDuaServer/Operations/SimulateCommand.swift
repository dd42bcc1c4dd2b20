import Foundation
import Vapor

/// `thidua simulate`: fills an empty database with a province of blocs (or, with --provinces, a nation), each through
/// a whole year, so the pages can be measured at the scale they must serve. Deterministic with --seed.
public struct SimulateCommand: AsyncCommand {
    public struct Signature: CommandSignature {
        @Option(name: "provinces", help: "Provinces (default 1; a nation is 34).")
        var provinces: Int?
        @Option(name: "blocs", help: "Blocs per province (default 40).")
        var blocs: Int?
        @Option(name: "units", help: "Units per bloc (default 15).")
        var units: Int?
        @Option(name: "seed", help: "The seed: the same seed gives the same data (default 1).")
        var seed: Int?
        @Option(name: "password", help: "The password of every simulated account (default: drawn and shown once).")
        var password: String?
        public init() {}
    }

    /// Already said on the console; the entry point exits with 1 without a stack of log lines.
    public struct Refused: Error {}

    public init() {}

    public var help: String { "Fills an empty database with simulated blocs, units and a whole year each, for benchmarks." }

    public func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        var size = Simulator.Size()
        size.provinces = signature.provinces ?? size.provinces
        size.blocs = signature.blocs ?? size.blocs
        size.units = signature.units ?? size.units
        size.seed = UInt64(truncatingIfNeeded: signature.seed ?? 1)
        let password = signature.password ?? app.random.token(bytes: 12)
        do {
            try await app.autoMigrate()
            try await Bootstrap.createFirstAdministratorIfNeeded(app)
            let started = ContinuousClock.now
            let summary = try await Simulator.run(app, size: size, password: password) { context.console.print($0) }
            // The fill's connections are gone: their counts of changes fold into one row before anyone reads them.
            try await DataRevision.compact(on: app.db)
            context.console.print("""
            Đã mô phỏng \(summary.blocs) khối, \(summary.units) đơn vị, \(summary.submissions) tệp nộp, \
            \(summary.papers) phiếu bầu trong \(Simulator.seconds(ContinuousClock.now - started)).
            Tài khoản: cán bộ mỗi đơn vị (ví dụ t01k01d01), Ban Thi đua – Khen thưởng mỗi tỉnh (bantdkt-01).
            """)
            // Shown only when drawn here: a password given on the command line is already known to its author.
            if signature.password == nil { context.console.print("Mật khẩu chung của các tài khoản mô phỏng: \(password)") }
        } catch let error as SimulationError {
            context.console.error(error.description)
            throw Refused()
        }
    }
}
