import Fluent
import Foundation
import Vapor

/// A number issued from the province's register.
final class ProvinceNumber: Model, @unchecked Sendable {
    static let schema = "province_numbers"
    @ID(key: .id) var id: UUID?
    /// Whose register (`BoardScope.province`): each province numbers its own documents from 1.
    @Field(key: "province") var province: String
    @Field(key: "year") var year: Int
    @Field(key: "seq") var seq: Int
    @Field(key: "kind") var kind: String
    init() {}
}

/// Each province's register: the next number of its year, once per kind (M022, M026).
enum ProvinceRegister {
    /// The number `kind` already holds in `province`'s register, else the next of `year` there. Two drafts racing
    /// meet the unique indexes: the loser reads the winner's number for the same kind, or takes the next one.
    static func number(for kind: String, year: Int, province: String, on db: Database) async throws -> Int {
        try await PlanDataService.retryingUnique {
            let register = ProvinceNumber.query(on: db).filter(\.$province == province)
            if let held = try await register.copy().filter(\.$kind == kind).first() { return held.seq }
            let row = ProvinceNumber()
            (row.province, row.year, row.kind) = (province, year, kind)
            row.seq = (try await register.copy().filter(\.$year == year).max(\.$seq) ?? 0) + 1
            try await row.create(on: db)
            return row.seq
        }
    }
}
