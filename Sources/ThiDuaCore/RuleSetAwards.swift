import Foundation

/// An award or title a proposal may ask for (Cờ thi đua, Bằng khen, Tập thể lao động xuất sắc…): data, not code,
/// because each province's regulation lists its own.
public struct AwardKind: Codable, Equatable, Sendable {
    public var key: String
    public var name: String
    public var forCollective: Bool
    public var forIndividual: Bool

    public init(key: String, name: String, forCollective: Bool, forIndividual: Bool) {
        self.key = key
        self.name = name
        self.forCollective = forCollective
        self.forIndividual = forIndividual
    }

    /// The awards named in the 2023 plan and the emulation law, used when a rule set lists none.
    public static let common: [AwardKind] = [
        AwardKind(key: "provincialFlag", name: "Cờ thi đua của Chủ tịch UBND tỉnh", forCollective: true, forIndividual: false),
        AwardKind(key: "chairmanMerit", name: "Bằng khen của Chủ tịch UBND tỉnh", forCollective: true, forIndividual: true),
        AwardKind(key: "excellentCollective", name: "Tập thể lao động xuất sắc", forCollective: true, forIndividual: false),
        AwardKind(key: "baseEmulationSoldier", name: "Chiến sĩ thi đua cơ sở", forCollective: false, forIndividual: true),
        AwardKind(key: "advancedWorker", name: "Lao động tiên tiến", forCollective: false, forIndividual: true),
    ]
}

/// How many nominees each unit's nomination dossier holds. The 2023 plan asks every unit for 01 exemplary
/// collective and 01 exemplary individual; nominees from the flag ballot are not counted.
public struct DossierQuota: Codable, Equatable, Sendable {
    public var collectives: Int
    public var individuals: Int

    public init(collectives: Int, individuals: Int) {
        self.collectives = collectives
        self.individuals = individuals
    }

    /// When a rule set names no quota: one collective and one individual dossier per unit, as provincial guidance usually allows.
    public static let oneOfEach = DossierQuota(collectives: 1, individuals: 1)

    /// The limit for `kind`.
    public func limit(for kind: NomineeKind) -> Int {
        switch kind {
        case .collective: collectives
        case .individual: individuals
        }
    }

    /// Whether a unit that already has `existing` dossier nominees of `kind` may add one more.
    public func allows(adding kind: NomineeKind, existing: Int) -> Bool {
        existing < limit(for: kind)
    }
}

extension AwardRule {
    /// Illustrative conditions used when a rule set states none: the provincial flag is not given in consecutive
    /// years, and the Chairman's certificate of merit expects two consecutive years as an excellent collective.
    public static let defaults: [AwardRule] = [
        .noConsecutive(award: "provincialFlag"),
        .requiresYears(award: "chairmanMerit", requiredAward: "excellentCollective", years: 2),
    ]
}
