import Foundation
import ThiDuaCore
import Vapor

/// Input checks that name the field in the message.
enum Validate {
    /// Free text (titles, reasons, notes): NFC, trimmed, line breaks allowed, no other control or bidi character.
    static func text(_ value: String?, _ field: String, max: Int = 300, on req: Request) throws -> String {
        try cleaned(value, field, max: max, multiline: true, on: req)
    }

    static func optionalText(_ value: String?, _ field: String, max: Int = 300, on req: Request) throws -> String? {
        try optional(value) { try text($0, field, max: max, on: req) }
    }

    /// A name (unit, bloc, person, issuer): as `text`, on one line, with runs of spaces made one.
    static func name(_ value: String?, _ field: String, max: Int = 300, on req: Request) throws -> String {
        try cleaned(value, field, max: max, multiline: false, on: req)
    }

    static func optionalName(_ value: String?, _ field: String, max: Int = 300, on req: Request) throws -> String? {
        try optional(value) { try name($0, field, max: max, on: req) }
    }

    /// Nil when the field was left out: absent, or only spaces and invisible characters.
    private static func optional(_ value: String?, _ check: (String) throws -> String) throws -> String? {
        guard let value else { return nil }
        if case .failure(.empty) = UserText.clean(value, multiline: true) { return nil }
        return try check(value)
    }

    private static func cleaned(_ value: String?, _ field: String, max: Int, multiline: Bool, on req: Request) throws -> String {
        switch UserText.clean(value ?? "", multiline: multiline) {
        case .failure(.empty):
            throw AppError.validation(field, req.t("validation.required", ["field": field]))
        case .failure(.controlCharacter):
            throw AppError.validation(field, req.t("validation.control_character", ["field": field]))
        case .failure(.bidiControl):
            throw AppError.validation(field, req.t("validation.bidi", ["field": field]))
        case let .success(text):
            // Scalars too: one letter with thousands of combining marks still counts as one character.
            guard text.count <= max, text.unicodeScalars.count <= max * 2 else {
                throw AppError.validation(field, req.t("validation.too_long", ["field": field, "max": String(max)]))
            }
            return text
        }
    }

    static func email(_ value: String?, _ field: String, on req: Request) throws -> String? {
        guard let email = try optionalText(value, field, max: 254, on: req) else { return nil }
        let parts = email.split(separator: "@")
        guard parts.count == 2, parts[1].contains("."), !email.contains(" ") else {
            throw AppError.validation(field, req.t("validation.email", ["field": field]))
        }
        return email
    }

    /// A telephone number as people write it ("0214 3840 123", "+84 214.3840.123", "(0214) 384-0123"): digits with
    /// spaces, dots, hyphens, brackets and one leading plus; 6 to 15 digits (E.164 allows at most 15).
    static func phone(_ value: String?, _ field: String, on req: Request) throws -> String? {
        guard let phone = try optionalName(value, field, max: 30, on: req) else { return nil }
        let allowed = CharacterSet(charactersIn: "0123456789 .-()+")
        let digits = phone.unicodeScalars.filter { CharacterSet.decimalDigits.contains($0) && $0.isASCII }.count
        guard phone.unicodeScalars.allSatisfy(allowed.contains), (6...15).contains(digits),
              !phone.dropFirst().contains("+") else {
            throw AppError.validation(field, req.t("validation.phone", ["field": field]))
        }
        return phone
    }

    static func code(_ value: String?, _ field: String, on req: Request) throws -> String {
        let code = try text(value, field, max: 40, on: req).uppercased()
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.")
        guard code.unicodeScalars.allSatisfy(allowed.contains) else {
            throw AppError.validation(field, req.t("validation.code", ["field": field]))
        }
        return code
    }

    /// A form's choice among a typed set; an unknown value is refused as the API's decoding refuses it (400).
    static func choice<T: LabelledValue>(_ value: String?, _ field: String, on req: Request) throws -> T {
        guard let value, let choice = T(rawValue: value.trimmingCharacters(in: .whitespaces)) else {
            throw AppError(.badRequest, "malformed-request", req.t("validation.choice", ["field": field, "values": T.choices]), field: field)
        }
        return choice
    }

    /// A whole number typed in a form: anything else is refused naming the field, never read as a stand-in value.
    static func whole(_ value: String?, _ field: String, on req: Request) throws -> Int {
        guard let text = value?.trimmingCharacters(in: .whitespaces), let number = Int(text) else {
            throw AppError.malformed(field, req.t("validation.whole_number", ["field": field]))
        }
        return number
    }

    /// Decodes a web form into the API's input type, as the API decodes JSON: an empty field is a field left out
    /// (a select's "none", an optional box left blank), so optional typed fields read as nil.
    static func formInput<T: Decodable>(_ type: T.Type, on req: Request) throws -> T {
        let body = req.body.string ?? ""
        let kept = body.split(separator: "&").filter { !$0.hasSuffix("=") }.joined(separator: "&")
        return try URLEncodedFormDecoder().decode(T.self, from: kept)
    }

    static func uuid(_ value: String?, _ field: String, on req: Request) throws -> UUID {
        guard let value, let id = UUID(uuidString: value.trimmingCharacters(in: .whitespaces)) else {
            throw AppError.validation(field, req.t("validation.uuid", ["field": field]))
        }
        return id
    }
}

extension Request {
    /// A query parameter that must be one of `allowed` when given: an unknown value is a 400 naming the choices,
    /// never a silent fallback that answers something the client did not ask for.
    func queryChoice(_ name: String, _ allowed: [String]) throws -> String? {
        guard let value = query[String.self, at: name], !value.isEmpty else { return nil }
        guard allowed.contains(value) else {
            throw AppError(.badRequest, "malformed-request",
                           t("validation.one_of", ["field": name, "values": allowed.joined(separator: ", ")]), field: name)
        }
        return value
    }

    /// The UUID in a path parameter; a malformed one is a 404, as for an unknown ID.
    func idParameter(_ name: String) throws -> UUID {
        guard let raw = parameters.get(name), let id = UUID(uuidString: raw) else {
            throw AppError.notFound(t("problem.not-found.detail"))
        }
        return id
    }
}
