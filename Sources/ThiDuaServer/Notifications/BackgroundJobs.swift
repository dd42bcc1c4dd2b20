import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// Runs reminders and delivery every few seconds while serving; overlapping runs are skipped.
final class BackgroundJobs: LifecycleHandler, @unchecked Sendable {
    private var task: RepeatedTask?
    private let running = NIOLockedValueBox(false)

    /// Seconds between runs: THIDUA_JOB_INTERVAL (1–3600), else 15. The first run waits the same, at most 5 s.
    static func interval(_ env: [String: String]) -> Int64 {
        env["THIDUA_JOB_INTERVAL"].flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }.map { min(max($0, 1), 3600) } ?? 15
    }

    func didBootAsync(_ app: Application) async throws {
        let every = Self.interval(ProcessInfo.processInfo.environment)
        // Connections of earlier runs (a fill, a restore, a previous start) no longer count changes apart.
        try? await DataRevision.compact(on: app.db)
        let backups = ScheduledBackups.fromEnvironment(ProcessInfo.processInfo.environment, dataDirectory: app.settings.dataDirectory)
        task = app.eventLoopGroup.next().scheduleRepeatedTask(initialDelay: .seconds(min(every, 5)), delay: .seconds(every)) { [running] _ in
            guard running.withLockedValue({ busy in defer { busy = true }; return !busy }) else { return }
            Task {
                defer { running.withLockedValue { $0 = false } }
                let now = app.clock.now()
                do {
                    try await AuthService.prune(now: now, on: app.db)
                    try await DataRevision.compact(on: app.db)
                    TemporaryFiles.sweep(app, now: now)
                    try await ReminderService.enqueueDue(now: now, localizer: app.localizer, on: app.db)
                    try await OutboxWorker.deliverDue(app: app, now: now)
                    await backups?.runIfDue(app, now: now)
                } catch {
                    app.logger.error("background jobs failed", metadata: ["error": .string(String(describing: type(of: error)))])
                }
            }
        }
    }

    func shutdownAsync(_ app: Application) async {
        task?.cancel()
    }
}
