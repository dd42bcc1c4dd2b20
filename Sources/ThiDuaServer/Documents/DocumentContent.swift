import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// What a document is made of: its data (as the template's value and as JSON for the record's hash) and number.
struct DocumentContent {
    var kind: BuiltInTemplate
    var value: DocxValue
    var json: String
    var number: String
    var columns: Int = 5
}

/// Builds each kind's data from the cycle's live data; the heading, place and signer come from the plan's data,
/// and ThiDuaDocuments' model sentences word what the data does not.
enum DocumentContentBuilder {
    /// The document type's abbreviation in a number ("TTr" in "12-TTr/KTĐ"); the bloc's own abbreviation follows it.
    static let symbols: [BuiltInTemplate: String] = [.plan: "KH", .invitation: "GM", .minutes: "BB", .countMinutes: "BBKP",
                                                    .proposal: "TTr", .scoreSummary: "BTH"]

    /// The number a re-generation keeps; a new document of a kind takes the next number of the bloc's register.
    static func number(_ kind: BuiltInTemplate, cycle: Cycle, ballotID: UUID? = nil, on req: Request) async throws -> String {
        let key = DocumentRecordKind(kind, ballotID: ballotID)
        if let earlier = try await GeneratedDocument.query(on: req.db).filter(\.$cycleID == cycle.requireID())
            .filter(\.$kind == key).sort(\.$createdAt, .descending).first() {
            return earlier.number
        }
        let year = DeadlineCalendar(holidays: []).localDate(of: req.now).year
        let seq = try await PlanDataService.allocateNumber(blocID: cycle.$bloc.id, year: year, kind: key, on: req.db)
        let bloc = try await CycleService.bloc(of: cycle, on: req.db)
        return String(format: "%02d-", seq) + (symbols[kind] ?? "VB") + "/" + (bloc?.numberSymbol ?? "KTĐ")
    }

    static func content(_ kind: BuiltInTemplate, cycle: Cycle, ballot: Ballot? = nil, on req: Request) async throws -> DocumentContent {
        var plan = try await PlanDataService.planData(cycle, on: req)
        let bloc = try await Bloc.find(cycle.$bloc.id, on: req.db)
        // The issued plan keeps the heading it was issued with; every later document carries the bloc as it is now,
        // so a corrected issuer or place shows in the next invitation.
        if kind != .plan, let bloc {
            (plan.issuerParent, plan.issuerName) = (bloc.issuer.uppercased(), bloc.name.uppercased())
            (plan.blocName, plan.place) = (bloc.name, bloc.place ?? "……")
        }
        let today = DeadlineCalendar(holidays: []).localDate(of: req.now)
        let names = try await BallotService.names(localizer: req.application.localizer, on: req.db)
        switch kind {
        case .decision:
            // The province's decision is drafted by the board for a year (`DecisionDraft`), not from one cycle.
            throw AppError(.conflict, "document-unavailable", req.t("decision_draft.not_a_cycle_document"))
        case .plan:
            return DocumentContent(kind: kind, value: PlanDocument.value(plan), json: AuditLog.json(plan), number: plan.number)
        case .invitation:
            guard let conference = try await ConferenceService.find(cycleID: cycle.requireID(), on: req.db) else {
                throw AppError(.conflict, "document-unavailable", req.t("document.no_conference"))
            }
            let dto = try await ConferenceService.dto(conference, on: req.db)
            let head = try await DirectoryService.unit(cycle.$headUnit.id, on: req.db)
            let data = InvitationData.compose(InvitationFacts(
                issuerParent: plan.issuerParent, issuerName: plan.issuerName, blocName: plan.blocName, place: plan.place,
                number: try await number(kind, cycle: cycle, on: req), date: today, year: cycle.year,
                time: DocxFormat.time(conference.startsAt), venue: conference.venue, online: conference.form == .online,
                invitees: dto.participants.map { "\($0.name): \($0.members)" },
                agenda: dto.agenda.map { "\($0.part) — \($0.number). \($0.text)" },
                headUnit: head?.name ?? "", signer: plan.signer,
                contact: InvitationFacts.Contact(person: bloc?.contactName, phone: bloc?.contactPhone,
                                                 email: bloc?.contactEmail ?? head?.contactEmail)))
            return DocumentContent(kind: kind, value: InvitationDocument.value(data), json: AuditLog.json(data), number: data.number)
        case .minutes:
            guard let conference = try await ConferenceService.find(cycleID: cycle.requireID(), on: req.db) else {
                throw AppError(.conflict, "document-unavailable", req.t("document.no_conference"))
            }
            let attendance = try await ConferenceService.attendance(cycle: cycle, on: req.db)
            let dto = try await ConferenceService.dto(conference, on: req.db)
            let ballots = try await Ballot.query(on: req.db).filter(\.$cycleID == cycle.requireID()).filter(\.$status == .closed)
                .sort(\.$closedAt).all().compactMap { b in
                    BallotService.storedResult(b).map { r in
                        MinutesData.Ballot(title: b.title, cast: r.ballotsCast, valid: r.valid, invalid: r.invalid,
                                           candidates: CandidateVotes.lines(r, names: names),
                                           outcome: r.outcome.map { names[$0] ?? $0 }.joined(separator: "; "))
                    }
                }
            // Each fact once: I. from the conference and attendance, II. the secretariat's text, III. the ballots.
            // The chair and secretary as the conference recorded them; lines to sign by hand until it does.
            let unrecorded = MinutesData.Person(name: "……………………………", position: "……………………………")
            let officers = conference.officers
            let body: String
            if let saved = conference.minutes { body = saved } else { body = try await MinutesService.draft(cycle, on: req) }
            let data = MinutesData(
                issuerParent: plan.issuerParent, issuerName: plan.issuerName, number: try await number(kind, cycle: cycle, on: req),
                place: plan.place, date: DeadlineCalendar(holidays: []).localDate(of: conference.startsAt),
                summary: "Hội nghị tổng kết phong trào thi đua, công tác khen thưởng năm \(cycle.year) của \(plan.blocName)",
                time: DocxFormat.time(conference.startsAt), venue: conference.venue,
                chair: officers.chair.map { .init(name: $0.name, position: $0.position) } ?? unrecorded,
                secretary: officers.secretary.map { .init(name: $0.name, position: $0.position) } ?? unrecorded,
                guests: dto.participants.map { "\($0.name): \($0.members)" }, membersPresent: attendance.present,
                members: attendance.members,
                attendance: attendance.units.map { .init(unit: $0.unitName, representative: $0.representative ?? "", present: $0.present) },
                body: body, ballots: ballots,
                closingTime: conference.endsAt.map(DocxFormat.time) ?? "……", conclusion: conference.conclusion ?? "")
            return DocumentContent(kind: kind, value: MinutesDocument.value(data), json: AuditLog.json(data), number: data.number)
        case .countMinutes:
            guard let ballot, let result = BallotService.storedResult(ballot) else { throw AppError.conflict(req.t("ballot.not_open")) }
            let date = DeadlineCalendar(holidays: []).localDate(of: ballot.closedAt ?? req.now)
            // The count's own facts; the committee as the conference recorded it, or lines to sign by hand.
            let counted = ballot.closedAt ?? req.now
            var clock = Calendar(identifier: .gregorian)
            clock.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
            let opening = CountMinutesData.opening(
                hour: clock.component(.hour, from: counted), minute: clock.component(.minute, from: counted), date: date,
                year: cycle.year, blocName: plan.blocName, ballotTitle: ballot.title, quota: ballot.quota,
                threshold: BallotService.threshold(of: ballot))
            let committee = try await ConferenceService.officers(cycleID: cycle.requireID(), on: req.db).countingCommittee.map { CountMinutesData.Member(name: $0.name, unit: $0.position) }
            let issued = (try? JSONDecoder().decode(PaperCountInput.self, from: Data((ballot.paperCount ?? "").utf8)))?.issued
            var data = CountMinutesData(
                issuerParent: plan.issuerParent, issuerName: plan.issuerName,
                number: try await number(kind, cycle: cycle, ballotID: ballot.id, on: req), place: plan.place, date: date,
                ballotTitle: ballot.title, round: String(ballot.round), opening: opening,
                head: committee.first ?? CountMinutesData.unrecorded,
                members: committee.count > 1 ? Array(committee.dropFirst()) : [CountMinutesData.unrecorded, CountMinutesData.unrecorded],
                eligibleVoters: result.eligibleVoters, present: result.eligibleVoters, issued: issued ?? result.ballotsCast,
                cast: result.ballotsCast, valid: result.valid, invalid: result.invalid, invalidReasons: "",
                candidates: CandidateVotes.lines(result, names: names),
                outcome: result.outcome.isEmpty ? req.t("outcome_none") : result.outcome.map { names[$0] ?? $0 }.joined(separator: "; "),
                tieNote: result.tie.isEmpty ? "" : req.t("tie_at_cutoff") + ": " + result.tie.map { names[$0] ?? $0 }.joined(separator: "; "),
                receipts: [])
            data.receipts = try await BallotPaper.query(on: req.db).filter(\.$ballotID == ballot.requireID()).all().map(\.receipt).sorted()
            if let close = try await AuditLog.latest(action: "close", entity: "ballot", entityID: ballot.requireID().uuidString, on: req.db) {
                data.auditAnchor = req.t("count_minutes.audit_anchor", ["seq": String(close.seq), "hash": AuditLog.grouped(close.hash)])
            }
            return DocumentContent(kind: kind, value: CountMinutesDocument.value(data), json: AuditLog.json(data), number: data.number)
        case .proposal, .scoreSummary:
            return try await rankingContent(kind, cycle: cycle, plan: plan, today: today, names: names, on: req)
        }
    }

    /// The proposal's annex and the score summary both come from the ranking (and the flag ballot's votes).
    static func rankingContent(_ kind: BuiltInTemplate, cycle: Cycle, plan: PlanData, today: LocalDate, names: [String: String],
                               on req: Request) async throws -> DocumentContent {
        let rows = try await RankingService.ranking(cycle, on: req.db)
        guard rows.contains(where: \.scored) else { throw AppError(.conflict, "document-unavailable", req.t("document.no_ranking")) }
        if kind == .scoreSummary {
            let table = try await ScoringTableService.current(cycleID: cycle.requireID(), on: req.db).map(ScoringTableService.decode)
            let data = ScoreSummaryData.compose(
                issuerParent: plan.issuerParent, issuerName: plan.issuerName, blocName: plan.blocName, place: plan.place,
                number: try await number(kind, cycle: cycle, on: req), date: today, year: cycle.year,
                sections: (rows.first?.sections ?? []).map { .init(code: $0.code, title: $0.title, max: $0.max) },
                bonusCap: table?.bonusCap ?? 0, illustrative: table?.isIllustrative ?? false,
                rows: rows.filter(\.scored).map { .init(rank: $0.rank ?? 0, unit: $0.unitName, sections: $0.sections.map(\.points),
                                                         base: $0.base, bonus: $0.bonus, penalty: $0.penalty, total: $0.total,
                                                         classification: $0.classification ?? "") },
                unscored: rows.filter { !$0.scored }.map(\.unitName), signer: plan.signer)
            return DocumentContent(kind: kind, value: ScoreSummaryDocument.value(data), json: AuditLog.json(data), number: data.number,
                                   columns: max(data.sectionHeaders.count, 1))
        }
        let flag = try await ConferenceOutcomes.latestOutcome(kind: .flag, cycleID: cycle.requireID(), on: req.db) ?? []
        guard !flag.isEmpty else { throw AppError(.conflict, "document-unavailable", req.t("document.no_nominees")) }
        let results = try await Ballot.query(on: req.db).filter(\.$cycleID == cycle.requireID()).filter(\.$kind == .flag).all()
            .compactMap(BallotService.storedResult)
        let nominees = flag.compactMap { key -> ProposalData.Nominee? in
            let row = rows.first { $0.unitID.uuidString == key }
            let count = results.reversed().compactMap { $0.counts.first { $0.candidate == key } }.first
            return ProposalData.Nominee(unit: names[key] ?? key, total: row?.total ?? 0, rank: row?.rank ?? 0,
                                        votes: count?.votes ?? 0, share: count?.share ?? 0)
        }
        let conference = try await ConferenceService.find(cycleID: cycle.requireID(), on: req.db)
        let calendar = DeadlineCalendar(holidays: [])
        let head = try await DirectoryService.unit(cycle.$headUnit.id, on: req.db)
        // Every fact from the cycle's data: the register's number and today's date, the plan it followed, the
        // conference's day, the units the flag ballot chose.
        let data = ProposalData.compose(ProposalFacts(
            issuerParent: plan.issuerParent, issuerName: plan.issuerName, blocName: plan.blocName, place: plan.place,
            number: try await number(kind, cycle: cycle, on: req), date: today, year: cycle.year, legalBases: plan.legalBases,
            planNumber: plan.number.isEmpty ? nil : plan.number, planDate: plan.number.isEmpty ? nil : plan.date,
            conferenceDate: conference.map { calendar.localDate(of: $0.startsAt) }, headUnit: head?.name ?? "",
            nominees: nominees, signer: plan.signer))
        return DocumentContent(kind: kind, value: ProposalDocument.value(data), json: AuditLog.json(data), number: data.number)
    }
}
