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
        // The console speaks Vietnamese, the catalogue's default language.
        let localizer = context.application.localizer
        func text(_ key: String, _ args: [String: String] = [:]) -> String {
            localizer.text(key, Localizer.defaultLanguage, args)
        }
        guard let id = UUID(uuidString: signature.ballotID), let ballot = try await Ballot.find(id, on: context.application.db) else {
            throw Mismatch(description: text("ballot_verify.not_found", ["id": signature.ballotID]))
        }
        guard ballot.status.hasResult, let published = BallotService.storedResult(ballot) else {
            throw Mismatch(description: text("ballot_verify.not_closed"))
        }
        if ballot.mode == .paper {
            context.console.print(text("ballot_verify.paper"))
            return
        }
        let recount = try await BallotService.recount(ballot, on: context.application.db)
        guard recount == published else {
            let error = Mismatch(description: text("ballot_verify.mismatch", ["id": id.uuidString]))
            context.console.error(error.description, newLine: true)
            throw error
        }
        context.console.print(text("ballot_verify.match", ["count": String(recount.ballotsCast)]))
    }
}
