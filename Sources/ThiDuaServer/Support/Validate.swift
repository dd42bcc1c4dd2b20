import Foundation
import Vapor

/// Input checks that name the field in the message.
enum Validate {
    static func text(_ value: String?, _ field: String, max: Int = 300, on req: Request) throws -> String {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw AppError.validation(field, req.t("validation.required", ["field": field])) }
        guard trimmed.count <= max else {
            throw AppError.validation(field, req.t("validation.too_long", ["field": field, "max": String(max)]))
        }
        return trimmed
    }

    static func optionalText(_ value: String?, _ field: String, max: Int = 300, on req: Request) throws -> String? {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : try text(trimmed, field, max: max, on: req)
    }

    static func email(_ value: String?, _ field: String, on req: Request) throws -> String? {
        guard let email = try optionalText(value, field, max: 254, on: req) else { return nil }
        let parts = email.split(separator: "@")
        guard parts.count == 2, parts[1].contains("."), !email.contains(" ") else {
            throw AppError.validation(field, req.t("validation.email", ["field": field]))
        }
        return email
    }

    static func code(_ value: String?, _ field: String, on req: Request) throws -> String {
        let code = try text(value, field, max: 40, on: req).uppercased()
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")
        guard code.unicodeScalars.allSatisfy(allowed.contains) else {
            throw AppError.validation(field, req.t("validation.code", ["field": field]))
        }
        return code
    }

    static func uuid(_ value: String?, _ field: String, on req: Request) throws -> UUID {
        guard let value, let id = UUID(uuidString: value.trimmingCharacters(in: .whitespaces)) else {
            throw AppError.validation(field, req.t("validation.uuid", ["field": field]))
        }
        return id
    }
}

extension Request {
    /// The UUID in a path parameter; a malformed one is a 404, as for an unknown ID.
    func idParameter(_ name: String) throws -> UUID {
        guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else {
            throw AppError.notFound(t("problem.not-found.detail"))
        }
        return id
    }
}
