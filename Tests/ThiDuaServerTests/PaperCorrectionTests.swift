import Fluent
import Foundation
import ThiDuaCore
import Testing
import VaporTesting
@testable import ThiDuaServer

@Suite("Correcting a paper count")
struct PaperCorrectionTests {
    @Test("a recorded count is corrected with a reason; the outcome flows on again; not once a proposal or a run-off builds on it")
    func correction() async throws {
        try await withApp { app in
            let f = try await BallotFixture.make(app)
            let ballot = try await f.createBallot(#"{"kind":"flag","maxChoices":1,"quota":1,"mode":"paper"}"#)
            let path = "/api/v1/ballots/\(ballot)/paper-count"
            let u = f.units.map(\.uuidString)
            func count(_ winner: Int, _ reason: String? = nil) -> String {
                let loser = winner == 2 ? 1 : 2
                let why = reason.map { #","correctionReason":"\#($0)""# } ?? ""
                return #"{"issued":4,"cast":4,"invalid":0,"counts":[{"unitID":"\#(u[winner])","votes":3},{"unitID":"\#(u[loser])","votes":1}]\#(why)}"#
            }
            #expect(try await send(app, .POST, path, token: f.secretariat, json: count(2)).status == .ok)
            // A second count without a reason is refused and says how to correct.
            let noReason = try await send(app, .POST, path, token: f.secretariat, json: count(1))
            #expect(noReason.status == .unprocessableEntity && noReason.problem?.field == "correctionReason")
            #expect(try await send(app, .POST, path, token: f.tokens[3], json: count(1, "x")).status == .forbidden)
            let corrected = try await send(app, .POST, path, token: f.secretariat, json: count(1, "Ban kiểm phiếu kiểm lại, ghi nhầm hai dòng"))
            #expect(corrected.status == .ok, "\(corrected.body.string)")
            #expect(try corrected.content.decode(BallotResultDTO.self).outcome == [u[1]])
            // The outcome flowed on: the flag nominee and the unit owing originals are now unit 1.
            let nominees = try await Nominee.query(on: app.db).filter(\.$source == .ballot).all()
            #expect(nominees.map(\.unitID) == [f.units[1]])
            let entry = try #require(try await AuditEntry.query(on: app.db).filter(\.$action == "paper-count-correction").first())
            #expect(entry.before?.contains(u[2]) == true && entry.after?.contains("Ban kiểm phiếu kiểm lại") == true)
            // Once a proposal holds the nominee, the count stays.
            let proposal = try await send(app, .POST, "/api/v1/cycles/\(f.cycleID)/proposals", token: f.secretariat,
                                          json: #"{"title":"Tờ trình","nomineeIDs":["\#(nominees[0].id!)"]}"#)
            #expect(proposal.status == .created)
            let late = try await send(app, .POST, path, token: f.secretariat, json: count(2, "lần nữa"))
            #expect(late.status == .conflict && late.body.string.contains("tờ trình"))
            // The closed round's page offers the correction form, filled with the recorded figures.
            var browser = Browser(app: app)
            _ = try await browser.signIn("voter.0")
            let page = try await browser.get("/ballots/\(ballot)").body.string
            #expect(page.contains("data-testid=\"paper-correction\"") && page.contains("name=\"counts[\(u[1])]\" min=\"0\" value=\"3\""))
        }
    }
}
