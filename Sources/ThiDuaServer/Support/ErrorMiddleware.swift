import Foundation
import Vapor

/// Renders every error: problem+json for the API, a Vietnamese page (or a sign-in redirect) for the web.
/// Unknown errors are logged with the request id and never shown.
struct ProblemErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let app = AppError.from(error, localizer: request.application.localizer, lang: request.language)
            if app.status == .internalServerError {
                request.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
                request.logger.debug("unhandled error detail", metadata: ["detail": "\(error)"])
            }
            return Self.render(app, for: request)
        }
    }

    static func render(_ error: AppError, for request: Request) -> Response {
        let title = request.t("problem.\(error.slug)")
        // Machine endpoints (API, health, metrics) always get problem+json, never a sign-in redirect.
        let machine = request.url.path.hasPrefix("/api/") || ["/metrics", "/healthz"].contains(request.url.path)
        let wantsHTML = !machine && !(request.headers.first(name: .accept) ?? "").contains("application/json")
        if wantsHTML {
            if error.status == .unauthorized {
                let target = request.url.path
                return request.redirect(to: SiteURL.login(next: target))
            }
            let html = ErrorPage.html(title: title, detail: error.detail, status: error.status.code, lang: request.language,
                                      back: request.t("error.back"))
            var headers = error.headers
            headers.contentType = .html
            return Response(status: error.status, headers: headers, body: .init(string: html))
        }
        let problem = ProblemDetails(
            type: "urn:thidua:problem:\(error.slug)", title: title, status: Int(error.status.code),
            detail: error.detail, field: error.field, instance: request.url.path
        )
        var headers = error.headers
        let body = (try? JSONEncoder().encode(problem)) ?? Data()
        headers.replaceOrAdd(name: .contentType, value: "application/problem+json; charset=utf-8")
        return Response(status: error.status, headers: headers, body: .init(data: body))
    }
}

/// A self-contained error page, so an error can show even when templates fail.
enum ErrorPage {
    static func html(title: String, detail: String, status: UInt, lang: String, back: String) -> String {
        """
        <!doctype html><html lang="\(lang)"><head><meta charset="utf-8">\
        <meta name="viewport" content="width=device-width, initial-scale=1">\
        <title>\(escape(title))</title><link rel="stylesheet" href="/css/app.css"></head>\
        <body><main class="container"><h1>\(escape(title))</h1><p class="error-detail">\(escape(detail))</p>\
        <p class="muted">HTTP \(status)</p><p><a href="\(SiteURL.blocs)">\(escape(back))</a></p></main></body></html>
        """
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
