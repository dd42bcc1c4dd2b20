import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

struct ProposalDocumentDTO: Content {
    var id: UUID
    /// `letter` or `report`.
    var role: ProposalAttachmentRole
    /// The letter's number, or "unit — requirement (version n)" for a report.
    var title: String
    /// The file for API clients (bearer token).
    var url: String
    /// The same file for the web pages (session).
    var webURL: String
    /// A report's unit (the one whose file it is): the board checks each nominee has its report.
    var unitID: UUID? = nil
}

struct ProposalDocumentInput: Content {
    var role: ProposalAttachmentRole?
    var documentID: UUID?
    var submissionID: UUID?
}

/// The documents a proposal goes with: the proposal letter (tờ trình) and the nominees' achievement reports.
enum ProposalDocuments {

    /// Achievement reports are the requirements whose role says so (individual, collective, the flag nominee's
    /// signed original), whatever their title.
    static func isAchievementReport(_ requirement: Requirement) -> Bool {
        requirement.role == .achievementReport
    }

    /// The proposal's documents; a report's title is worded in `language`.
    static func list(_ p: Proposal, localizer: Localizer, language: String = Localizer.defaultLanguage,
                     on db: Database) async throws -> [ProposalDocumentDTO] {
        try await lists([p], localizer: localizer, language: language, on: db)[p.requireID()] ?? []
    }

    /// The documents of many proposals, by proposal ID, each list in link order: five queries whatever the number of
    /// proposals and links (the links, then the documents, submissions, requirements and units each once), not finds per link.
    static func lists(_ proposals: [Proposal], localizer: Localizer, language: String = Localizer.defaultLanguage,
                      on db: Database) async throws -> [UUID: [ProposalDocumentDTO]] {
        let proposalIDs = try proposals.map { try $0.requireID() }
        let links = try await ProposalAttachment.query(on: db).filter(\.$proposalID ~~ proposalIDs).sort(\.$linkedAt).all()
        let documents = keyed(try await GeneratedDocument.query(on: db).filter(\.$id ~~ Set(links.compactMap(\.generatedDocumentID))).all())
        let submissions = keyed(try await Submission.query(on: db).filter(\.$id ~~ Set(links.compactMap(\.submissionID))).all())
        let requirements = keyed(try await Requirement.query(on: db).filter(\.$id ~~ Set(submissions.values.map(\.requirementID))).all())
        let units = keyed(try await Unit.query(on: db).filter(\.$id ~~ Set(submissions.values.map(\.unitID))).all())
        var result: [UUID: [ProposalDocumentDTO]] = [:]
        for link in links {
            // As before: a link to a document that is gone falls back to its submission, and is left out without one.
            if let id = link.generatedDocumentID, let doc = documents[id] {
                result[link.proposalID, default: []].append(ProposalDocumentDTO(
                    id: link.id!, role: link.role, title: doc.number,
                    url: SiteURL.Path.apiDocument.link(id), webURL: SiteURL.Path.generatedDocument.link(id)))
            } else if let id = link.submissionID, let s = submissions[id] {
                let requirement = requirements[s.requirementID]
                let unit = units[s.unitID]
                let title = localizer.text("proposal_document.submission_title", language,
                                           ["unit": unit?.name ?? "", "title": requirement?.title ?? "", "version": String(s.version)])
                result[link.proposalID, default: []].append(ProposalDocumentDTO(
                    id: link.id!, role: link.role, title: title,
                    url: SiteURL.Path.apiSubmissionFile.link(id), webURL: SiteURL.submissionFile(id), unitID: s.unitID))
            }
        }
        return result
    }

    /// Rows by their ID, for joining in memory.
    private static func keyed<M: Model>(_ rows: [M]) -> [UUID: M] where M.IDValue == UUID {
        Dictionary(rows.compactMap { row in row.id.map { ($0, row) } }, uniquingKeysWith: { first, _ in first })
    }

    /// The secretariat attaches a generated document or a submission of the same cycle to a draft proposal.
    static func link(_ proposalID: UUID, _ input: ProposalDocumentInput, on req: Request) async throws -> ProposalAttachment {
        let (p, cycle) = try await ProposalService.find(proposalID, on: req)
        try req.authorize(.runCycle(cycle))
        guard p.status.isEditable else { throw AppError.conflict(req.t("award.not_draft")) }
        let cycleID = try cycle.requireID()
        let link = ProposalAttachment()
        link.proposalID = proposalID
        link.linkedAt = req.now
        switch (input.documentID, input.submissionID) {
        case let (documentID?, nil):
            guard let doc = try await GeneratedDocument.find(documentID, on: req.db), doc.cycleID == cycleID else {
                throw AppError.validation("documentID", req.t("award.document_not_in_cycle"))
            }
            link.generatedDocumentID = documentID
            link.role = input.role ?? .letter
        case let (nil, submissionID?):
            guard let s = try await Submission.find(submissionID, on: req.db),
                  try await Requirement.find(s.requirementID, on: req.db)?.$cycle.id == cycleID else {
                throw AppError.validation("submissionID", req.t("award.document_not_in_cycle"))
            }
            link.submissionID = submissionID
            link.role = input.role ?? .report
        default:
            throw AppError.validation("documentID", req.t("award.document_one_of"))
        }
        let actor = req.actorName
        do {
            return try await req.audited { db in
                try await link.create(on: db)
                return (link, AuditRecord(actor: actor, action: "attach", entity: "proposal", entityID: proposalID.uuidString,
                                          before: String?.none, after: input))
            }
        } catch let error as DatabaseError where error.isConstraintFailure {
            throw AppError.conflict(req.t("award.document_already_linked"))
        }
    }

    /// What a proposal is sent with, unless already attached: the cycle's latest proposal letter (made now when there
    /// is none yet and the data allows), and each nominee unit's latest achievement reports that were not returned.
    static func forSending(_ p: Proposal, cycle: Cycle, nominees: [Nominee], on req: Request) async throws -> [ProposalAttachment] {
        let cycleID = try cycle.requireID()
        let proposalID = try p.requireID()
        let attached = try await ProposalAttachment.query(on: req.db).filter(\.$proposalID == proposalID).all()
        var result: [ProposalAttachment] = []
        func add(role: ProposalAttachmentRole, document: UUID? = nil, submission: UUID? = nil) {
            guard !attached.contains(where: { (document != nil && $0.generatedDocumentID == document) || (submission != nil && $0.submissionID == submission) })
            else { return }
            let link = ProposalAttachment()
            link.proposalID = proposalID
            link.role = role
            link.generatedDocumentID = document
            link.submissionID = submission
            link.linkedAt = req.now
            result.append(link)
        }
        if !attached.contains(where: { $0.role == .letter }) {
            var letter = try await GeneratedDocument.query(on: req.db).filter(\.$cycleID == cycleID)
                .filter(\.$kind == DocumentRecordKind(.proposal)).sort(\.$createdAt, .descending).first()
            if letter == nil, try await DocumentService.missing(.proposal, cycle: cycle, on: req.db) == nil {
                do { letter = try await DocumentService.generate(.proposal, cycle: cycle, on: req).0 } catch let error as AppError {
                    // The province expects the letter with the proposal: say what keeps it from being made.
                    var explained = error
                    explained.detail = req.t("award.letter_failed", ["detail": error.detail])
                    throw explained
                }
            }
            if let id = letter?.id { add(role: .letter, document: id) }
        }
        let reports = try await Requirement.query(on: req.db).filter(\.$cycle.$id == cycleID).all().filter(isAchievementReport)
        for latest in try await latestSubmissions(requirements: reports, units: Set(nominees.map(\.unitID)), on: req.db)
        where latest.review != .returned {
            add(role: .report, submission: latest.id)
        }
        return result
    }

    /// Each unit's latest version for each requirement, in one query, ordered by requirement then unit.
    static func latestSubmissions(requirements: [Requirement], units: Set<UUID>, on db: Database) async throws -> [Submission] {
        let order = Dictionary(requirements.enumerated().compactMap { i, r in r.id.map { ($0, i) } }, uniquingKeysWith: { a, _ in a })
        let all = try await Submission.query(on: db).filter(\.$requirementID ~~ Array(order.keys)).filter(\.$unitID ~~ Array(units)).all()
        let latest = Dictionary(grouping: all) { "\($0.requirementID)|\($0.unitID)" }.values.compactMap { $0.max { $0.version < $1.version } }
        return latest.sorted { (order[$0.requirementID] ?? 0, $0.unitID.uuidString) < (order[$1.requirementID] ?? 0, $1.unitID.uuidString) }
    }

    /// What can be attached to a proposal: the cycle's generated documents, and the latest file of each nominee unit for
    /// each requirement; `value` is "document:<id>" or "submission:<id>", as the attach form sends it back.
    static func attachable(_ cycle: Cycle, on req: Request) async throws -> [(value: String, label: String)] {
        let cycleID = try cycle.requireID()
        var options: [(value: String, label: String)] = []
        for doc in try await DocumentService.records(of: cycleID, on: req.db) {
            options.append((value: "document:\(doc.id!.uuidString)", label: "\(req.t(doc.kind.template.labelKey)) — \(doc.number)"))
        }
        let unitIDs = Set(try await Nominee.query(on: req.db).filter(\.$cycleID == cycleID).all().map(\.unitID))
        let units = try await Unit.query(on: req.db).filter(\.$id ~~ unitIDs).all()
        let requirements = try await Requirement.query(on: req.db).filter(\.$cycle.$id == cycleID).sort(\.$code).all()
        let names = Dictionary(units.compactMap { u in u.id.map { ($0, u.name) } }, uniquingKeysWith: { a, _ in a })
        for s in try await ProposalDocuments.latestSubmissions(requirements: requirements, units: Set(names.keys), on: req.db) {
            guard let r = requirements.first(where: { $0.id == s.requirementID }) else { continue }
            options.append((value: "submission:\(s.id!.uuidString)", label: req.t("proposal_document.submission_title",
                                                ["unit": names[s.unitID] ?? "", "title": "\(r.code): \(r.title)", "version": String(s.version)])))
        }
        return options
    }
}
