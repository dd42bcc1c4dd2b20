import Logging
import Vapor

/// Wraps the console log handler and drops metadata that may carry secrets. The PostgreSQL driver logs each
/// query at debug with its bound values ("binds"), which include password hashes, token hashes and personal data;
/// the SQL text alone is enough to diagnose.
public struct RedactingLogHandler: LogHandler {
    /// Metadata keys never written, whatever the level.
    public static let redactedKeys: Set<String> = ["binds", "psql_binds"]

    private var inner: any LogHandler

    public init(_ inner: any LogHandler) { self.inner = inner }

    public var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue.filter { !Self.redactedKeys.contains($0.key) } }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { if !Self.redactedKeys.contains(key) { inner[metadataKey: key] = newValue } }
    }

    public func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                    file: String, function: String, line: UInt) {
        inner.log(level: level, message: message, metadata: metadata?.filter { !Self.redactedKeys.contains($0.key) },
                  source: source, file: file, function: function, line: line)
    }

    /// Vapor's console logging, redacted: what `thidua` bootstraps.
    public static func bootstrap(from environment: inout Environment) throws {
        try LoggingSystem.bootstrap(from: &environment) { level in
            let console = Terminal()
            return { label in RedactingLogHandler(ConsoleLogger(label: label, console: console, level: level)) }
        }
    }
}
