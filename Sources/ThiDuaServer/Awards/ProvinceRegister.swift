import Fluent
import Foundation
import Vapor

/// A number issued from the province's register.
final class ProvinceNumber: Model, @unchecked Sendable {
    static let schema = "province_numbers"
    @ID(key: .id) var id: UUID?
    @Field(key: "year") var year: Int
    @Field(key: "seq") var seq: Int
    @Field(key: "kind") var kind: String
    init() {}
}

/// The province's register: the next number of the year, once per kind (M022).
enum ProvinceRegister {
    /// The number `kind` already holds, else the next of `year`. Two drafts racing meet the unique indexes: the loser
    /// reads the winner's number for the same kind, or takes the next one.
    static func number(for kind: String, year: Int, on db: Database) async throws -> Int {
        try await PlanDataService.retryingUnique {
            if let held = try await ProvinceNumber.query(on: db).filter(\.$kind == kind).first() { return held.seq }
            let row = ProvinceNumber()
            (row.year, row.kind) = (year, kind)
            row.seq = (try await ProvinceNumber.query(on: db).filter(\.$year == year).max(\.$seq) ?? 0) + 1
            try await row.create(on: db)
            return row.seq
        }
    }
}
