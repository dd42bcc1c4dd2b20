import Crypto
import Foundation
import ThiDuaCore
import Vapor

/// The server side of `PasswordPolicy`: the shipped blocklist, the bcrypt input, and the Vietnamese refusals.
enum PasswordRules {
    /// bcrypt reads 72 bytes and ignores the rest, so a longer password is hashed as its SHA-256 instead:
    /// every byte then counts. 72 bytes is 24–36 Vietnamese letters, short for a passphrase.
    static let bcryptLimit = 72

    static func bcryptInput(_ password: String) -> String {
        guard password.utf8.count > bcryptLimit else { return password }
        return "sha256:" + Data(SHA256.hash(data: Data(password.utf8))).base64EncodedString()
    }

    /// How a password opened its hash: as hashed today, or through a hash made before pre-hashing from a password
    /// over 72 bytes (bcrypt read its first 72 bytes), which its owner is then asked to change.
    enum Match { case current, legacy }

    /// How `password` opens `hash`, or nil when it does not. Runs bcrypt, so call it off the event loop.
    static func match(_ password: String, hash: String) -> Match? {
        if (try? Bcrypt.verify(bcryptInput(password), created: hash)) == true { return .current }
        guard password.utf8.count > bcryptLimit, (try? Bcrypt.verify(password, created: hash)) == true else { return nil }
        return .legacy
    }

    static func verify(_ password: String, hash: String) -> Bool { match(password, hash: hash) != nil }

    /// False for a password that signed in but would not be accepted today: its owner is asked to change it.
    /// No bcrypt here: how it matched comes from the sign-in's own check.
    static func qualifies(_ password: String, username: String, matched: Match, app: Application) -> Bool {
        matched == .current && PasswordPolicy.refusal(password, username: username, common: app.commonPasswords) == nil
    }

    /// Refuses a password that may not be set, naming the rule it breaks.
    static func check(_ password: String, username: String, field: String, on req: Request) throws {
        guard let refusal = PasswordPolicy.refusal(password, username: username, common: req.application.commonPasswords) else {
            return
        }
        throw AppError.validation(field, message(refusal, on: req))
    }

    static func message(_ refusal: PasswordPolicy.Refusal, on req: Request) -> String {
        switch refusal {
        case let .tooShort(minimum): req.t("password.too_short", ["min": String(minimum)])
        case let .tooLong(maximum): req.t("password.too_long", ["max": String(maximum)])
        case .common: req.t("password.common")
        case .repetitive: req.t("password.repetitive")
        case .contextual: req.t("password.contextual")
        }
    }

    /// Reads the blocklist: one entry per line, `#` starts a comment, compared lower-cased.
    static func loadCommon(from path: String) -> Set<String> {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return [] }
        return Set(text.split(whereSeparator: \.isNewline).compactMap { line in
            let entry = line.trimmingCharacters(in: .whitespaces).lowercased()
            return entry.isEmpty || entry.hasPrefix("#") ? nil : entry
        })
    }
}

extension Application {
    private struct CommonPasswordsKey: StorageKey { typealias Value = Set<String> }
    /// The shipped blocklist of common and breached passwords, read once at configure time.
    var commonPasswords: Set<String> {
        get { storage[CommonPasswordsKey.self] ?? [] }
        set { storage[CommonPasswordsKey.self] = newValue }
    }
}
