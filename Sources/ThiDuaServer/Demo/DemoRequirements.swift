import Fluent
import Foundation

/// The 2023 plan's requirements (steps 2–6 and 9 of SCENARIO-2023.md). Step 6, "soft copies by e-mail",
/// is what uploading here replaces, so it has no requirement of its own.
enum DemoRequirements {
    /// (code, title, milestone code, audience, kinds, max MB, max pages, originals, parent code)
    typealias Row = (String, String, String, Audience, [String], Int, Int?, Int, String?)

    static let rows: [Row] = [
        ("BCD", "Bảng chấm điểm thi đua năm 2023 kèm minh chứng", "SCORING", .all, ["xlsx", "pdf", "zip"], 50, nil, 0, nil),
        ("BCTK", "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2023 (mẫu 01, văn bản 1560/SNV-TDKT)", "REPORT", .all,
         ["pdf", "docx"], 20, nil, 0, nil),
        ("TOMTAT", "Bản tóm tắt báo cáo tổng kết (không quá 01 trang A4)", "REPORT", .all, ["pdf"], 5, 1, 0, nil),
        ("HSKT", "Hồ sơ đề nghị khen thưởng 01 tập thể và 01 cá nhân tiêu biểu", "DOSSIER", .all, ["pdf", "docx"], 20, nil, 0, nil),
        ("HSKT-TT-TTR", "Tờ trình đề nghị khen thưởng tập thể", "DOSSIER", .all, ["pdf", "docx"], 20, nil, 0, "HSKT"),
        ("HSKT-TT-BCTT", "Báo cáo thành tích của tập thể", "DOSSIER", .all, ["pdf", "docx"], 20, nil, 0, "HSKT"),
        ("HSKT-CN-TTR", "Tờ trình đề nghị khen thưởng cá nhân", "DOSSIER", .all, ["pdf", "docx"], 20, nil, 0, "HSKT"),
        ("HSKT-CN-BCTT", "Báo cáo thành tích của cá nhân", "DOSSIER", .all, ["pdf", "docx"], 20, nil, 0, "HSKT"),
        ("THAMLUAN", "Báo cáo tham luận tại hội nghị tổng kết", "PRESENTATION", .all, ["pdf", "docx"], 20, nil, 0, nil),
        ("BANCHINH", "Báo cáo thành tích của đơn vị được suy tôn (bản chính có chữ ký, đóng dấu)", "ORIGINALS", .nominated,
         ["pdf"], 20, nil, 2, nil),
    ]

    /// The plan's achievement reports: they go with the proposal to the province.
    static let achievementReports: Set<String> = ["HSKT-TT-BCTT", "HSKT-CN-BCTT", "BANCHINH"]

    static func seed(cycleID: UUID, on db: Database, newID: () -> UUID = UUID.init,
                     audit: (String, UUID?, [String: String]) async throws -> Void) async throws {
        let milestones = try await Milestone.query(on: db).filter(\.$cycle.$id == cycleID).all()
        let milestoneIDs = Dictionary(uniqueKeysWithValues: milestones.map { ($0.code, $0.id!) })
        var ids: [String: UUID] = [:]
        for (code, title, milestone, audience, kinds, megabytes, pages, originals, parent) in rows {
            guard let milestoneID = milestoneIDs[milestone] else { continue }
            let r = Requirement()
            r.id = newID()
            r.$cycle.id = cycleID
            r.parentID = parent.flatMap { ids[$0] }
            r.code = code
            r.title = title
            r.milestoneID = milestoneID
            r.audience = audience
            r.acceptedKinds = kinds.joined(separator: ",")
            r.maxBytes = megabytes << 20
            r.maxPages = pages
            r.originalsRequired = originals
            r.role = achievementReports.contains(code) ? .achievementReport : nil
            try await r.create(on: db)
            ids[code] = r.id
            try await audit("requirement", r.id, ["code": code, "title": title, "milestone": milestone])
        }
    }
}
