import Foundation
import NIOCore
import Testing
import ThiDuaCore
@testable import ThiDuaServer

@Suite struct SMTPConfigurationTests {
    static let sender = MailAddress(name: "ThiĐua", email: "noreply@example.org")

    @Test(arguments: [
        (["THIDUA_SMTP_URL": "smtp://user%40example.org:p%40ss%3Aw%2Fd@mail.example.org:2525?starttls=1",
          "THIDUA_MAIL_FROM": "ThiĐua <noreply@example.org>"],
         SMTPConfiguration(host: "mail.example.org", port: 2525, startTLS: true, username: "user@example.org",
                           password: "p@ss:w/d", from: sender)),
        (["THIDUA_SMTP_URL": "smtp://127.0.0.1:8025", "THIDUA_MAIL_FROM": "noreply@example.org"],
         SMTPConfiguration(host: "127.0.0.1", port: 8025, startTLS: false, from: MailAddress(email: "noreply@example.org"))),
        (["THIDUA_SMTP_URL": "smtp://relay.example.org?starttls=true", "THIDUA_MAIL_FROM": "ThiĐua <noreply@example.org>"],
         SMTPConfiguration(host: "relay.example.org", port: 587, startTLS: true, from: sender)),
        (["THIDUA_SMTP_URL": "smtp://relay.example.org", "THIDUA_MAIL_FROM": "ThiĐua <noreply@example.org>",
          "THIDUA_SMTP_TIMEOUT": "5", "THIDUA_SMTP_INSECURE": "1"],
         SMTPConfiguration(host: "relay.example.org", port: 25, startTLS: false, from: sender, timeout: .seconds(5),
                           verifyCertificates: false)),
        (["THIDUA_SMTP_URL": "smtps://bot%40example.org:secret@smtp.example.org"],
         SMTPConfiguration(host: "smtp.example.org", port: 465, startTLS: false, username: "bot@example.org",
                           password: "secret", from: MailAddress(name: "ThiĐua", email: "bot@example.org"), implicitTLS: true)),
        (["THIDUA_SMTP_URL": " smtp://[::1]:2525?starttls=0 "],
         SMTPConfiguration(host: "::1", port: 2525, startTLS: false, from: MailAddress(name: "ThiĐua", email: "noreply@localhost"))),
        (["THIDUA_SMTP_URL": "smtp://mailer@relay.example.org", "THIDUA_MAIL_FROM": "not an address"],
         SMTPConfiguration(host: "relay.example.org", port: 25, startTLS: false, username: "mailer",
                           from: MailAddress(name: "ThiĐua", email: "noreply@relay.example.org"))),
    ])
    func parsesEnvironment(env: [String: String], expected: SMTPConfiguration) {
        #expect(SMTPConfiguration.fromEnvironment(env) == expected)
    }

    @Test(arguments: [
        [:], ["THIDUA_SMTP_URL": ""], ["THIDUA_SMTP_URL": "  "], ["THIDUA_SMTP_URL": "http://mail.example.org"],
        ["THIDUA_SMTP_URL": "smtp://"], ["THIDUA_SMTP_URL": "mail.example.org:25"],
        ["THIDUA_MAIL_FROM": "ThiĐua <noreply@example.org>"], ["THIDUA_SMTP_URL": "smtp://host:99999"],
    ])
    func unsetOrUnusableIsNil(env: [String: String]) {
        #expect(SMTPConfiguration.fromEnvironment(env) == nil)
    }

    @Test func descriptionHidesThePassword() throws {
        let config = try #require(SMTPConfiguration.fromEnvironment([
            "THIDUA_SMTP_URL": "smtp://u:hunter2%21@mail.example.org?starttls=1", "THIDUA_SMTP_INSECURE": "1",
        ]))
        #expect(config.password == "hunter2!")
        #expect(config.description == "smtp://u:***@mail.example.org:587?starttls=1 from ThiĐua <noreply@mail.example.org> (certificates not verified)")
        #expect(!"\(config)".contains("hunter2") && !String(reflecting: SMTPError.transient("x")).contains("hunter2"))
    }

    @Test(arguments: [
        (MailAddress(email: "a@mail.example.org"), "mail.example.org"), (MailAddress(email: "a@b"), "b"),
        (MailAddress(email: "a@ví-dụ.vn"), "localhost"), (MailAddress(email: "a@x y"), "localhost"),
    ])
    func heloName(from: MailAddress, expected: String) {
        #expect(SMTPClient.heloName(for: from) == expected)
    }

    @Test(arguments: [("mail.example.org", "mail.example.org"), ("127.0.0.1", nil), ("::1", nil), ("10.0.0.300", nil)])
    func serverNameIndication(host: String, expected: String?) {
        #expect(SMTPClient.sniName(host) == expected)
    }
}
