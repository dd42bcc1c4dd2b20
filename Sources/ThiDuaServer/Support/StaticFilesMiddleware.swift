import Vapor

/// Vapor's FileMiddleware behind a guard: a path segment longer than a file name can be (255 bytes) makes the
/// file system throw, which came out as a 500 for anyone. Such a path is no file of ours, so it goes on to the
/// routes, which answer 404; so does a path with "..", which FileMiddleware answered with a misleading 403.
struct StaticFilesMiddleware: AsyncMiddleware {
    let files: FileMiddleware

    init(publicDirectory: String) {
        files = FileMiddleware(publicDirectory: publicDirectory)
    }

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        guard request.method == .GET || request.method == .HEAD,
              request.url.path.utf8.count <= 1024, !request.url.path.contains(".."),
              !request.url.path.split(separator: "/").contains(where: { $0.utf8.count > 255 }) else {
            return try await next.respond(to: request)
        }
        return try await files.respond(to: request, chainingTo: next)
    }
}
