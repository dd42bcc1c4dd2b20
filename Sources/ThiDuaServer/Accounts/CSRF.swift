import Foundation
import Vapor

/// Per-session CSRF token: every web form carries it and every unsafe web request must echo it.
struct CSRFMiddleware: AsyncMiddleware {
    static let sessionKey = "csrf"
    static let field = "csrfToken"

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            let expected = request.session.data[Self.sessionKey]
            // Upload forms stream their body, so they carry the token in the action URL instead.
            var given = request.headers.first(name: "X-CSRF-Token") ?? request.query[String.self, at: Self.field]
            if given == nil { given = try await Self.formField(request) }
            guard let expected, let given, Self.constantTimeEqual(expected, given) else {
                request.logger.notice("csrf rejected", metadata: ["path": .string(request.url.path)])
                throw AppError(.forbidden, "csrf", request.t("auth.csrf_failed"))
            }
        }
        return try await next.respond(to: request)
    }

    /// The token from the form body; a malformed multipart body is the client's error (400), not a missing token.
    private static func formField(_ request: Request) async throws -> String? {
        // A url-encoded body is read as pairs: one field must not depend on how the whole form decodes.
        if request.headers.contentType == .urlEncodedForm {
            // A form bigger than one network read arrives as a stream, not yet collected when middleware runs:
            // collect it here (within the routes' limit), or a long form would be refused as a forged one.
            if request.body.data == nil {
                _ = try await request.body.collect(max: request.application.routes.defaultMaxBodySize.value).get()
            }
            guard let body = request.body.string else { return nil }
            for pair in body.split(separator: "&") where pair.hasPrefix(Self.field + "=") {
                return String(pair.dropFirst(Self.field.count + 1)).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            return nil
        }
        do {
            return try request.content.get(String.self, at: Self.field)
        } catch let error as MalformedMultipart {
            throw error
        } catch {
            return nil
        }
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension Request {
    /// The session's CSRF token, created on first use.
    var csrfToken: String {
        if let token = session.data[CSRFMiddleware.sessionKey] { return token }
        let token = application.random.token(bytes: 24)
        session.data[CSRFMiddleware.sessionKey] = token
        return token
    }
}
