import Fluent
import Foundation
import Testing
import ThiDuaCore
import ThiDuaDocuments
import VaporTesting
@testable import ThiDuaServer

/// Earlier years' awards imported from a workbook (issue 17): all rows or none, never twice, and then part of each
/// holder's history, of the eligibility warnings and of that year's statistics.
@Suite("Importing earlier years' awards")
struct PastAwardTests {
    static let header = ["Năm", "Hình thức khen thưởng", "Tập thể/Cá nhân", "Tên tập thể, cá nhân", "Đơn vị", "Chức vụ", "Vị trí",
                         "Số quyết định", "Ngày quyết định", "Phương thức"]

    static func post(_ app: Application, _ rows: [[String]], token: String) async throws -> TestingHTTPResponse {
        let data = try XLSXWriter.data([XLSXSheet(name: "Lịch sử", rows: ([header] + rows).map { $0.map { XLSXCell.text($0) } })])
        var headers = HTTPHeaders.bearer(token)
        headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        var response: TestingHTTPResponse?
        try await app.testing().test(.POST, "/api/v1/history/import", headers: headers, body: ByteBuffer(data: data)) { response = $0 }
        return response!
    }

    @Test("a workbook is imported once; its awards warn, show in the history and count in their year")
    func importsOnceAndJoinsHistory() async throws {
        try await withApp { app in
            let s = try await ScoringFixture.make(app)
            let reviewer = try await token(app, "reviewer")
            let unitC = try #require(try await Unit.find(s.f.unitC, on: app.db)).name
            let rows = [["2022", "Cờ thi đua của Chủ tịch UBND tỉnh", "Tập thể", unitC, "", "", "", "15/QĐ-UBND", "20/01/2023", ""],
                        ["2021", "bang khen cua chu tich ubnd tinh", "Cá nhân", "Nguyễn Thị Hòa", "Báo Lào Cai", "Phó Tổng biên tập",
                         "Lãnh đạo, quản lý", "7/QĐ-UBND", "2022-01-10", "Chuyên đề"]]
            let first = try await Self.post(app, rows, token: reviewer)
            #expect(first.status == .ok, "\(first.body.string)")
            #expect(try first.content.decode(PastAwardImportResult.self).imported == 2)
            let again = try await Self.post(app, rows, token: reviewer)
            #expect(try again.content.decode(PastAwardImportResult.self).skipped == 2)
            #expect(try await PastAwardRecord.query(on: app.db).count() == 2)
            #expect(try await Self.post(app, rows, token: s.head).status == .forbidden)

            // The unit's history lists the 2022 flag; nominating it for 2023's flag warns of consecutive years.
            let history = try await send(app, .GET, "/api/v1/history?q=van%20phong", token: reviewer).content.decode([ProvinceHistory.Holder].self)
            #expect(history.first { $0.name == unitC }?.entries.contains { $0.year == 2022 && $0.decisionNumber == "15/QĐ-UBND" } == true)
            let n = Nominee()
            (n.cycleID, n.kind, n.unitID, n.label, n.award, n.source) = (s.f.cycleID, .collective, s.f.unitC, unitC, AwardService.flagKey, .ballot)
            try await n.create(on: app.db)
            let cycle = try #require(try await Cycle.find(s.f.cycleID, on: app.db))
            #expect(!(try await AwardService.warnings(for: [n], cycle: cycle, on: app.db)).isEmpty, "a flag in 2022 and again in 2023 is warned of")
            // The person was added to their unit with their level, and counts in 2021's statistics as a leader.
            let person = try #require(try await Person.query(on: app.db).filter(\.$fullName == "Nguyễn Thị Hòa").first())
            #expect(person.unitID == s.f.unitB && person.positionLevel == PositionLevel.leader.rawValue)
            let sheets = try StatisticsReportTests.sheets(Data(try await send(app, .GET, "/api/v1/statistics/2021", token: reviewer).body.readableBytesView))
            #expect(sheets[3].contains("Nhập từ lịch sử các năm trước") && sheets[4].contains("Chuyên đề") && sheets[5].contains("Lãnh đạo, quản lý (chưa rõ cấp)"))
        }
    }

    @Test("a workbook with bad rows is refused whole, each row named, and nothing is written")
    func badRowsRefuseTheWorkbook() async throws {
        try await withApp { app in
            _ = try await ScoringFixture.make(app)
            let reviewer = try await token(app, "reviewer")
            let rows = [["2022", "Cờ thi đua của Chủ tịch UBND tỉnh", "Tập thể", "Báo Lào Cai", "", "", "", "1/QĐ", "20/01/2023", ""],
                        ["2022", "Cờ thi đua của Chủ tịch UBND tỉnh", "Tập thể", "Sở Không Có", "", "", "", "2/QĐ", "20/01/2023", ""],
                        ["2022", "Huân chương Sao Hỏa", "Tập thể", "Báo Lào Cai", "", "", "", "3/QĐ", "20/01/2023", ""],
                        ["2022", "Cờ thi đua của Chủ tịch UBND tỉnh", "Tập thể", "Báo Lào Cai", "", "", "", "4/QĐ", "31/02/2023", ""]]
            let res = try await Self.post(app, rows, token: reviewer)
            #expect(res.status == .unprocessableEntity)
            let detail = res.problem?.detail ?? ""
            #expect(detail.contains("Dòng 3") && detail.contains("Sở Không Có") && detail.contains("Dòng 4") && detail.contains("Dòng 5"), "\(detail)")
            #expect(!detail.contains("Dòng 2"))
            #expect(try await PastAwardRecord.query(on: app.db).count() == 0)
            // Not a workbook at all.
            var headers = HTTPHeaders.bearer(reviewer)
            headers.replaceOrAdd(name: .contentType, value: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            try await app.testing().test(.POST, "/api/v1/history/import", headers: headers, body: ByteBuffer(string: "không phải tệp Excel")) {
                #expect($0.status == .unprocessableEntity)
            }
        }
    }
}
