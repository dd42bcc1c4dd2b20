import Fluent
import Foundation
import ThiDuaCore

/// The 2023 scenario's conference: 19/12/2023, in person, its four participant groups and five agenda items.
/// The start hour is not in the plan ("exact time by invitation"); 08:00 is the demo's choice.
enum DemoConference {
    static let participants: [(String, String)] = [
        ("Ban Thi đua – Khen thưởng tỉnh", "Lãnh đạo Ban; công chức phòng phụ trách các sở, ban, ngành, đoàn thể"),
        ("Các cơ quan thành viên Khối", "Lãnh đạo cơ quan; cán bộ làm công tác thi đua, khen thưởng; tập thể, cá nhân tiêu biểu được biểu dương"),
        ("Ban Nội chính Tỉnh ủy (Trưởng Khối)", "Lãnh đạo Ban; lãnh đạo phòng phụ trách công tác thi đua, khen thưởng; chuyên viên Phòng Nghiệp vụ 3"),
        ("Cơ quan báo chí", "Phóng viên Đài Phát thanh – Truyền hình tỉnh; phóng viên Báo Lào Cai"),
    ]

    /// (part, number, text, link, ballot kind)
    static let agenda: [(String, Int, String, AgendaLink?, BallotKind?)] = [
        ("Phần I", 1, "Tổng kết phong trào thi đua, công tác khen thưởng năm 2023 của Khối; phương hướng, nhiệm vụ năm 2024. Thảo luận, trao đổi kinh nghiệm; tham luận của tập thể, cá nhân tiêu biểu.", nil, nil),
        ("Phần I", 2, "Thống nhất kết quả chấm điểm thi đua năm 2023 của các cơ quan thành viên.", .scores, nil),
        ("Phần II", 3, "Bình xét, suy tôn đơn vị đề nghị Chủ tịch UBND tỉnh tặng Cờ thi đua theo quy định.", .ballot, .flag),
        ("Phần II", 4, "Công bố quyết định khen thưởng các tập thể, cá nhân tiêu biểu của Khối năm 2023.", .decisions, nil),
        ("Phần II", 5, "Bầu Trưởng Khối, Phó Trưởng Khối năm 2024.", .ballot, .head),
    ]

    static func seed(cycleID: UUID, on db: Database, audit: (String, UUID?, [String: String]) async throws -> Void) async throws {
        let calendar = DeadlineCalendar(holidays: [])
        let c = Conference()
        c.cycleID = cycleID
        c.startsAt = calendar.instant(LocalDate(year: 2023, month: 12, day: 19), hour: 8, minute: 0)
        c.endsAt = calendar.instant(LocalDate(year: 2023, month: 12, day: 19), hour: 11, minute: 30)
        c.venue = "Phòng họp Ban Thường vụ Tỉnh ủy (hoặc Hội trường Báo Lào Cai)"
        c.form = .inPerson
        // Named ahead, as the invitation does; the counting committee is elected at the conference. Invented names.
        c.officers = ConferenceOfficers(
            chair: ConferenceOfficer(name: "Trần Văn Minh", position: "Phó Trưởng Ban Nội chính Tỉnh ủy, Trưởng Khối"),
            secretary: ConferenceOfficer(name: "Lê Thu Hương", position: "Báo Lào Cai, Phó Trưởng Khối"), countingCommittee: [])
        try await c.create(on: db)
        for (i, (name, members)) in participants.enumerated() {
            let g = ParticipantGroup()
            g.conferenceID = try c.requireID()
            g.position = i
            g.name = name
            g.members = members
            try await g.create(on: db)
        }
        for (part, number, text, link, kind) in agenda {
            let item = AgendaItem()
            item.conferenceID = try c.requireID()
            item.part = part
            item.number = number
            item.text = text
            item.link = link
            item.ballotKind = kind
            try await item.create(on: db)
        }
        try await audit("conference", c.id, ["date": "2023-12-19", "venue": c.venue])
    }
}
