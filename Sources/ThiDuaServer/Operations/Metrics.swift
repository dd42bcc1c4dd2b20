import Foundation
import Prometheus
import Vapor

/// The Prometheus registry of this process; `/metrics` renders it.
final class AppMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    func recordRequest(method: String, status: UInt, seconds: Double) {
        let statusClass = "\(status / 100)xx"
        registry.makeCounter(descriptor: Self.requests, labels: [("method", method), ("status", statusClass)])
            .increment()
        registry.makeValueHistogram(
            descriptor: Self.duration, labels: [("method", method)],
            buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5]
        ).record(seconds)
    }

    private static var requests: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "thidua", metricName: "http_requests", unitName: "total", helpText: "HTTP requests served") }
    private static var duration: MetricNameDescriptor { MetricNameDescriptor(
        namespace: "thidua", metricName: "http_request_duration", unitName: "seconds", helpText: "HTTP request duration") }

    /// A scheduled backup finished: when, how large, how long it took.
    func recordBackup(at date: Date, bytes: Int, seconds: Double) {
        registry.makeGauge(name: "thidua_backup_last_success_timestamp_seconds", help: "When the last scheduled backup finished")
            .set(date.timeIntervalSince1970)
        registry.makeGauge(name: "thidua_backup_last_size_bytes", help: "Size of the last scheduled backup").set(Double(bytes))
        registry.makeGauge(name: "thidua_backup_last_duration_seconds", help: "Duration of the last scheduled backup").set(seconds)
    }

    func recordBackupFailure() {
        registry.makeCounter(name: "thidua_backup_failures_total", help: "Scheduled backups that failed").increment()
    }

    func render() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}

extension Application {
    private struct MetricsKey: StorageKey { typealias Value = AppMetrics }
    var metrics: AppMetrics {
        if let existing = storage[MetricsKey.self] { return existing }
        let metrics = AppMetrics()
        storage[MetricsKey.self] = metrics
        return metrics
    }
}

/// Counts requests and their durations; the path is left out so label cardinality stays bounded.
struct MetricsMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next.respond(to: request)
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        request.application.metrics.recordRequest(method: request.method.rawValue, status: response.status.code, seconds: seconds)
        return response
    }
}

/// `/healthz`, `/metrics` and the OpenAPI document.
enum OperationsController {
    struct Health: Content {
        var status: String
        var database: String
    }

    static func health(_ req: Request) async throws -> Response {
        do {
            _ = try await AuditEntry.query(on: req.db).count()
            return try await Health(status: "ok", database: "ok").encodeResponse(for: req)
        } catch {
            req.logger.error("health check: database unavailable")
            let response = try await Health(status: "degraded", database: "unavailable").encodeResponse(for: req)
            response.status = .serviceUnavailable
            return response
        }
    }

    /// Open by default, as scrapers expect; `THIDUA_METRICS_TOKEN` makes it require that bearer token.
    static func metrics(_ req: Request) async throws -> Response {
        if let expected = Environment.get("THIDUA_METRICS_TOKEN"), !expected.isEmpty {
            guard let given = req.headers.bearerAuthorization?.token,
                  CSRFMiddleware.constantTimeEqual(given, expected)
            else { throw AppError.unauthorized(req.t("auth.required")) }
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: req.application.metrics.render()))
    }

    static func openAPI(_ req: Request) async throws -> Response {
        let path = req.application.settings.resourcesDirectory + "docs/openapi.yaml"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AppError.notFound(req.t("problem.not-found.detail"))
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "application/yaml; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
