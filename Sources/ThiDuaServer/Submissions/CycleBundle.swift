import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// The one-click ZIP of a cycle: per unit and requirement the latest accepted version (else the latest),
/// plus manifest.csv. Written entry by entry to a temporary file, then streamed, so memory stays flat.
enum CycleBundle {
    struct Entry {
        var unit: Unit
        var requirement: Requirement
        var submission: Submission
    }

    static func entries(_ cycle: Cycle, on db: Database) async throws -> [Entry] {
        let requirements = try await RequirementService.requirements(of: cycle.requireID(), on: db).map(\.0)
        let byID = Dictionary(uniqueKeysWithValues: requirements.map { ($0.id!, $0) })
        let units = Dictionary(uniqueKeysWithValues: try await Unit.query(on: db).all().map { ($0.id!, $0) })
        var chosen: [String: Submission] = [:]
        for s in try await Submission.query(on: db).filter(\.$requirementID ~~ Array(byID.keys)).all() {
            let key = "\(s.requirementID)/\(s.unitID)"
            guard let current = chosen[key] else { chosen[key] = s; continue }
            let accepted = s.review == .accepted
            let currentAccepted = current.review == .accepted
            if (accepted ? 1 : 0, s.version) > (currentAccepted ? 1 : 0, current.version) { chosen[key] = s }
        }
        return chosen.values.compactMap { s in
            guard let unit = units[s.unitID], let r = byID[s.requirementID] else { return nil }
            return Entry(unit: unit, requirement: r, submission: s)
        }.sorted { ($0.unit.shortName, $0.requirement.code) < ($1.unit.shortName, $1.requirement.code) }
    }

    static func path(_ e: Entry) -> String {
        let ext = FileKind(rawValue: e.submission.fileKind)?.fileExtension ?? "bin"
        return "\(FileName.ascii(e.unit.shortName))/\(FileName.ascii(e.requirement.code))-v\(e.submission.version).\(ext)"
    }

    static func write(_ cycle: Cycle, on req: Request) async throws -> URL {
        let entries = try await entries(cycle, on: req.db)
        let store = req.application.fileStore
        let url = try store.temporaryURL().deletingPathExtension().appendingPathExtension("zip")
        let header = ["unit", "requirement", "version", "sha256", "size", "receivedAt", "late", "path"]
        var rows: [[String]] = []
        var used: Set<String> = []
        do {
            let writer = try ZipBundleWriter(destination: url)
            for e in entries {
                // Two short names may fold to the same ASCII ("Ban Tổ chức", "Ban To chuc"): number the folder.
                let original = path(e)
                var path = original, n = 2
                while used.contains(path), let slash = original.firstIndex(of: "/") {
                    path = original[..<slash] + "-\(n)" + original[slash...]
                    n += 1
                }
                used.insert(path)
                try writer.add(file: store.url(for: e.submission.sha256), as: path)
                rows.append([e.unit.name, e.requirement.code, String(e.submission.version), e.submission.sha256,
                             String(e.submission.size), LocalTime.rfc3339(e.submission.receivedAt),
                             e.submission.isLate ? "true" : "false", path])
            }
            try writer.add(data: Data(CSV.document(header: header, rows: rows).utf8), as: "manifest.csv")
            try writer.finish()
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        return url
    }
}
