import Foundation
import Vapor

/// `/api/v1` routes of the records: a year's export, the province's award history, a person's data.
enum RecordsAPI {
    /// `GET /cycles/{cycleID}/export.zip`.
    static func cycleExport(_ req: Request) async throws -> Response {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        let url = try await CycleExport.write(cycle, on: req)
        let response = try await req.fileio.asyncStreamFile(at: url.path) { _ in try? FileManager.default.removeItem(at: url) }
        response.headers.replaceOrAdd(name: .contentType, value: "application/zip")
        response.headers.replaceOrAdd(name: .contentDisposition, value: SubmissionsAPI.attachment("Luu-tru-\(cycle.year).zip"))
        return response
    }

    /// `GET /awards.xlsx`.
    static func awardHistory(_ req: Request) async throws -> Response {
        SubmissionsAPI.file(try await RecordsService.awardHistoryXLSX(on: req),
                            type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "Lich-su-khen-thuong.xlsx")
    }

    /// `GET /people/{personID}/data`.
    static func personData(_ req: Request) async throws -> RecordsService.PersonData {
        try await RecordsService.personData(req.idParameter("personID"), on: req)
    }

    /// `PATCH /people/{personID}`.
    static func correctPerson(_ req: Request) async throws -> RecordsService.PersonDTO {
        let id = try req.idParameter("personID")
        // Asked before the body is read, so a refused user gets 403, not a decoding error; the service asks again.
        try req.authorize(.managePersonalData)
        return try await RecordsService.correct(id, req.content.decode(RecordsService.PersonCorrection.self), on: req)
    }
}
