import Foundation
import NIOCore
import ThiDuaCore

/// Where and how mail is handed over: read from THIDUA_SMTP_URL and THIDUA_MAIL_FROM.
/// `description` hides the password, so logging a configuration is safe.
struct SMTPConfiguration: Sendable, Equatable, CustomStringConvertible {
    var host: String
    var port: Int
    /// Upgrade the connection with STARTTLS after EHLO; the send fails if the server does not offer it.
    var startTLS: Bool
    var username: String?
    var password: String?
    /// The envelope sender (MAIL FROM) and the default From of outgoing mail.
    var from: MailAddress
    /// For connecting and for each server reply.
    var timeout: TimeAmount
    /// TLS from the first byte (smtps://, usually port 465) instead of STARTTLS.
    var implicitTLS: Bool
    /// False only with THIDUA_SMTP_INSECURE=1 (a test server with a self-signed certificate); also
    /// the only way to allow AUTH over a connection without TLS to a host other than loopback.
    var verifyCertificates: Bool

    init(
        host: String, port: Int, startTLS: Bool, username: String? = nil, password: String? = nil,
        from: MailAddress, timeout: TimeAmount = .seconds(20), implicitTLS: Bool = false,
        verifyCertificates: Bool = true
    ) {
        self.host = host
        self.port = port
        self.startTLS = startTLS
        self.username = username
        self.password = password
        self.from = from
        self.timeout = timeout
        self.implicitTLS = implicitTLS
        self.verifyCertificates = verifyCertificates
    }

    /// THIDUA_SMTP_URL = `smtp://user:pass@host:port?starttls=1` (user and password
    /// percent-encoded: `me%40example.org`) or `smtps://…` for TLS from the start; without a port,
    /// 25 (587 with starttls=1, 465 for smtps). THIDUA_MAIL_FROM = `ThiĐua <noreply@example.org>`
    /// (default: the user name when it is an address, else noreply@host). THIDUA_SMTP_TIMEOUT in
    /// seconds (default 20), THIDUA_SMTP_INSECURE=1 skips certificate checks.
    /// nil when THIDUA_SMTP_URL is unset, blank or not an smtp/smtps URL with a host.
    static func fromEnvironment(_ env: [String: String]) -> SMTPConfiguration? {
        guard let raw = env["THIDUA_SMTP_URL"]?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty,
              let url = URLComponents(string: raw), let scheme = url.scheme?.lowercased(),
              scheme == "smtp" || scheme == "smtps",
              var host = url.percentEncodedHost?.removingPercentEncoding, !host.isEmpty
        else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        let implicitTLS = scheme == "smtps"
        let flag = url.queryItems?.last { $0.name.lowercased() == "starttls" }?.value?.lowercased() ?? ""
        let startTLS = !implicitTLS && ["1", "true", "yes", "on"].contains(flag)
        let port = url.port ?? (implicitTLS ? 465 : startTLS ? 587 : 25)
        guard (1...65_535).contains(port) else { return nil }
        let username = url.percentEncodedUser?.removingPercentEncoding.flatMap { $0.isEmpty ? nil : $0 }
        let password = url.percentEncodedPassword?.removingPercentEncoding
        let from = env["THIDUA_MAIL_FROM"].flatMap { MailAddress(parsing: $0) }
            ?? MailAddress(name: NoticeService.productName, email: username.flatMap { MailAddress.isPlausibleAddress($0) ? $0 : nil }
                ?? "noreply@\(host.contains(":") ? "localhost" : host)")
        let seconds = env["THIDUA_SMTP_TIMEOUT"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        return SMTPConfiguration(
            host: host, port: port, startTLS: startTLS, username: username, password: password, from: from,
            timeout: .seconds(Int64(min(max(seconds ?? 20, 1), 600))), implicitTLS: implicitTLS,
            verifyCertificates: env["THIDUA_SMTP_INSECURE"] != "1"
        )
    }

    /// `smtp://user:***@host:port?starttls=1 from …`: never the password.
    var description: String {
        let scheme = implicitTLS ? "smtps" : "smtp"
        let user = username.map { "\($0):\(password == nil ? "" : "***")@" } ?? ""
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        return "\(scheme)://\(user)\(host):\(port)\(startTLS ? "?starttls=1" : "") from \(from)"
            + (verifyCertificates ? "" : " (certificates not verified)")
    }
}

/// Why a send failed. `.transient`: 4xx replies, connection problems, timeouts, TLS failures —
/// try again later. `.permanent`: 5xx replies — this message will not be accepted as it is.
enum SMTPError: Error, Equatable, CustomStringConvertible {
    case transient(String)
    case permanent(String)

    var description: String {
        switch self {
        case .transient(let reason): "SMTP transient failure: \(reason)"
        case .permanent(let reason): "SMTP permanent failure: \(reason)"
        }
    }

    /// Maps a reply outside the expected codes: 5xx is permanent, anything else transient.
    static func reply(_ code: Int, _ text: String, during step: String) -> SMTPError {
        let reason = "\(step): \(code) \(text)"
        return (500...599).contains(code) ? .permanent(reason) : .transient(reason)
    }
}
