import Fluent
import Foundation
import Vapor

/// The user's notifications page; opening it marks them read.
enum NotificationsController {
    struct NotificationsPage: Encodable {
        var items: [NotificationsAPI.NotificationDTO]
    }

    static func index(_ req: Request) async throws -> View {
        let items = try await NotificationsAPI.notifications(req)
        let user = try req.user()
        let view = try await req.render("notifications/index", title: req.t("notifications_title"), NotificationsPage(items: items))
        try await NotificationService.markAllRead(of: user.requireID(), at: req.now, on: req.db)
        return view
    }
}
