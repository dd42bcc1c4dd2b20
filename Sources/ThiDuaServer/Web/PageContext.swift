import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// What every page template gets: the strings of the chosen language, the user, the CSRF token and a flash message.
struct PageContext<Page: Encodable>: Encodable {
    var t: [String: String]
    var lang: String
    var user: UserView?
    var csrf: String
    var flash: Flash?
    var title: String
    var page: Page
    /// The layout's links, from the site's map.
    var links = SiteLinks()
}

/// The signed-in user as the navigation shows them.
struct UserView: Encodable {
    var username: String
    var displayName: String
    var role: String
    var roleLabel: String
    /// May run the directory and accounts (`Policy` `.manageDirectory`): the admin navigation and forms.
    var isAdmin: Bool
    var unread: Int
    /// The password used at sign-in would not be accepted today: every page asks to change it.
    var passwordOutdated: Bool
}

/// A one-time message after a redirect, with the values the user had typed so nothing is lost.
struct Flash: Codable {
    /// Where a message waits in the session for the next page.
    static let sessionKey = "flash"
    /// Whether the message reports success or a refusal; the layout styles it by the raw value.
    enum Kind: String, Codable { case ok, error }

    var kind: Kind
    var message: String
    var values: [String: String] = [:]
    /// The ticked boxes of a refused form, per list field (`memberUnitIDs[]` as `memberUnitIDs`); nil when the form
    /// was not refused, so the page shows its own defaults. Templates read them with `#refill`.
    var lists: [String: [String]]? = nil
    /// The field a refused form was refused for (`points[I.1]`), so the page can put the message beside it.
    var field: String? = nil
}

extension Request {
    func render<Page: Encodable>(_ template: String, title: String, _ page: Page) async throws -> View {
        var user: UserView?
        if let u = auth.get(User.self) {
            let unread = try await NotificationService.unreadCount(of: u.requireID(), on: db)
            user = UserView(username: u.username, displayName: u.displayName, role: u.role.rawValue,
                            roleLabel: t(u.role.labelKey), isAdmin: Policy.allows(u, .manageDirectory), unread: unread,
                            passwordOutdated: session.data[AccountsController.passwordOutdatedKey] == "1")
        }
        let context = PageContext(
            t: application.localizer.table(language), lang: language, user: user, csrf: csrfToken,
            flash: takeFlash(), title: title, page: page
        )
        return try await view.render(template, context)
    }

    func setFlash(_ flash: Flash) {
        session.data[Flash.sessionKey] = String(decoding: (try? JSONEncoder().encode(flash)) ?? Data(), as: UTF8.self)
    }

    /// The pending flash without consuming it, so a page can refill its form from it.
    func peekFlash() -> Flash? {
        session.data[Flash.sessionKey].flatMap { try? JSONDecoder().decode(Flash.self, from: Data($0.utf8)) }
    }

    private func takeFlash() -> Flash? {
        guard let raw = session.data[Flash.sessionKey] else { return nil }
        session.data[Flash.sessionKey] = nil
        return try? JSONDecoder().decode(Flash.self, from: Data(raw.utf8))
    }

    /// Runs a form action; a user error comes back to the form as a message, with what was typed.
    func formAction(back: String, values: [String: String] = [:], _ action: () async throws -> String) async throws -> Response {
        do {
            let target = try await action()
            return redirect(to: target)
        } catch let error as AppError where error.status != .unauthorized && error.status != .forbidden {
            let typed = typedInput()
            setFlash(Flash(kind: .error, message: error.detail, values: typed.values.merging(values) { $1 }, lists: typed.lists,
                           field: error.field))
            return redirect(to: back)
        } catch let error as DecodingError {
            let typed = typedInput()
            setFlash(Flash(kind: .error, message: error.problem(application.localizer, language).1,
                           values: typed.values.merging(values) { $1 }, lists: typed.lists))
            return redirect(to: back)
        }
    }

    /// What the user typed in a refused form, so the page can fill it in again: every field of the url-encoded
    /// body, single values by name and ticked boxes (`name[]`) as lists, except the CSRF token and passwords (never
    /// kept in the session). Capped at 64 KB in all.
    func typedInput() -> (values: [String: String], lists: [String: [String]]) {
        guard headers.contentType == .urlEncodedForm, let body = body.string, body.utf8.count <= 64 * 1024 else { return ([:], [:]) }
        var values: [String: String] = [:]
        var lists: [String: [String]] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
            }
            guard let key = parts.first, !key.isEmpty, key != CSRFMiddleware.field, !key.lowercased().contains("password") else { continue }
            let value = parts.count > 1 ? parts[1] : ""
            if key.hasSuffix("[]") {
                lists[String(key.dropLast(2)), default: []].append(value)
            } else {
                // Keyed boxes too (`points[I.1]`): a refused table of scores comes back whole.
                values[key] = value
            }
        }
        return (values, lists)
    }
}

/// Picks the interface language from `?lang=` (remembered in the session).
struct WebLanguageMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if let lang = request.query[String.self, at: "lang"], ["vi", "en"].contains(lang) {
            request.session.data["lang"] = lang
        }
        request.language = request.session.data["lang"] ?? Localizer.defaultLanguage
        return try await next.respond(to: request)
    }
}
