import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// The council's sessions and ballots as the API and the pages show them, and a ballot's count minutes.
enum CouncilViews {
    static func ballot(_ b: CouncilBallot, voted: Int) -> CouncilBallotDTO {
        let result = CouncilBallots.result(b)
        let counts = Dictionary((result?.counts ?? []).map { ($0.candidate, $0) }, uniquingKeysWith: { a, _ in a })
        let candidates = CouncilBallots.decodeCandidates(b)
        let names = Dictionary(candidates.map { ($0.nomineeID.uuidString, "\($0.name) (\($0.bloc))") }, uniquingKeysWith: { a, _ in a })
        let id = b.id ?? UUID()
        return CouncilBallotDTO(
            id: id, award: b.award, title: b.title, status: b.status, isOpen: b.isOpen,
            candidates: candidates.map { c in
                let count = counts[c.nomineeID.uuidString]
                return .init(nomineeID: c.nomineeID, name: c.name, bloc: c.bloc, votes: count?.votes, passes: count?.passes)
            },
            maxChoices: b.maxChoices, quota: b.quota, members: b.members, present: b.present, voted: voted,
            outcome: (result?.outcome ?? []).map { names[$0] ?? $0 }, tie: (result?.tie ?? []).map { names[$0] ?? $0 },
            minutesURL: SiteURL.Path.councilMinutes.link(id), voteURL: SiteURL.Path.councilVote.link(id))
    }

    /// Ballots of the given sessions with how many have voted in each: two queries.
    static func ballots(sessions: [UUID], on db: Database) async throws -> [UUID: [CouncilBallotDTO]] {
        let ballots = try await CouncilBallot.query(on: db).filter(\.$sessionID ~~ sessions).sort(\.$openedAt).all()
        let voted = try await CouncilParticipation.query(on: db).filter(\.$ballotID ~~ ballots.compactMap(\.id)).all()
        let counts = Dictionary(grouping: voted, by: \.ballotID).mapValues(\.count)
        return Dictionary(grouping: ballots, by: \.sessionID).mapValues { $0.map { ballot($0, voted: counts[$0.id ?? UUID()] ?? 0) } }
    }

    static func session(_ s: CouncilSession, on req: Request) async throws -> CouncilSessionDTO {
        let id = try s.requireID()
        let members = try await CouncilService.members(of: s.province, on: req.db)
        let present = try await CouncilService.presentIDs(id, on: req.db)
        let ballots = try await ballots(sessions: [id], on: req.db)[id] ?? []
        let candidates = try await CouncilBallots.candidates(year: s.year, blocs: try await BoardScope.blocIDs(on: req), on: req.db)
        let names = try await StatisticsReport.awardNames(cycles: [], on: req.db)
        let awards = candidates.filter { key, _ in !ballots.contains { $0.award == key } }
            .map { CouncilSessionDTO.Award(key: $0.key, name: names[$0.key] ?? $0.key, candidates: $0.value.count) }
            .sorted { $0.name < $1.name }
        return CouncilSessionDTO(
            id: id, year: s.year, title: s.title, startsAt: LocalTime.rfc3339(s.startsAt), venue: s.venue,
            agenda: s.agenda.split(separator: "\n").map(String.init),
            members: members.compactMap { m in
                m.id.map { .init(id: $0, fullName: m.fullName, position: m.position, isChair: m.isChair, present: present.contains($0),
                                 hasAccount: m.userID != nil) }
            },
            present: present.count, ballots: ballots, awards: awards)
    }

    /// The count minutes of a closed ballot, in the State style, with the council's chair heading the count.
    static func minutes(_ req: Request) async throws -> Response {
        try await req.authorizeCouncilReader()
        let ballot = try await CouncilBallots.find(try req.idParameter("ballotID"), on: req)
        guard let result = CouncilBallots.result(ballot), let closedAt = ballot.closedAt else {
            throw AppError.conflict(req.t("council.not_counted"))
        }
        let session = try await CouncilService.session(ballot.sessionID, on: req)
        let candidates = CouncilBallots.decodeCandidates(ballot)
        let names = Dictionary(candidates.map { ($0.nomineeID.uuidString, "\($0.name) (\($0.bloc))") }, uniquingKeysWith: { a, _ in a })
        let present = try await CouncilService.presentIDs(session.requireID(), on: req.db)
        let counting = try await CouncilService.members(of: session.province, on: req.db).filter { present.contains($0.id ?? UUID()) }
            .map { CountMinutesData.Member(name: $0.fullName, unit: $0.position) }
        let calendar = DeadlineCalendar(holidays: [])
        let (date, time) = (calendar.localDate(of: closedAt), calendar.localTime(of: closedAt))
        // The province's place, from the candidates' bloc: a server may hold several provinces.
        let cycle = try await CouncilBallots.firstCycle(candidates, on: req.db)
        var place = ""
        if let cycle, let bloc = try await CycleService.bloc(of: cycle, on: req.db) { place = bloc.place ?? "" }
        let threshold = (try? JSONDecoder().decode(VoteThreshold.self, from: Data(ballot.threshold.utf8)))
            ?? VoteThreshold(base: .allMembers, comparison: .moreThan, fraction: 0.5)
        let data = CountMinutesData(
            issuerParent: req.t("council.issuer_parent", ["place": place.uppercased()]), issuerName: req.t("council.issuer_name"),
            number: "", place: place, date: date, ballotTitle: ballot.title, round: "",
            opening: CountMinutesData.councilOpening(hour: time.hour, minute: time.minute, date: date, venue: session.venue,
                                                     session: session.title, present: ballot.present, members: ballot.members,
                                                     agenda: session.agenda.split(separator: "\n").map(String.init), quota: ballot.quota,
                                                     threshold: threshold),
            head: counting.first ?? CountMinutesData.unrecorded,
            members: counting.count > 1 ? Array(counting.dropFirst().prefix(2)) : [CountMinutesData.unrecorded, CountMinutesData.unrecorded],
            eligibleVoters: ballot.members, present: ballot.present, issued: result.ballotsCast, cast: result.ballotsCast,
            valid: result.valid, invalid: result.invalid, invalidReasons: "", candidates: CandidateVotes.lines(result, names: names),
            outcome: result.outcome.isEmpty ? req.t("outcome_none") : result.outcome.map { names[$0] ?? $0 }.joined(separator: "; "),
            tieNote: result.tie.isEmpty ? "" : req.t("tie_at_cutoff") + ": " + result.tie.map { names[$0] ?? $0 }.joined(separator: "; "),
            receipts: [])
        return try await DocumentService.download(.countMinutes, CountMinutesDocument.value(data), name: req.t("council.minutes_file", ["title": ballot.title]), on: req)
    }
}
