import Foundation
import ThiDuaCore
import AsyncKit
import Fluent
import Vapor

/// An error a user can act on: an HTTP status, a stable problem type and a Vietnamese detail.
public struct AppError: Error, Sendable {
    public var status: HTTPResponseStatus
    /// Stable slug: clients branch on it, the localisation gives its title (`problem.<slug>`).
    public var slug: String
    public var detail: String
    public var field: String?
    public var headers: HTTPHeaders = [:]

    public init(_ status: HTTPResponseStatus, _ slug: String, _ detail: String, field: String? = nil) {
        self.status = status
        self.slug = slug
        self.detail = detail
        self.field = field
    }

    static func validation(_ field: String, _ detail: String) -> AppError {
        AppError(.unprocessableEntity, "validation", detail, field: field)
    }
    /// Input that cannot be read as the operation's input, such as an unknown enum value: 400, as
    /// docs/openapi.yaml states (422 is for a value read but refused).
    static func malformed(_ field: String, _ detail: String) -> AppError {
        AppError(.badRequest, "malformed-request", detail, field: field)
    }
    static func notFound(_ detail: String) -> AppError { AppError(.notFound, "not-found", detail) }
    static func conflict(_ detail: String, field: String? = nil) -> AppError {
        AppError(.conflict, "conflict", detail, field: field)
    }
    static func unauthorized(_ detail: String) -> AppError { AppError(.unauthorized, "unauthorized", detail) }
    static func forbidden(_ detail: String) -> AppError { AppError(.forbidden, "forbidden", detail) }
    static func tooManyRequests(_ detail: String, retryAfter: Int) -> AppError {
        var error = AppError(.tooManyRequests, "too-many-requests", detail)
        error.headers.replaceOrAdd(name: .retryAfter, value: String(retryAfter))
        return error
    }
}

/// RFC 9457 problem details body.
struct ProblemDetails: Content {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var field: String?
    var instance: String?
}

extension AppError {
    /// Turns any thrown error into something safe to show: never a stack trace or internal text.
    static func from(_ error: Error, localizer: Localizer, lang: String) -> AppError {
        switch error {
        case let app as AppError:
            return app
        case let decoding as DecodingError:
            let (field, message) = decoding.problem(localizer, lang)
            return AppError(.badRequest, "malformed-request", message, field: field)
        case is UnsupportedBody:
            return AppError(.unsupportedMediaType, "unsupported-media-type", localizer.text("problem.unsupported-body.detail", lang))
        case is MalformedMultipart:
            return AppError(.badRequest, "upload-incomplete", localizer.text("upload.incomplete", lang))
        case is ConnectionPoolTimeoutError:
            var busy = AppError(.serviceUnavailable, "busy", localizer.text("problem.busy.detail", lang))
            busy.headers.replaceOrAdd(name: .retryAfter, value: "5")
            return busy
        case let db as DatabaseError where db.isConstraintFailure:
            return AppError(.conflict, "conflict", localizer.text("problem.conflict.detail", lang))
        case let abort as AbortError:
            let slug = slugs[abort.status.code] ?? "http-\(abort.status.code)"
            var result = AppError(abort.status, slug, localizer.text("problem.\(slug).detail", lang))
            result.headers = abort.headers
            return result
        default:
            return AppError(.internalServerError, "internal", localizer.text("problem.internal.detail", lang))
        }
    }

    private static let slugs: [UInt: String] = [
        400: "malformed-request", 401: "unauthorized", 403: "forbidden", 404: "not-found",
        405: "method-not-allowed", 409: "conflict", 413: "payload-too-large", 415: "unsupported-media-type",
        422: "validation", 429: "too-many-requests",
    ]
}

extension DecodingError {
    /// The JSON path of the bad field and a sentence in `lang` that names it (`decoding.*` keys).
    func problem(_ localizer: Localizer, _ lang: String) -> (String, String) {
        let (field, key, args) = parts
        return (field, localizer.text(key, lang, args))
    }

    /// The JSON path of the bad field, the key of the sentence that names it, and that sentence's values.
    private var parts: (field: String, key: String, args: [String: String]) {
        func path(_ keys: [CodingKey]) -> String {
            keys.reduce("") { acc, key in
                if let index = key.intValue { return acc + "[\(index)]" }
                return acc.isEmpty ? key.stringValue : acc + "." + key.stringValue
            }
        }
        switch self {
        case let .keyNotFound(key, context):
            let field = path(context.codingPath + [key])
            return (field, "decoding.missing_field", ["field": field])
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            let field = path(context.codingPath)
            return (field, "decoding.wrong_type", ["field": field])
        case let .dataCorrupted(context):
            let field = path(context.codingPath)
            if context.debugDescription.hasPrefix(LabelledValues.choicesPrefix) {
                let choices = context.debugDescription.dropFirst(LabelledValues.choicesPrefix.count)
                return (field, "decoding.one_of", ["field": field, "values": String(choices)])
            }
            if field.isEmpty { return ("$", "decoding.not_json", [:]) }
            return (field, "decoding.invalid_value", ["field": field])
        @unknown default:
            return ("$", "decoding.invalid_body", [:])
        }
    }
}
