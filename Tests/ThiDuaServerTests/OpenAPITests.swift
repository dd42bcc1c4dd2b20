import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

@Suite("OpenAPI document")
struct OpenAPITests {
    /// "METHOD /path" for every operation under `paths:` in docs/openapi.yaml.
    static func documented(_ yaml: String) -> Set<String> {
        var result: Set<String> = []
        var path: String?
        var inPaths = false
        for line in yaml.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("paths:") { inPaths = true; continue }
            if inPaths, let first = line.first, first != " ", first != "#" { inPaths = false }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), line.hasSuffix(":"), !line.hasPrefix("   ") {
                path = String(line.dropFirst(2).dropLast())
            } else if let path, line.hasPrefix("    "), !line.hasPrefix("     ") {
                let method = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "post", "patch", "put", "delete"].contains(String(method)) {
                    result.insert("\(method.uppercased()) \(path)")
                }
            }
        }
        return result
    }

    /// "METHOD /path" for every registered route under /api/v1, with `:param` written `{param}`.
    static func registered(_ app: Application) -> Set<String> {
        Set(app.routes.all.compactMap { route -> String? in
            let path = "/" + route.path.map { component -> String in
                if case let .parameter(name) = component { return "{\(name)}" }
                return component.description
            }.joined(separator: "/")
            return path.hasPrefix("/api/v1/") ? "\(route.method.rawValue) \(path)" : nil
        })
    }

    @Test("docs/openapi.yaml and the registered API routes list the same operations")
    func inStep() async throws {
        try await withApp { app in
            let yaml = try String(contentsOfFile: app.settings.resourcesDirectory + "docs/openapi.yaml", encoding: .utf8)
            let documented = Self.documented(yaml).filter { $0.contains(" /api/v1/") }
            let registered = Self.registered(app)
            #expect(registered.count > 10)
            #expect(registered.subtracting(documented).isEmpty, "routes missing from docs/openapi.yaml")
            #expect(documented.subtracting(registered).isEmpty, "documented routes that do not exist")
        }
    }

    @Test("the server serves the same document at /api/v1/openapi.yaml, without sign-in")
    func served() async throws {
        try await withApp { app in
            let res = try await send(app, .GET, "/api/v1/openapi.yaml", token: nil)
            #expect(res.status == .ok)
            let yaml = try String(contentsOfFile: app.settings.resourcesDirectory + "docs/openapi.yaml", encoding: .utf8)
            #expect(res.body.string == yaml)
            #expect(res.body.string.hasPrefix("openapi: 3."))
        }
    }

    @Test("health and metrics answer for operators")
    func operations() async throws {
        try await withApp { app in
            let health = try await send(app, .GET, "/healthz", token: nil)
            #expect(health.status == .ok)
            #expect(try health.content.get(String.self, at: "database") == "ok")
            _ = try await send(app, .GET, "/api/v1/units", token: nil)
            let metrics = try await send(app, .GET, "/metrics", token: nil)
            #expect(metrics.body.string.contains(#"thidua_http_requests_total{method="GET",status="4xx"}"#))
        }
    }
}
