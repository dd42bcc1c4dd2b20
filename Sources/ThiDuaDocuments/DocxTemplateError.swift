import Foundation

/// Why a `.docx` template was refused or could not be filled; `message` is shown to the user as is.
public struct DocxTemplateError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, for callers that react differently (an upload form vs. a server log).
    public enum Reason: String, Sendable, Equatable {
        /// Not a ZIP, a damaged ZIP, or a ZIP without `word/document.xml`.
        case notDocx
        /// A placeholder the data does not provide.
        case unknownPlaceholder
        /// A loop or conditional opened without a close, closed without an open, or closed with another name.
        case unbalanced
        /// Tags whose placement cannot be repeated or removed while keeping the document valid.
        case misplaced
        /// At render time: a value is missing or has the wrong type.
        case badData
    }

    public var reason: Reason
    public var message: String
    /// The placeholders concerned, as written in the template (without braces).
    public var placeholders: [String]

    public init(_ reason: Reason, _ message: String, placeholders: [String] = []) {
        self.reason = reason
        self.message = message
        self.placeholders = placeholders
    }

    public var description: String { message }

    static func notDocx(_ detail: String) -> DocxTemplateError {
        DocxTemplateError(.notDocx, "Tệp mẫu không phải .docx hợp lệ: \(detail)")
    }
}
