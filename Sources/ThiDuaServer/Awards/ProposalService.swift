import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// Proposals move draft → sent → decided; a decision writes the award history.
enum ProposalService {
    static func find(_ id: UUID, on req: Request) async throws -> (Proposal, Cycle) {
        guard let p = try await Proposal.find(id, on: req.db) else { throw AppError.notFound(req.t("award.proposal_not_found")) }
        return (p, try await CycleService.find(p.cycleID, on: req))
    }

    static func nominees(of p: Proposal, on db: Database) async throws -> [Nominee] {
        let ids = try await ProposalNominee.query(on: db).filter(\.$proposalID == p.requireID()).all().map(\.nomineeID)
        return try await Nominee.query(on: db).filter(\.$id ~~ ids).sort(\.$label).all()
    }

    // `dto` and `dtos` (built in bulk) are in ProposalDTOBuilder.swift.

    static func create(_ cycle: Cycle, _ input: ProposalInput, on req: Request) async throws -> Proposal {
        try req.authorize(.runCycle(cycle))
        let title = try Validate.text(input.title, "title", max: 500, on: req)
        let cycleID = try cycle.requireID()
        let found = try await Nominee.query(on: req.db).filter(\.$id ~~ input.nomineeIDs).filter(\.$cycleID == cycleID).count()
        guard !input.nomineeIDs.isEmpty, found == Set(input.nomineeIDs).count else {
            throw AppError.validation("nomineeIDs", req.t("award.bad_nominees"))
        }
        let actor = req.actorName
        return try await req.audited { db in
            let p = Proposal()
            p.cycleID = cycleID
            p.title = title
            p.status = .draft
            try await p.create(on: db)
            for id in Set(input.nomineeIDs) {
                let link = ProposalNominee()
                link.proposalID = try p.requireID()
                link.nomineeID = id
                try await link.create(on: db)
            }
            return (p, AuditRecord(actor: actor, action: "create", entity: "proposal", entityID: try p.requireID().uuidString,
                                   before: String?.none, after: ["title": title, "nominees": String(input.nomineeIDs.count)]))
        }
    }

    /// Sending with eligibility warnings needs a recorded reason.
    static func send(_ id: UUID, _ input: SendInput, on req: Request) async throws -> Proposal {
        let (p, cycle) = try await find(id, on: req)
        try req.authorize(.runCycle(cycle))
        guard p.status.canSend else { throw AppError.conflict(req.t("award.not_draft")) }
        let members = try await nominees(of: p, on: req.db)
        let warnings = try await AwardService.warnings(for: members, cycle: cycle, on: req.db)
        // Stored as cleaned text (UserText).
        let reason = try Validate.optionalText(input.overrideReason, "overrideReason", max: 2000, on: req) ?? ""
        if !warnings.isEmpty, reason.isEmpty {
            throw AppError.validation("overrideReason", req.t("award.warnings_need_reason", ["warnings": warnings.joined(separator: "; ")]))
        }
        let documents = try await ProposalDocuments.forSending(p, cycle: cycle, nominees: members, on: req)
        let actor = req.actorName
        let now = req.now
        return try await req.audited { db in
            p.status = .sent
            p.sentAt = now
            p.overrideReason = reason.isEmpty ? nil : reason
            try await p.save(on: db)
            for link in documents { try await link.create(on: db) }
            return (p, AuditRecord(actor: actor, action: "send", entity: "proposal", entityID: id.uuidString,
                                   before: ["status": "draft"],
                                   after: ["status": "sent", "overrideReason": reason, "documents": String(documents.count)]))
        }
    }

    /// A provincial reviewer or the secretariat records the decision; every nominee of the proposal is decided.
    static func decide(_ id: UUID, _ input: DecisionInput, on req: Request) async throws -> Decision {
        let (p, cycle) = try await find(id, on: req)
        try req.authorize(.decide(cycle))
        guard p.status.canDecide else { throw AppError.conflict(req.t("award.not_sent")) }
        let number = try Validate.text(input.number, "number", max: 60, on: req)
        let issuer = try Validate.text(input.issuer, "issuer", on: req)
        guard LocalDate.supported(input.date) != nil else { throw AppError.validation("date", req.t("milestone.bad_due_at")) }
        let members = try await nominees(of: p, on: req.db)
        guard Set(input.items.map(\.nomineeID)) == Set(members.compactMap(\.id)) else {
            throw AppError.validation("items", req.t("award.items_must_match"))
        }
        let actor = req.actorName
        let now = req.now
        // The agenda's outcome goes into the minutes, which are written in Vietnamese.
        let outcome = req.application.localizer.text("award.decision_outcome", Localizer.defaultLanguage,
                                                     ["number": number, "date": input.date, "issuer": issuer])
        return try await req.audited { db in
            let d = Decision()
            d.proposalID = id
            d.number = number
            d.date = input.date
            d.issuer = issuer
            d.method = (input.method ?? .regular).rawValue
            d.recordedAt = now
            try await d.create(on: db)
            for item in input.items {
                guard let n = members.first(where: { $0.id == item.nomineeID }) else { continue }
                let entry = AwardEntry()
                entry.decisionID = try d.requireID()
                entry.nomineeID = item.nomineeID
                entry.unitID = n.unitID
                entry.personID = n.personID
                entry.award = n.award
                entry.year = cycle.year
                entry.awarded = item.awarded
                try await entry.create(on: db)
            }
            p.status = .decided
            try await p.save(on: db)
            if let conference = try await ConferenceService.find(cycleID: cycle.requireID(), on: db) {
                for agenda in try await AgendaItem.query(on: db).filter(\.$conferenceID == conference.requireID()).filter(\.$link == .decisions).all() {
                    agenda.outcome = [agenda.outcome, outcome].compactMap { $0 }.joined(separator: "; ")
                    try await agenda.save(on: db)
                }
            }
            return (d, AuditRecord(actor: actor, action: "decide", entity: "proposal", entityID: id.uuidString,
                                   before: String?.none, after: input))
        }
    }
}
