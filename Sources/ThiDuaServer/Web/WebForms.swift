import Foundation
import ThiDuaCore
import Vapor

/// The button a web form was sent with, when one form offers several operations (open, close, count…).
/// The operations are the API's own; the button only says which one, as the API's path does.
protocol FormButton: RawRepresentable, CaseIterable, Sendable where RawValue == String {}

/// A web form whose fields cannot be the API's own, because people type them differently from programs
/// (a date and an hour in two boxes, one line per agenda item). It names the API input it becomes, and converts
/// in one place: from there the API's validation runs, so the web and the API refuse the same input alike.
protocol WebForm: Decodable {
    associatedtype Input
    func input(on req: Request) throws -> Input
}

extension Request {
    /// The form's `action` button: an unknown value is refused naming the choices, never read as a default.
    func button<B: FormButton>(_ type: B.Type = B.self) throws -> B {
        let value = try? content.get(String.self, at: "action")
        guard let value, let button = B(rawValue: value) else {
            let choices = B.allCases.map(\.rawValue).joined(separator: ", ")
            throw AppError(.badRequest, "malformed-request", t("validation.choice", ["field": "action", "values": choices]), field: "action")
        }
        return button
    }

    /// The form's fields as the API's input type: the API's decoding, with a blank field read as one left out.
    func formInput<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        try Validate.formInput(T.self, on: self)
    }

    /// A `WebForm`'s API input.
    func webForm<F: WebForm>(_ type: F.Type) throws -> F.Input {
        try formInput(F.self).input(on: self)
    }
}

extension ScoresAction: FormButton {}
