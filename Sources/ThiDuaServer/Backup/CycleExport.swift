import Fluent
import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

/// A year of one bloc, readable without ThiĐua, for archiving under the records rules: a ZIP of JSON (the same
/// DTOs the API answers with) and the original files: every version of every submission, and every generated
/// document. Written entry by entry to a temporary file, then streamed.
enum CycleExport {
    static func write(_ cycle: Cycle, on req: Request) async throws -> URL {
        try req.authorize(.readCycleFiles(cycle))
        let db = req.db
        let cycleID = try cycle.requireID()
        let store = req.application.fileStore
        let localizer = req.application.localizer
        let url = try store.temporaryURL().deletingPathExtension().appendingPathExtension("zip")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            let writer = try ZipBundleWriter(destination: url)
            func json(_ value: some Encodable, _ name: String) throws { try writer.add(data: try encoder.encode(value), as: name) }
            try json(try await CycleService.dto(cycle, on: db), "cycle.json")
            let milestones = try await MilestoneService.milestones(of: cycleID, on: db)
            try json(try milestones.map { try MilestoneDTO($0, status: nil) }, "milestones.json")
            try json(try await PlanDataService.planData(cycle, on: req), "plan.json")
            let requirements = try await RequirementService.requirements(of: cycleID, on: db)
            try json(try requirements.map { try RequirementDTO($0.0, milestone: $0.1) }, "requirements.json")
            let units = Dictionary(uniqueKeysWithValues: try await CycleService.members(of: cycleID, on: db).map { ($0.id!, $0) })
            let codes = Dictionary(uniqueKeysWithValues: requirements.map { ($0.0.id!, $0.0.code) })
            let submissions = try await Submission.query(on: db).filter(\.$requirementID ~~ Array(codes.keys)).all()
                .sorted { ($0.requirementID.uuidString, $0.unitID.uuidString, $0.version) < ($1.requirementID.uuidString, $1.unitID.uuidString, $1.version) }
            try json(try submissions.map(SubmissionDTO.init), "submissions.json")
            for s in submissions {
                let unit = FileName.ascii(units[s.unitID]?.shortName ?? s.unitID.uuidString)
                let ext = FileKind(rawValue: s.fileKind)?.fileExtension ?? "bin"
                try writer.add(file: store.url(for: s.sha256),
                               as: "files/submissions/\(unit)/\(FileName.ascii(codes[s.requirementID] ?? "?"))-v\(s.version).\(ext)")
            }
            if let table = try await ScoringTableService.current(cycleID: cycleID, on: db) {
                try json(try ScoringTableService.decode(table), "scoring-table.json")
            }
            var assessments: [SelfAssessmentDTO] = []
            var agreed: [AgreedScoresDTO] = []
            for unitID in units.keys.sorted(by: { $0.uuidString < $1.uuidString })
            where try await AssessmentService.assessment(cycleID: cycleID, unitID: unitID, on: db) != nil {
                assessments.append(try await AssessmentService.dto(cycleID: cycleID, unitID: unitID, on: req))
                agreed.append(try await AgreementService.dto(cycleID: cycleID, unitID: unitID, on: db))
            }
            try json(assessments, "self-assessments.json")
            try json(agreed, "agreed-scores.json")
            try json(try await RankingService.ranking(cycle, on: db), "ranking.json")
            if let conference = try await ConferenceService.find(cycleID: cycleID, on: db) {
                try json(try await ConferenceService.dto(conference, on: db), "conference.json")
                try json(try await ConferenceService.attendance(cycle: cycle, on: db), "attendance.json")
            }
            let ballots = try await BallotService.ballots(of: cycleID, on: db)
            try json(try await BallotService.dtos(ballots, localizer: localizer, on: db), "ballots.json")
            var results: [BallotResultDTO] = []
            for b in ballots where b.status.hasResult { results.append(try await BallotService.result(b.requireID(), on: req)) }
            try json(results, "ballot-results.json")
            let documents = try await DocumentService.records(of: cycleID, on: db)
            try json(documents.map { ["id": $0.id!.uuidString, "kind": $0.kind.stored, "number": $0.number, "sha256": $0.sha256,
                                      "createdAt": LocalTime.rfc3339($0.createdAt)] }, "documents.json")
            for d in documents {
                try writer.add(file: store.url(for: d.sha256), as: "files/documents/\(d.kind.template.rawValue)-\(FileName.ascii(d.number))-\(d.id!.uuidString.prefix(8)).docx")
            }
            try json(try await AwardService.nominees(cycle, on: db), "nominees.json")
            try json(try await ProposalService.dtos(try await AwardService.proposals(of: cycleID, on: db), cycle: cycle,
                                                    localizer: localizer, on: db), "proposals.json")
            try writer.finish()
        } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        try await req.auditedRead(action: "export", entity: "cycle", entityID: cycleID.uuidString)
        return url
    }
}
