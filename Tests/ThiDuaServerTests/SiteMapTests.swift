import Foundation
import Testing
import VaporTesting
@testable import ThiDuaServer

/// One map of URLs: routes are registered from `SiteURL.Path` and every link is built from it.
@Suite("The site's map of URLs")
struct SiteMapTests {
    static var root: String { Settings.detectResources() }

    /// Path literals ("/cycles/…", href="/…") in the server's Swift files and the templates, outside SiteURL.swift.
    static func literals() throws -> [String] {
        let swift = try NSRegularExpression(pattern: #""/(api/v1/|cycles|ballots|blocs|units|users|outbox|notifications|login|logout|account|public|documents|submissions|decisions|requirements|milestones|evidence|calendar)\b"#)
        // A literal path, or a path appended to a URL the page was given ("#(page.url)/vote", "…/../awards").
        let leaf = try NSRegularExpression(pattern: ##"(href|action)="/(?!css/|js/)|(href|action|src)="#\([^)]*\)/"##)
        var found: [String] = []
        for folder in ["Sources/ThiDuaServer", "Resources/Views"] {
            guard let files = FileManager.default.enumerator(atPath: root + folder) else { continue }
            for case let file as String in files where (file.hasSuffix(".swift") && !file.hasSuffix("SiteURL.swift")) || file.hasSuffix(".leaf") {
                let text = try String(contentsOfFile: root + folder + "/" + file, encoding: .utf8)
                let regex = file.hasSuffix(".leaf") ? leaf : swift
                for match in regex.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                    let line = text[..<Range(match.range, in: text)!.lowerBound].filter { $0 == "\n" }.count + 1
                    found.append("\(folder)/\(file):\(line)")
                }
            }
        }
        return found
    }

    @Test func noPathIsWrittenByHand() throws {
        // SecurityHeadersMiddleware and ProblemErrorMiddleware test prefixes of incoming paths; they name no page.
        let allowed = ["Support/SecurityHeadersMiddleware.swift", "Support/ErrorMiddleware.swift"]
        let found = try Self.literals().filter { hit in !allowed.contains { hit.contains($0) } }
        #expect(found.isEmpty, "path literals outside SiteURL.swift: \(found)")
    }

    @Test func linksFillParametersInOrder() {
        let cycle = UUID(), unit = UUID()
        #expect(SiteURL.assessment(cycle, unit: unit) == "/cycles/\(cycle.uuidString)/units/\(unit.uuidString)/assessment")
        #expect(SiteURL.Path.apiCycleDocument.link(cycle, "plan.docx") == "/api/v1/cycles/\(cycle.uuidString)/documents/plan.docx")
        #expect(SiteURL.Path.home.link() == "/")
    }

    /// Every web route the app registers answers at the link the map builds for it (no 404 from a typo).
    @Test func everyPageRouteIsOnTheMap() async throws {
        try await withApp { app in
            let registered = Set(app.routes.all.map { "/" + $0.path.map(\.description).joined(separator: "/") })
            typealias P = SiteURL.Path
            for path in [P.cycle, P.awards, P.assessment, P.vote, P.decisionScan, P.publicCycle, P.calendar, P.password] {
                #expect(registered.contains("/" + path.components.joined(separator: "/")), "\(path.components)")
            }
        }
    }
}
