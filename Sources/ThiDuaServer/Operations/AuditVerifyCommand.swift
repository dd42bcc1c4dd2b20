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
        public let reason: String
        public var description: String { "Chuỗi nhật ký kiểm toán bị phá vỡ tại mục số \(seq): \(reason)." }
    }

    public init() {}

    public var help: String { "Verifies the hash chain of the audit log." }

    public func run(using context: CommandContext, signature: Signature) async throws {
        switch try await AuditLog.verify(on: context.application.db) {
        case let .intact(count):
            context.console.print("Nhật ký kiểm toán toàn vẹn: \(count) mục, chuỗi băm khớp.")
        case let .broken(seq, reason):
            let error = ChainBroken(seq: seq, reason: reason)
            context.console.error(error.description, newLine: true)
            throw error
        }
    }
}
