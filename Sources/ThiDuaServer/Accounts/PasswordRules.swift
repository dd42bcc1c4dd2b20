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

    /// Whether `password` opens `hash`. A hash made before pre-hashing from a password over 72 bytes still opens
    /// with that password (bcrypt read its first 72 bytes); `qualifies` then asks its owner to change it.
    static func verify(_ password: String, hash: String) -> Bool {
        if (try? Bcrypt.verify(bcryptInput(password), created: hash)) == true { return true }
        return password.utf8.count > bcryptLimit && (try? Bcrypt.verify(password, created: hash)) == true
    }

    /// Refuses a password that may not be set, naming the rule it breaks.
    static func check(_ password: String, username: String, field: String, on req: Request) throws {
        guard let refusal = PasswordPolicy.refusal(password, username: username, common: req.application.commonPasswords) else {
            return
        }
        throw AppError.validation(field, message(refusal, on: req))
    }

    /// False for a password that signed in but would not be accepted today: its owner is asked to change it.
    static func qualifies(_ password: String, username: String, hash: String, app: Application) -> Bool {
        let legacy = password.utf8.count > bcryptLimit && (try? Bcrypt.verify(bcryptInput(password), created: hash)) != true
        return !legacy && PasswordPolicy.refusal(password, username: username, common: app.commonPasswords) == nil
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
