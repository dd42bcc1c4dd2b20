import Foundation

/// A proposal (tờ trình) to the province: draft → sent → decided.
public enum ProposalStatus: String, LabelledValue {
    case draft
    case sent
    /// The provincial board sent it back to the bloc's secretariat, with a reason: it is corrected and sent again.
    case returned
    /// The provincial board checked the dossier and took it for the council.
    case accepted
    case decided

    public static let labelPrefix = "proposal_status_"

    /// Nominees, documents and the title change only in a draft, or once the board returned it.
    public var isEditable: Bool { self == .draft || self == .returned }
    public var canSend: Bool { self == .draft || self == .returned }
    /// The board accepts or returns what was sent to it.
    public var awaitsReview: Bool { self == .sent }
    public var canDecide: Bool { self == .sent || self == .accepted }
}

/// Who is proposed: a collective (a unit or part of one) or a person.
public enum NomineeKind: String, LabelledValue {
    case collective
    case individual

    public static let labelPrefix = ""
}

/// Where a nominee came from.
public enum NomineeSource: String, LabelledValue {
    /// The unit's nomination dossier; the unit may withdraw it while no sent proposal holds it.
    case dossier
    /// The flag ballot's outcome; it follows the ballot (a correction replaces it), never withdrawn by hand.
    case ballot

    public static let labelPrefix = "nominee_source_"

    public var isWithdrawable: Bool { self == .dossier }
}

/// What a document attached to a proposal is.
public enum ProposalAttachmentRole: String, LabelledValue {
    /// The proposal letter (tờ trình) itself.
    case letter
    /// A nominee's achievement report (báo cáo thành tích).
    case report

    public static let labelPrefix = "proposal_document_role_"
}

/// A bonus (điểm thưởng) or a penalty (điểm trừ) on a unit's agreed score.
public enum AdjustmentKind: String, LabelledValue {
    case bonus
    case penalty

    public static let labelPrefix = "adjustment_kind_"
}

/// An outbox message: pending → sending → sent, or dead after its last failed attempt.
public enum OutboxStatus: String, LabelledValue {
    case pending
    case sending
    case sent
    case dead

    public static let labelPrefix = "outbox.status."

    /// The administrator may send again what has not gone and is not going.
    public var canRetry: Bool { self == .pending || self == .dead }
}

/// What an account may do in general; what it may do to a given record is `Policy`'s question.
public enum Role: String, LabelledValue {
    case admin
    case reviewer
    case officer
    /// A member of the provincial emulation council (Hội đồng Thi đua – Khen thưởng tỉnh): a person, not a unit, who
    /// votes at the council's sessions and reads their papers, and nothing else.
    case council

    public static let labelPrefix = "role_"
}
