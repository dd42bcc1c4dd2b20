import Foundation

/// The templates ThiĐua ships, generated from code so that no binary `.docx` sits in the repository and
/// both house styles come from one description. An administrator downloads one, edits it in Word and
/// uploads it back; `knownPlaceholders` is what such an upload is validated against.
///
/// Planned: invitation (giấy mời), minutes (biên bản), proposal (tờ trình), score summary; each adds a
/// case here and a `Templates/Docx…Template.swift` built from `DocxOfficialBlocks`.
public enum BuiltInTemplate: String, CaseIterable, Sendable {
    case plan

    /// A complete `.docx` with placeholders, in the given house style.
    public static func docx(_ kind: BuiltInTemplate, style: HouseStyle) -> Data {
        let sheet = style.sheet
        let document: String
        switch kind {
        case .plan: document = DocxPlanTemplate.document(sheet)
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
        }
    }
}
