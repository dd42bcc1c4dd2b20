import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The user's notifications page; opening it marks them read.
enum NotificationsController {
    struct NotificationsPage: Encodable {
        var items: [Item]
    }

    /// A notification as a reader reads it: the time in Vietnamese words, the link named by what it opens.
    struct Item: Encodable {
        var title: String
        var body: String
        var link: String?
        var when: String
        var read: Bool
    }

    static func index(_ req: Request) async throws -> View {
        let items = try await NotificationsAPI.notifications(req).map { n in
            Item(title: n.title, body: n.body, link: n.link,
                 when: LocalTime.parseRFC3339(n.createdAt).map(VietnameseDate.long) ?? n.createdAt, read: n.read)
        }
        let user = try req.user()
        let view = try await req.render("notifications/index", title: req.t("notifications_title"), NotificationsPage(items: items))
        try await NotificationService.markAllRead(of: user.requireID(), at: req.now, on: req.db)
        return view
    }
}
