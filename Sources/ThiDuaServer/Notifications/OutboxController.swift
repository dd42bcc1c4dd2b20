import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The administrator's outbox page: what was sent, what waits, what died; retry, and a test message.
enum OutboxController {
    struct Row: Encodable {
        var id: UUID
        var to: String
        var subject: String
        var status: OutboxStatus
        var statusLabel: String
        var attempts: Int
        var when: String
        var lastError: String?
        var canRetry: Bool
    }

    struct OutboxPage: Encodable {
        var rows: [Row]
        var dead: Int
        var pending: Int
        var smtpConfigured: Bool
    }

    static func index(_ req: Request) async throws -> View {
        try req.authorize(.manageUsers)
        let messages = try await NotificationService.outbox(on: req.db)
        let rows = messages.map { m in
            Row(id: m.id!, to: m.toEmail, subject: m.subject, status: m.status, statusLabel: req.t(m.status.labelKey),
                attempts: m.attempts, when: VietnameseDate.long(m.sentAt ?? m.nextAttemptAt), lastError: m.lastError,
                canRetry: m.status.canRetry)
        }
        return try await req.render("notifications/outbox", title: req.t("outbox_title"), OutboxPage(
            rows: rows, dead: rows.filter { $0.status == .dead }.count, pending: rows.filter { $0.status == .pending }.count,
            smtpConfigured: req.application.mailTransport != nil))
    }

    /// Retry a dead message, or queue a test message: the API's two operations on the outbox.
    enum Button: String, FormButton { case retry, test }

    struct Form: Decodable {
        var messageID: UUID?
        var to: String?
    }

    static func act(_ req: Request) async throws -> Response {
        try req.authorize(.manageUsers)
        return try await req.formAction(back: SiteURL.outbox) {
            let form = try req.formInput(Form.self)
            switch try req.button(Button.self) {
            case .retry:
                try await NotificationsAPI.retry(Validate.uuid(form.messageID?.uuidString, "messageID", on: req), on: req)
                req.setFlash(Flash(kind: .ok, message: req.t("outbox.retried")))
            case .test:
                _ = try await NotificationsAPI.queueTest(to: form.to ?? "", on: req)
                req.setFlash(Flash(kind: .ok, message: req.t("outbox.test_queued")))
            }
            return SiteURL.outbox
        }
    }
}
