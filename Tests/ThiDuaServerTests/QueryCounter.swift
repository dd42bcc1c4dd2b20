import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
import VaporTesting
@testable import ThiDuaServer

/// Counts the database queries of one request: FluentKit logs "Running query" at debug on the request's logger,
/// whose `request-id` is the `X-Request-Id` the test sends. The process's logging is bootstrapped once, on first
/// use; messages at info and above still reach standard error as before.
enum QueryCounter {
    private static let counts = NIOLockedValueBox<[String: Int]>([:])
    private static let bootstrap: Void = {
        LoggingSystem.bootstrap { label in Handler(label: label) }
    }()

    private struct Handler: LogHandler {
        var stream: StreamLogHandler
        var logLevel: Logger.Level = .debug
        var metadata: Logger.Metadata = [:]

        init(label: String) { stream = StreamLogHandler.standardError(label: label) }

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(level: Logger.Level, message: Logger.Message, metadata: Logger.Metadata?, source: String,
                 file: String, function: String, line: UInt) {
            if level == .debug, message.description == "Running query", case let .string(id)? = self.metadata["request-id"] {
                QueryCounter.counts.withLockedValue { $0[id, default: 0] += 1 }
            } else if level >= .warning {
                var stream = self.stream
                stream.metadata = self.metadata
                stream.log(level: level, message: message, metadata: metadata, source: source, file: file, function: function, line: line)
            }
        }
    }

    /// The in-memory tester hands each request a copy of `app.logger`: make it one of ours, at debug.
    static func prepare(_ app: Application) {
        _ = bootstrap
        app.logger = Logger(label: "thidua.query-count")
        app.logger.logLevel = .debug
    }

    /// The number of queries a request ran, and its answer. Call `prepare(app)` first.
    static func queries(_ app: Application, _ path: String, method: HTTPMethod = .GET, token: String?, cookie: String? = nil,
                        json: String? = nil) async throws -> (Int, HTTPStatus) {
        let (n, response) = try await run(app, path, method: method, token: token, cookie: cookie, json: json)
        return (n, response.status)
    }

    static func run(_ app: Application, _ path: String, method: HTTPMethod = .GET, token: String?, cookie: String? = nil,
                    json: String? = nil) async throws -> (Int, TestingHTTPResponse) {
        let id = "q-\(UUID().uuidString)"
        var headers = token.map(HTTPHeaders.bearer) ?? HTTPHeaders()
        headers.add(name: .xRequestId, value: id)
        if let cookie { headers.add(name: .cookie, value: cookie) }
        if json != nil { headers.contentType = .json }
        var response: TestingHTTPResponse?
        try await app.testing().test(method, path, headers: headers, body: json.map { ByteBuffer(string: $0) }) { response = $0 }
        return (counts.withLockedValue { $0.removeValue(forKey: id) } ?? 0, response!)
    }
}
