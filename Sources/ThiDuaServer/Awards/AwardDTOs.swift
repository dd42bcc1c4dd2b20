import Foundation
import ThiDuaCore
import Vapor

struct NomineeDTO: Content {
    var id: UUID
    var kind: NomineeKind
    var unitID: UUID
    var personID: UUID?
    var label: String
    var position: String?
    var award: String
    var awardName: String
    var source: NomineeSource
}

/// `kind` collective: `label` names the collective (default: the unit). `kind` individual: `personName` (and `position`).
struct NomineeInput: Content {
    var kind: NomineeKind
    var unitID: UUID
    var award: String
    var label: String?
    var personName: String?
    var position: String?
    /// For a person: leader, direct worker or other, as the yearly statistics count them.
    var positionLevel: PositionLevel?
}

struct ProposalDTO: Content {
    var id: UUID
    var title: String
    var status: ProposalStatus
    var sentAt: String?
    var overrideReason: String?
    var nominees: [NomineeDTO]
    /// Eligibility warnings from the award history and the rule set, per nominee label.
    var warnings: [String]
    var decisions: [DecisionDTO]
    /// The proposal letter and the achievement reports it goes with.
    var documents: [ProposalDocumentDTO]
    /// Why the provincial board returned it, while it is `returned`.
    var returnReason: String?
    var reviewedAt: String?
}

struct ProposalInput: Content {
    var title: String
    /// Left out, none (a web form sends no field when no box is ticked); the service then says what is missing.
    var nomineeIDs: [UUID]

    init(title: String, nomineeIDs: [UUID]) { (self.title, self.nomineeIDs) = (title, nomineeIDs) }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decode(String.self, forKey: .title)
        nomineeIDs = try c.decodeIfPresent([UUID].self, forKey: .nomineeIDs) ?? []
    }
}

struct SendInput: Content {
    var overrideReason: String?
}

struct DecisionDTO: Content {
    var id: UUID
    var number: String
    var date: String
    var issuer: String
    var method: AwardMethod
    var awarded: [UUID]
    var refused: [UUID]
    /// The scanned decision, once uploaded.
    var scan: DecisionScanDTO?
    /// The web page's address of the scan: read it there, or post a new one to it.
    var scanWebURL: String
}

struct DecisionScanDTO: Content {
    var fileName: String
    var contentType: String
    var size: Int
    var uploadedAt: String
    var url: String
    var webURL: String
}

struct DecisionInput: Content {
    struct Item: Content {
        var nomineeID: UUID
        var awarded: Bool
    }

    var number: String
    var date: String
    var issuer: String
    /// How the awards are given; regular when left out.
    var method: AwardMethod?
    var items: [Item]
}

/// One line of an award history.
struct AwardHistoryDTO: Content {
    var year: Int
    var award: String
    var awardName: String
    var awarded: Bool
    var decisionNumber: String
    var decisionDate: String
}
