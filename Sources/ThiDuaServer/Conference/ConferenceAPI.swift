import Fluent
import Foundation
import Vapor

/// `/api/v1/cycles/{cycleID}/conference` and its attendance.
enum ConferenceAPI {
    static func getConference(_ req: Request) async throws -> ConferenceDTO {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        return try await ConferenceService.dto(ConferenceService.require(cycleID: cycle.requireID(), on: req), on: req.db)
    }

    static func putConference(_ req: Request) async throws -> ConferenceDTO {
        let c = try await ConferenceService.put(cycleID: req.idParameter("cycleID"), req.content.decode(ConferenceInput.self), on: req)
        return try await ConferenceService.dto(c, on: req.db)
    }

    static func getAttendance(_ req: Request) async throws -> AttendanceDTO {
        let cycle = try await CycleService.find(req.idParameter("cycleID"), on: req)
        return try await ConferenceService.attendance(cycle: cycle, on: req.db)
    }

    static func postAttendance(_ req: Request) async throws -> AttendanceDTO {
        try await ConferenceService.checkIn(cycleID: req.idParameter("cycleID"), req.content.decode(AttendanceInput.self), on: req)
    }
}
