import Foundation
import Vapor

/// `thidua audit-verify`: walks the audit chain; exits non-zero naming the first bad entry.
public struct AuditVerifyCommand: AsyncCommand {
    public struct Signature: CommandSignature {
        @Option(name: "expect-head", help: "A head hash published earlier (count minutes, public page): it must still be in the chain")
        var expectHead: String?
        public init() {}
    }

    /// Thrown when a published head is no longer in the chain: the entries from it on were deleted or rewritten.
    public struct HeadMissing: Error, CustomStringConvertible {
        public let description: String
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
            if let head = try await AuditLog.head(on: context.application.db) {
                context.console.print(localizer.text("audit_verify.head", Localizer.defaultLanguage,
                                                     ["seq": String(head.seq), "hash": head.hash]))
            }
            // A chain that lost its newest entries is still a valid chain: only a head published outside it tells.
            if let expected = signature.expectHead?.trimmingCharacters(in: .whitespaces), !expected.isEmpty {
                guard let anchored = try await AuditLog.entry(hash: expected, on: context.application.db) else {
                    let error = HeadMissing(description: localizer.text("audit_verify.head_missing", Localizer.defaultLanguage,
                                                                        ["hash": expected]))
                    context.console.error(error.description, newLine: true)
                    throw error
                }
                context.console.print(localizer.text("audit_verify.head_found", Localizer.defaultLanguage, ["seq": String(anchored.seq)]))
            }
        case let .broken(seq, problem):
            let reason = problem.text(seq: seq, localizer)
            let message = localizer.text("audit_verify.broken", Localizer.defaultLanguage, ["seq": String(seq), "reason": reason])
            let error = ChainBroken(seq: seq, reason: reason, description: message)
            context.console.error(error.description, newLine: true)
            throw error
        }
    }
}
