import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
@testable import ThiDuaServer

/// Keeps what reaches it, for the test to read.
private struct CapturingHandler: LogHandler {
    let lines: NIOLockedValueBox<[String]>
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
             file: String, function: String, line: UInt) {
        let all = self.metadata.merging(metadata ?? [:]) { $1 }
        lines.withLockedValue { $0.append("\(message) \(all.sorted { $0.key < $1.key })") }
    }
}

@Suite struct RedactingLogTests {
    @Test("bound values of SQL never reach the log, at any level; the SQL text does")
    func bindsAreDropped() {
        let lines = NIOLockedValueBox<[String]>([])
        var logger = Logger(label: "t") { _ in RedactingLogHandler(CapturingHandler(lines: lines)) }
        logger.logLevel = .trace
        logger[metadataKey: "psql_binds"] = "secret-in-context"
        logger.debug("Executing query", metadata: ["sql": "UPDATE users SET password_hash = $1", "binds": ["$2b$12$abcdef"]])
        let text = lines.withLockedValue { $0.joined() }
        #expect(text.contains("UPDATE users SET password_hash = $1"))
        #expect(!text.contains("$2b$12$abcdef") && !text.contains("secret-in-context"))
    }
}
