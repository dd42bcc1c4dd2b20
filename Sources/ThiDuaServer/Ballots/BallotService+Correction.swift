import Fluent
import Foundation
import ThiDuaCore
import Vapor

extension BallotService {
    /// nil for a first paper count. A closed paper round may be counted again, with a reason, as long as nothing
    /// has been built on its outcome yet: no run-off round, and (for the flag) no proposal holding its nominees.
    /// The new figures replace the old ones, both kept in the audit entry, and the outcome flows on again.
    static func correctionReason(for b: Ballot, _ input: PaperCountInput, on req: Request) async throws -> String? {
        guard b.status.hasResult else { return nil }
        guard b.paperCount != nil else { throw AppError.conflict(req.t("ballot.already_closed")) }
        // Stored as cleaned text (UserText).
        guard let reason = try Validate.optionalText(input.correctionReason, "correctionReason", max: 1000, on: req) else {
            throw AppError.validation("correctionReason", req.t("ballot.correction_needs_reason"))
        }
        if try await Ballot.query(on: req.db).filter(\.$parentID == b.requireID()).first() != nil {
            throw AppError.conflict(req.t("ballot.correction_after_runoff"))
        }
        if b.kind == .flag {
            let nominees = try await Nominee.query(on: req.db).filter(\.$cycleID == b.cycleID).filter(\.$source == .ballot).all().compactMap(\.id)
            if try await ProposalNominee.query(on: req.db).filter(\.$nomineeID ~~ nominees).first() != nil {
                throw AppError.conflict(req.t("ballot.correction_after_proposal"))
            }
        }
        return reason
    }
}
