import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// The board's draft of the chairman's decision for a year (issue 17): every flag nominee of the proposals the board
/// accepted, with its bloc, in the State style; the number and the signer's name are left for the chairman's office.
enum DecisionDraft {
    /// The years that have accepted flag nominees, newest first, for the inbox's links.
    static func years(_ rows: [ProposalReview.InboxRow]) -> [Int] {
        Set(rows.filter { $0.proposal.status == .accepted && $0.proposal.nominees.contains { $0.award == AwardService.flagKey } }
            .map(\.year)).sorted(by: >)
    }

    static func data(year: Int, on req: Request) async throws -> DecisionData {
        try req.authorize(.reviewProposals)
        let rows = try await ProposalReview.inbox(on: req).filter { $0.year == year && $0.proposal.status == .accepted }
        // Once the council has voted on the flag, the decision lists whom it chose; before, every accepted nominee.
        let province = try await BoardScope.province(on: req)
        let voted = try await CouncilBallots.voted(year: year, award: AwardService.flagKey, province: province, on: req.db)
        let awardees = rows.flatMap { row in
            row.proposal.nominees.filter { $0.award == AwardService.flagKey && voted.map { [id = $0.id] in $0.contains(id) } ?? true }
                .map { DecisionData.Awardee(unit: $0.label, bloc: row.blocName) }
        }
        guard let first = rows.first, !awardees.isEmpty, let cycle = try await Cycle.find(first.cycleID, on: req.db) else {
            throw AppError.notFound(req.t("decision_draft.none", ["year": String(year)]))
        }
        let bloc = try await CycleService.bloc(of: cycle, on: req.db)
        let ruleSet = try await BallotService.ruleSet(of: cycle, on: req.db)
        let place = bloc?.place ?? ""
        let today = DeadlineCalendar(holidays: []).localDate(of: req.now)
        // Numbered from the province's register in the year it is drafted; the same draft keeps its number.
        let number = try await ProvinceRegister.number(for: "decision:\(AwardService.flagKey):\(year)", year: today.year,
                                                         province: province, on: req.db)
        return DecisionData.compose(.init(
            province: place, place: place, year: year, date: today, legalBases: ruleSet?.legalBasis ?? [],
            awardees: VietnameseText.sorted(awardees, by: { "\($0.bloc) \($0.unit)" }), number: number))
    }

    /// The `.docx`, from the template in force for decisions (the administrator's, else the built-in one).
    static func docx(_ req: Request) async throws -> Response {
        guard let year = req.parameters.get("year", as: Int.self) else { throw AppError.notFound(req.t("problem.not-found.detail")) }
        let data = try await data(year: year, on: req)
        return try await DocumentService.download(.decision, DecisionDocument.value(data),
                                                  name: req.t("decision_draft.file", ["year": String(year)]), on: req)
    }
}
