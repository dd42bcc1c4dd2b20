import Foundation

/// The templates ThiĐua ships, generated from code so that no binary `.docx` sits in the repository and
/// both house styles come from one description. An administrator downloads one, edits it in Word and
/// uploads it back; `knownPlaceholders` is what such an upload is validated against.
///
/// Each kind has a `Templates/Docx…Template.swift` built from `DocxOfficialBlocks` and `DocxBody`, and a
/// `…Data` type whose `…Document.value(_:)` fills it:
///
/// | kind | data | value |
/// |---|---|---|
/// | `plan` | `PlanData` | `PlanDocument.value` |
/// | `invitation` | `InvitationData` | `InvitationDocument.value` |
/// | `minutes` | `MinutesData` | `MinutesDocument.value` |
/// | `countMinutes` ("count-minutes") | `CountMinutesData` | `CountMinutesDocument.value` |
/// | `proposal` | `ProposalData` | `ProposalDocument.value` |
/// | `scoreSummary` ("score-summary") | `ScoreSummaryData` | `ScoreSummaryDocument.value` |
/// | `decision` | `DecisionData` | `DecisionDocument.value` |
public enum BuiltInTemplate: String, CaseIterable, Codable, Sendable {
    case plan
    case invitation
    case minutes
    case countMinutes = "count-minutes"
    case proposal
    case scoreSummary = "score-summary"
    /// The chairman's decision, drafted by the provincial board (State style), not a bloc's document.
    case decision

    /// The localisation key of the document's name ("document_kind_plan").
    public var labelKey: String { "document_kind_" + rawValue }
    /// The localisation key of the short name its downloaded file takes ("document_file_plan": "Kế hoạch").
    public var fileNameKey: String { "document_file_" + rawValue }

    /// A complete `.docx` with placeholders, in the given house style. The score summary's grid is sized for
    /// `DocxScoreSummaryTemplate.defaultColumns` (5) sections; it still renders any number of them.
    public static func docx(_ kind: BuiltInTemplate, style: HouseStyle) -> Data {
        docx(kind, style: style, columns: DocxScoreSummaryTemplate.defaultColumns)
    }

    /// As `docx(_:style:)`, with the score summary's grid and cell widths sized for `columns` sections (pass
    /// `ScoreSummaryData.sectionHeaders.count`). Other kinds ignore `columns`.
    public static func docx(_ kind: BuiltInTemplate, style: HouseStyle, columns: Int) -> Data {
        let sheet = style.sheet
        let document: String
        switch kind {
        case .plan: document = DocxPlanTemplate.document(sheet)
        case .invitation: document = DocxInvitationTemplate.document(sheet)
        case .minutes: document = DocxMinutesTemplate.document(sheet, style: style)
        case .countMinutes: document = DocxCountMinutesTemplate.document(sheet)
        case .proposal: document = DocxProposalTemplate.document(sheet)
        case .scoreSummary: document = DocxScoreSummaryTemplate.document(sheet, columns: columns)
        case .decision: document = DocxDecisionTemplate.document(sheet)
        }
        // Writing an in-memory archive of fixed, well-formed parts cannot fail short of memory exhaustion.
        do {
            return try DocxPackage(entries: DocxPackageParts.all(document: document, style: sheet)).write()
        } catch {
            preconditionFailure("Không tạo được mẫu \(kind.rawValue): \(error.message)")
        }
    }

    /// The names a template of this kind may use (dotted paths; names inside loops prefixed by the loop's path).
    public static func knownPlaceholders(_ kind: BuiltInTemplate) -> Set<String> {
        switch kind {
        case .plan: DocxPlanTemplate.placeholders
        case .invitation: DocxInvitationTemplate.placeholders
        case .minutes: DocxMinutesTemplate.placeholders
        case .countMinutes: DocxCountMinutesTemplate.placeholders
        case .proposal: DocxProposalTemplate.placeholders
        case .scoreSummary: DocxScoreSummaryTemplate.placeholders
        case .decision: DocxDecisionTemplate.placeholders
        }
    }
}
