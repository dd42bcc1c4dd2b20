import Foundation

/// A province's regulation for blocs as versioned data: quotas, thresholds, bands, holidays, deadlines.
public struct RuleSet: Codable, Equatable, Sendable {
    /// The only schema version this code understands.
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    /// Stable identifier, e.g. "example-lao-cai-2023": non-empty, only [a-z0-9-].
    public var key: String
    /// e.g. "2023.1"; a changed rule set gets a new version, never an edit in place.
    public var version: String
    /// Vietnamese display name.
    public var name: String
    /// True for illustrative rule sets that must not be mistaken for a province's real rules.
    public var isExample: Bool
    /// Legal documents the rules come from, cited as text.
    public var legalBasis: [String]
    public var flagQuota: FlagQuota
    public var voteThreshold: VoteThreshold
    /// Whether a unit may vote for itself in the nomination ballot.
    public var selfVoteAllowed: Bool
    public var eligibility: Eligibility
    /// Applied in order; `sharedRank`, if present, must be last.
    public var tieBreaks: [TieBreak]
    /// Strictly descending `minimumTotal`; a total gets the first band it reaches.
    public var classificationBands: [ClassificationBand]
    public var rounding: Rounding
    /// Minutes after a due instant during which a submission is still accepted as on time.
    public var gracePeriodMinutes: Int
    /// Public holidays and official days off.
    public var holidays: [LocalDate]
    /// Weekend days officially worked to make up for a bridged day off; optional in JSON.
    public var makeUpWorkingDays: [LocalDate]
    public var defaultDeadlines: [DefaultDeadline]
    /// Days before each due instant on which units that have not submitted are reminded; optional in JSON.
    public var reminderDaysBefore: [Int] = RuleSet.defaultReminderDays
    /// The awards and titles a proposal may ask for; optional in JSON (the common ones by default).
    public var awardKinds: [AwardKind] = AwardKind.common
    /// Eligibility conditions between awards across years; optional in JSON (no consecutive provincial flags by default).
    public var awardRules: [AwardRule] = AwardRule.defaults
    /// How many nominees a unit's nomination dossier may hold.
    public var dossierQuota: DossierQuota = .oneOfEach
    /// Who holds the key of a sealed ballot round; optional in JSON (`BallotTrustees.standard`).
    public var ballotTrustees: BallotTrustees = .standard

    public static let defaultReminderDays = [3, 1]

    public init(
        schemaVersion: Int = RuleSet.currentSchemaVersion, key: String, version: String, name: String,
        isExample: Bool, legalBasis: [String], flagQuota: FlagQuota, voteThreshold: VoteThreshold,
        selfVoteAllowed: Bool, eligibility: Eligibility, tieBreaks: [TieBreak],
        classificationBands: [ClassificationBand], rounding: Rounding, gracePeriodMinutes: Int,
        holidays: [LocalDate], makeUpWorkingDays: [LocalDate] = [], defaultDeadlines: [DefaultDeadline]
    ) {
        self.schemaVersion = schemaVersion
        self.key = key
        self.version = version
        self.name = name
        self.isExample = isExample
        self.legalBasis = legalBasis
        self.flagQuota = flagQuota
        self.voteThreshold = voteThreshold
        self.selfVoteAllowed = selfVoteAllowed
        self.eligibility = eligibility
        self.tieBreaks = tieBreaks
        self.classificationBands = classificationBands
        self.rounding = rounding
        self.gracePeriodMinutes = gracePeriodMinutes
        self.holidays = holidays
        self.makeUpWorkingDays = makeUpWorkingDays
        self.defaultDeadlines = defaultDeadlines
    }

    enum CodingKeys: String, CodingKey {
        case schemaVersion, key, version, name, isExample, legalBasis, flagQuota, voteThreshold
        case selfVoteAllowed, eligibility, tieBreaks, classificationBands, rounding
        case gracePeriodMinutes, holidays, makeUpWorkingDays, defaultDeadlines, reminderDaysBefore, awardKinds, awardRules
        case dossierQuota, ballotTrustees
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // Checked first: a future schema should be refused as such, not as a missing field.
        schemaVersion = try c.decodeWholeNumber(forKey: .schemaVersion)
        guard schemaVersion == Self.currentSchemaVersion else {
            throw c.issue(.schemaVersion, Self.schemaVersionMessage)
        }
        key = try c.decode(String.self, forKey: .key)
        version = try c.decode(String.self, forKey: .version)
        name = try c.decode(String.self, forKey: .name)
        isExample = try c.decode(Bool.self, forKey: .isExample)
        legalBasis = try c.decode([String].self, forKey: .legalBasis)
        flagQuota = try c.decode(FlagQuota.self, forKey: .flagQuota)
        voteThreshold = try c.decode(VoteThreshold.self, forKey: .voteThreshold)
        selfVoteAllowed = try c.decode(Bool.self, forKey: .selfVoteAllowed)
        eligibility = try c.decode(Eligibility.self, forKey: .eligibility)
        tieBreaks = try c.decode([TieBreak].self, forKey: .tieBreaks)
        classificationBands = try c.decode([ClassificationBand].self, forKey: .classificationBands)
        rounding = try c.decode(Rounding.self, forKey: .rounding)
        gracePeriodMinutes = try c.decodeWholeNumber(forKey: .gracePeriodMinutes)
        holidays = try c.decode([LocalDate].self, forKey: .holidays)
        makeUpWorkingDays = try c.decodeIfPresent([LocalDate].self, forKey: .makeUpWorkingDays) ?? []
        defaultDeadlines = try c.decode([DefaultDeadline].self, forKey: .defaultDeadlines)
        reminderDaysBefore = try c.decodeIfPresent([Int].self, forKey: .reminderDaysBefore) ?? Self.defaultReminderDays
        guard reminderDaysBefore.allSatisfy({ (0...60).contains($0) }) else {
            throw c.issue(.reminderDaysBefore, "số ngày nhắc trước hạn phải từ 0 đến 60")
        }
        awardKinds = try c.decodeIfPresent([AwardKind].self, forKey: .awardKinds) ?? AwardKind.common
        awardRules = try c.decodeIfPresent([AwardRule].self, forKey: .awardRules) ?? AwardRule.defaults
        dossierQuota = try c.decodeIfPresent(DossierQuota.self, forKey: .dossierQuota) ?? .oneOfEach
        guard (0...20).contains(dossierQuota.collectives), (0...20).contains(dossierQuota.individuals) else {
            throw c.issue(.dossierQuota, "số tập thể, cá nhân mỗi đơn vị được đề nghị phải từ 0 đến 20")
        }
        ballotTrustees = try c.decodeIfPresent(BallotTrustees.self, forKey: .ballotTrustees) ?? .standard
        if let problem = ballotTrustees.problem { throw c.issue(.ballotTrustees, problem) }
    }

    static let schemaVersionMessage = "phiên bản lược đồ không được hỗ trợ (chỉ hỗ trợ \(currentSchemaVersion))"

    /// Working-day calendar with this rule set's holidays and make-up working days.
    public var calendar: DeadlineCalendar {
        DeadlineCalendar(holidays: Set(holidays), makeUpWorkingDays: Set(makeUpWorkingDays))
    }

    /// The default deadlines as milestone rules keyed by code, ready for `DeadlineCalendar.resolve`.
    public var defaultMilestoneRules: [MilestoneRule] {
        let calendar = self.calendar
        return defaultDeadlines.map { $0.milestoneRule(in: calendar) }
    }

    /// The band a (rounded) total falls in, or nil below the lowest band.
    public func classification(of total: Double) -> ClassificationBand? {
        classificationBands.first { total >= $0.minimumTotal }
    }
}

/// A rule set that failed to load or validate, naming the JSON field at fault.
public struct RuleSetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// JSON path such as "voteThreshold.base" or "classificationBands[2].minimumTotal"; "$" for the document.
    public var field: String
    /// Vietnamese explanation.
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}
