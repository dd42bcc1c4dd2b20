import Fluent
import Foundation
import ThiDuaCore
import Vapor

/// The demo's second and third blocs of the province (issue 17): each through its 2023 year as `thidua simulate`
/// makes one (files, scores, conference, a sealed flag ballot), ending with its proposal sent to the board, so the
/// board's inbox, the council and the statistics meet more than one bloc. Their officers sign in with the unit's short
/// name in lower case and the demo password.
enum DemoBlocs {
    static let blocs: [SimulatedBloc.Named] = [
        .init(bloc: "Khối thi đua các sở, ban, ngành tổng hợp", issuer: "Ủy ban nhân dân tỉnh Lào Cai", place: "Lào Cai", units: [
            ("Sở Kế hoạch và Đầu tư", "SKHDT"), ("Sở Tài chính", "STAICHINH"), ("Sở Công Thương", "SCT"), ("Sở Nội vụ", "SNV"),
            ("Kho bạc Nhà nước tỉnh", "KBNN"), ("Cục Thuế tỉnh", "CTHUE"),
        ]),
        .init(bloc: "Khối thi đua các huyện, thị xã, thành phố", issuer: "Ủy ban nhân dân tỉnh Lào Cai", place: "Lào Cai", units: [
            ("Ủy ban nhân dân thành phố Lào Cai", "TPLC"), ("Ủy ban nhân dân thị xã Sa Pa", "TXSP"), ("Ủy ban nhân dân huyện Bát Xát", "HBX"),
            ("Ủy ban nhân dân huyện Bảo Thắng", "HBT"), ("Ủy ban nhân dân huyện Bảo Yên", "HBY"), ("Ủy ban nhân dân huyện Bắc Hà", "HBH"),
        ]),
    ]

    /// Each bloc in its own transaction, from a fixed seed: the same demo every time.
    static func seed(_ app: Application, ruleSet: RuleSet, passwordHash: String) async throws {
        guard let record = try await RuleSetRecord.query(on: app.db).filter(\.$key == ruleSet.key).first() else { return }
        let table = ScoringTable.illustrative2023
        let tableDocument = try ScoringTableService.encode(table)
        let texts = SimulatedBloc.Texts(ballotTitle: app.localizer.text(BallotKind.flag.labelKey),
                                        proposalTitle: app.localizer.text("proposal_flag_title"))
        let store = app.fileStore
        for (i, named) in blocs.enumerated() where try await Bloc.query(on: app.db).filter(\.$name == named.bloc).first() == nil {
            let bloc = SimulatedBloc(province: 1, number: i + 2, provinces: 1, units: named.units.count, named: named)
            let ruleSetID = try record.requireID()
            _ = try await app.db.transaction { db in
                var rng = SplitMix64(seed: 2023 &+ UInt64(i))
                return try await bloc.write(texts: texts, ruleSet: ruleSet, ruleSetID: ruleSetID, table: table, tableDocument: tableDocument,
                                            passwordHash: passwordHash, store: store, rng: &rng, on: db)
            }
        }
    }
}
