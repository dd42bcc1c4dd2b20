import Foundation
import Vapor

/// `thidua audit-verify`: walks the audit chain; exits non-zero naming the first bad entry.
public struct AuditVerifyCommand: AsyncCommand {
    public struct Signature: CommandSignature {
        public init() {}
    }

    /// Thrown so the process exits non-zero.
    public struct ChainBroken: Error, CustomStringConvertible {
        public let seq: Int
        /// The problem in words (Vietnamese).
        public let reason: String
        /// The message printed, from the Vietnamese catalogue (`audit_verify.broken`).
        public let description: String
    }

    public init() {}

    public var help: String { "Verifies the hash chain of the audit log." }

    public func run(using context: CommandContext, signature: Signature) async throws {
        // The console speaks Vietnamese, the catalogue's default language.
        let localizer = context.application.localizer
        switch try await AuditLog.verify(on: context.application.db) {
        case let .intact(count):
            context.console.print(localizer.text("audit_verify.intact", Localizer.defaultLanguage, ["count": String(count)]))
        case let .broken(seq, problem):
            let reason = problem.text(seq: seq, localizer)
            let message = localizer.text("audit_verify.broken", Localizer.defaultLanguage, ["seq": String(seq), "reason": reason])
            let error = ChainBroken(seq: seq, reason: reason, description: message)
            context.console.error(error.description, newLine: true)
            throw error
        }
    }
}
