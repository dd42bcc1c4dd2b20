import Fluent
import Foundation
import ThiDuaDocuments
import Vapor

extension RequirementService {
    /// Checks and copies `input` onto `r`; `creating` makes code, title and milestone required.
    static func apply(_ input: RequirementInput, to r: Requirement, cycleID: UUID, creating: Bool, on req: Request) async throws {
        if creating || input.code != nil {
            let code = try Validate.code(input.code, "code", on: req)
            var duplicate = Requirement.query(on: req.db).filter(\.$cycle.$id == cycleID).filter(\.$code == code)
            if let id = r.id { duplicate = duplicate.filter(\.$id != id) }
            if try await duplicate.first() != nil {
                throw AppError.conflict(req.t("requirement.duplicate_code", ["code": code]), field: "code")
            }
            r.code = code
        }
        if creating || input.title != nil { r.title = try Validate.text(input.title, "title", max: 500, on: req) }
        if creating || input.milestone != nil {
            let reference = try Validate.text(input.milestone, "milestone", max: 60, on: req)
            var query = Milestone.query(on: req.db).filter(\.$cycle.$id == cycleID)
            if let id = UUID(uuidString: reference) {
                query = query.filter(\.$id == id)
            } else {
                query = query.filter(\.$code == reference.uppercased())
            }
            guard let milestone = try await query.first() else {
                throw AppError.validation("milestone", req.t("milestone.base_not_found", ["ref": reference]))
            }
            r.milestoneID = try milestone.requireID()
        }
        if let parentID = input.parentID {
            guard let parent = try await Requirement.find(parentID, on: req.db), parent.$cycle.id == cycleID,
                  parent.parentID == nil, parentID != r.id
            else { throw AppError.validation("parentID", req.t("requirement.bad_parent")) }
            r.parentID = parentID
        }
        if creating || input.audience != nil {
            r.audience = input.audience ?? .all
        }
        if creating || input.acceptedKinds != nil {
            let kinds = input.acceptedKinds ?? ["pdf", "docx"]
            let allowed = FileKind.allCases.filter { $0 != .unknown }.map(\.rawValue)
            let message = req.t("requirement.bad_kinds", ["allowed": allowed.joined(separator: ", ")])
            // An unknown kind is unreadable input (400); an empty list is a readable but refused value (422).
            guard kinds.allSatisfy(allowed.contains) else { throw AppError.malformed("acceptedKinds", message) }
            guard !kinds.isEmpty else { throw AppError.validation("acceptedKinds", message) }
            r.acceptedKinds = kinds.joined(separator: ",")
        }
        if creating || input.maxBytes != nil {
            let maxBytes = input.maxBytes ?? defaultMaxBytes
            guard (1...largestAllowedBytes).contains(maxBytes) else {
                throw AppError.validation("maxBytes", req.t("requirement.bad_max_bytes", ["max": ByteCount.text(largestAllowedBytes)]))
            }
            r.maxBytes = maxBytes
        }
        if let pages = input.maxPages {
            guard pages >= 1 else { throw AppError.validation("maxPages", req.t("requirement.bad_max_pages")) }
            r.maxPages = pages
        }
        if creating || input.originalsRequired != nil {
            let count = input.originalsRequired ?? 0
            guard (0...20).contains(count) else {
                throw AppError.validation("originalsRequired", req.t("requirement.bad_originals"))
            }
            r.originalsRequired = count
        }
        if let closed = input.closed { r.closedAt = closed ? (r.closedAt ?? req.now) : nil }
        if let role = input.role { r.role = role }
    }
}
