import Foundation

/// A state, kind, role or source that the server stores as its raw text and shows through a localisation key.
/// Decoding an unknown stored value fails (it is never mapped to a default), and the key of every case is
/// `labelPrefix + rawValue`, so a test can check every case against the localisation files.
public protocol LabelledValue: RawRepresentable, CaseIterable, Codable, Hashable, Sendable where RawValue == String {
    static var labelPrefix: String { get }
}

extension LabelledValue {
    public var labelKey: String { Self.labelPrefix + rawValue }

    /// "flag, head, deputy, motion": what a refusal lists.
    public static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }

    /// Decodes the raw text; an unknown value is an error whose description lists the choices, so a client
    /// (or a row written by a newer version) gets "one of: …" rather than a silent default.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        guard let value = Self(rawValue: raw) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: LabelledValues.choicesPrefix + Self.choices)
        }
        self = value
    }
}

public enum LabelledValues {
    /// Marks the decoding error of an unknown value, so the server can word it in Vietnamese with the choices.
    public static let choicesPrefix = "one of: "
}

/// What a ballot decides.
public enum BallotKind: String, LabelledValue {
    /// Suy tôn Cờ thi đua: nominate units for the provincial flag.
    case flag
    case head
    case deputy
    /// A yes/no motion; its candidates are the keys `yes` and `no`.
    case motion

    public static let labelPrefix = "ballot_title_"

    /// Only a motion's candidates (yes/no) are fixed; the others are units, which the secretariat may change.
    public var hasUnitCandidates: Bool { self != .motion }
    /// Its outcome names units that go on: flag nominees, next year's head or deputy.
    public var electsUnits: Bool { self != .motion }
}

/// How the votes of a round are cast.
public enum BallotMode: String, LabelledValue {
    case electronic
    /// The counting committee counts paper ballots and enters the figures.
    case paper

    public static let labelPrefix = "mode_"
}

/// A round's lifecycle: draft → open → closed (electronic), or draft → closed with a paper count.
public enum BallotStatus: String, LabelledValue {
    case draft
    case open
    /// A sealed round closed to votes, waiting for its trustees to decrypt the totals.
    case counting
    case closed

    public static let labelPrefix = "ballot_status_"

    /// Opening is for electronic rounds still in draft; a paper round goes straight to its count.
    public func canOpen(_ mode: BallotMode) -> Bool { self == .draft && mode == .electronic }
    /// Votes are taken only while an electronic round is open.
    public func acceptsVotes(_ mode: BallotMode) -> Bool { self == .open && mode == .electronic }
    /// Candidates change only before anyone could vote.
    public var acceptsCandidateChanges: Bool { self == .draft }
    /// Closing counts an open round.
    public var canClose: Bool { self == .open }
    /// A paper count is entered once on a draft paper round; later entries are corrections of a closed one.
    public func acceptsPaperCount(_ mode: BallotMode) -> Bool { mode == .paper && self != .open }
    /// The result is published, and documents and outcomes may be built on it.
    public var hasResult: Bool { self == .closed }
    /// A sealed round's trustees decrypt its totals now.
    public var awaitsTrustees: Bool { self == .counting }
}

/// How the year-end conference is held.
public enum ConferenceForm: String, LabelledValue {
    case inPerson
    case online

    public static let labelPrefix = "conference_form_"
}

/// What an agenda item of the conference links to, so its outcome can be filled in by the system.
public enum AgendaLink: String, LabelledValue {
    /// Agreeing the scores.
    case scores
    /// A ballot of the item's `BallotKind`; its outcome is written back when the ballot is final.
    case ballot
    /// Announcing the province's decisions; filled in when a decision is recorded.
    case decisions

    public static let labelPrefix = "agenda_link_"
}

/// What the secretariat does to a cycle's scores as a whole: lock them for the conference, have the administrator
/// unlock them (with a reason), or publish the results.
public enum ScoresAction: String, CaseIterable, Codable, Hashable, Sendable {
    case lock, unlock, publish

    /// Only the administrator unlocks, and only with a reason, because unlocking reopens agreed scores.
    public var needsReason: Bool { self == .unlock }
    /// The flash message key after the action: "scores_locked", "scores_unlocked", "scores_published".
    public var doneKey: String { "scores_\(rawValue)ed" }
}
