import Foundation

/// The web pages' paths, built in one place so no handler writes a URL by hand.
enum SiteURL {
    static let blocs = "/blocs"
    static let units = "/units"
    static let users = "/users"
    static let logout = "/logout"
    static let password = "/account/password"

    static func login(next: String? = nil) -> String {
        guard let next = next.flatMap(safeLocalPath), next != "/login" else { return "/login" }
        let encoded = next.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "/"
        return "/login?next=\(encoded)"
    }

    /// `path` when no browser can read it as another origin, else nil. Browsers treat `\` as `/` and drop tabs
    /// and newlines, so `/\evil.example` and `/<TAB>/evil.example` both mean `//evil.example`: a local path is
    /// one slash followed by anything but a slash, with no backslash, whitespace or control character anywhere.
    static func safeLocalPath(_ path: String) -> String? {
        let bytes = Array(path.utf8)
        guard bytes.first == UInt8(ascii: "/"), bytes.count < 2048 else { return nil }
        if bytes.count > 1, bytes[1] == UInt8(ascii: "/") { return nil }
        guard bytes.allSatisfy({ $0 > 0x20 && $0 != 0x7F && $0 != UInt8(ascii: "\\") }) else { return nil }
        return path
    }

    static func bloc(_ id: UUID) -> String { "/blocs/\(id.uuidString)" }
    static func blocCycles(_ id: UUID) -> String { "/blocs/\(id.uuidString)/cycles" }
    static func cycle(_ id: UUID) -> String { "/cycles/\(id.uuidString)" }
    static func cycleMilestones(_ id: UUID) -> String { "/cycles/\(id.uuidString)/milestones" }
    static func requirements(_ cycleID: UUID) -> String { "/cycles/\(cycleID.uuidString)/requirements" }
    static func checklist(_ cycleID: UUID, unit: UUID? = nil) -> String {
        "/cycles/\(cycleID.uuidString)/checklist" + (unit.map { "?unit=\($0.uuidString)" } ?? "")
    }
    static func dashboard(_ cycleID: UUID) -> String { "/cycles/\(cycleID.uuidString)/dashboard" }
    static func submission(_ id: UUID) -> String { "/submissions/\(id.uuidString)" }
    static func submissionFile(_ id: UUID) -> String { "/submissions/\(id.uuidString)/file" }
    static func requirementUpload(_ id: UUID) -> String { "/requirements/\(id.uuidString)/upload" }
    static func requirement(_ id: UUID) -> String { "/requirements/\(id.uuidString)" }

    static func milestone(_ id: UUID) -> String { "/milestones/\(id.uuidString)" }
    static func milestoneDelete(_ id: UUID) -> String { "/milestones/\(id.uuidString)/delete" }
}
