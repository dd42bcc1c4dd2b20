import Foundation
import ThiDuaCore
import Vapor

/// `thidua ballot-verify <ballotID>`: recounts an electronic round from its stored papers and compares
/// with the published result; exits non-zero on any difference.
public struct BallotVerifyCommand: AsyncCommand {
    public struct Signature: CommandSignature {
        @Argument(name: "ballotID", help: "The ballot round to recount")
        var ballotID: String
        public init() {}
    }

    /// Thrown so the process exits non-zero.
    public struct Mismatch: Error, CustomStringConvertible {
        public let description: String
    }

    public init() {}
    public var help: String { "Recounts a ballot round from the stored ballots and compares it with the published result." }

    public func run(using context: CommandContext, signature: Signature) async throws {
        guard let id = UUID(uuidString: signature.ballotID), let ballot = try await Ballot.find(id, on: context.application.db) else {
            throw Mismatch(description: "Không tìm thấy cuộc bỏ phiếu \(signature.ballotID).")
        }
        guard ballot.status == .closed, let published = BallotService.storedResult(ballot) else {
            throw Mismatch(description: "Cuộc bỏ phiếu chưa kết thúc nên chưa có kết quả công bố.")
        }
        if ballot.mode == .paper {
            context.console.print("Bỏ phiếu giấy: kết quả do Ban kiểm phiếu nhập, không có phiếu điện tử để kiểm lại.")
            return
        }
        let recount = try await BallotService.recount(ballot, on: context.application.db)
        guard recount == published else {
            let error = Mismatch(description: "Kết quả kiểm lại KHÁC kết quả đã công bố của cuộc bỏ phiếu \(id.uuidString).")
            context.console.error(error.description, newLine: true)
            throw error
        }
        context.console.print("Kết quả kiểm lại từ \(recount.ballotsCast) phiếu đã lưu khớp với kết quả đã công bố.")
    }
}
