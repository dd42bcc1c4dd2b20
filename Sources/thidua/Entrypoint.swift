import Foundation
import Logging
import ThiDuaServer
import Vapor

/// The `thidua` executable: `serve`, `demo`, `migrate`, `audit-verify`, and Vapor's other commands.
@main
enum Entrypoint {
    static func main() async throws {
        var env = try Environment.detect()
        // `demo` is `serve` with the demo data folder and scenario; it keeps serve's --hostname and --port.
        let command = env.arguments.dropFirst().first { !$0.hasPrefix("-") }
        let isDemo = command == "demo"
        if isDemo, let index = env.arguments.firstIndex(of: "demo") { env.arguments[index] = "serve" }
        let serving = isDemo || command == nil || command == "serve"
        try RedactingLogHandler.bootstrap(from: &env)

        let app = try await Application.make(env)
        do {
            var settings = Settings.fromEnvironment(demo: isDemo)
            settings.runJobs = serving
            try await configure(app, settings: settings)
            app.asyncCommands.use(AuditVerifyCommand(), as: "audit-verify")
            app.asyncCommands.use(BallotVerifyCommand(), as: "ballot-verify")
            app.asyncCommands.use(BackupCommand(), as: "backup")
            app.asyncCommands.use(RestoreCommand(), as: "restore")
            app.asyncCommands.use(SimulateCommand(), as: "simulate")
            if serving { try await Bootstrap.prepare(app) }
            try await app.execute()
        } catch {
            // A broken chain, a mismatched count or a refused backup has already been said on the console.
            if !(error is AuditVerifyCommand.ChainBroken || error is BallotVerifyCommand.Mismatch || error is BackupError
                  || error is SimulateCommand.Refused) {
                app.logger.report(error: error)
            }
            try? await app.asyncShutdown()
            exit(1)
        }
        try await app.asyncShutdown()
    }
}
