import Foundation
import ThiDuaCore
import ThiDuaDocuments
import Vapor

extension SubmissionService {
    /// What the checks found out about a received file.
    struct CheckedFile {
        var name: String
        var kind: FileKind
    }

    /// The type is decided by content, never by name; a name whose extension claims another type is refused,
    /// so an `.exe` renamed `.pdf` never reaches a reviewer's screen.
    static func check(_ file: ReceivedFile, against requirement: Requirement, on req: Request) throws -> CheckedFile {
        try check(file, kinds: requirement.kinds.compactMap(FileKind.init(rawValue:)), maxPages: requirement.maxPages,
                  maxBytes: requirement.maxBytes, on: req)
    }

    /// What a ZIP-based upload (.docx, .xlsx, .zip) may inflate to in total: ten times the upload's own size
    /// limit, so checking it costs at most a second or two of CPU whatever its content.
    static func maxInflatedBytes(forUploadLimit maxBytes: Int) -> UInt64 { UInt64(max(maxBytes, 1 << 20)) * 10 }

    /// The same checks for any upload that accepts `kinds` (a decision's scan, for one).
    static func check(_ file: ReceivedFile, kinds accepted: [FileKind], maxPages: Int?, maxBytes: Int,
                      on req: Request) throws -> CheckedFile {
        let name: String
        do { name = try FileName.sanitize(file.fileName) } catch {
            throw AppError.validation("file", req.t("upload.bad_name", ["detail": error.message]))
        }
        guard file.size > 0 else { throw AppError.validation("file", req.t("upload.empty")) }
        let kind = FileInspector.kind(of: file.temporaryURL)
        let acceptedText = accepted.map { $0.rawValue.uppercased() }.joined(separator: ", ")
        guard kind != .unknown else {
            throw AppError(.unsupportedMediaType, "unsupported-media-type",
                           req.t("upload.unknown_type", ["name": name, "accepted": acceptedText]))
        }
        let claimed = FileName.fileExtension(name)
        let aliases: [FileKind: Set<String>] = [.jpeg: ["jpg", "jpeg"], .pdf: ["pdf"], .docx: ["docx"], .xlsx: ["xlsx"],
                                                .png: ["png"], .zip: ["zip"]]
        if !claimed.isEmpty, !(aliases[kind] ?? []).contains(claimed) {
            throw AppError(.unsupportedMediaType, "unsupported-media-type",
                           req.t("upload.type_mismatch", ["name": name, "ext": claimed.uppercased(), "kind": kind.rawValue.uppercased()]))
        }
        guard accepted.contains(kind) else {
            throw AppError(.unsupportedMediaType, "unsupported-media-type",
                           req.t("upload.kind_not_accepted", ["kind": kind.rawValue.uppercased(), "accepted": acceptedText]))
        }
        if [.docx, .xlsx, .zip].contains(kind),
           let refusal = FileInspector.inflationRefusal(of: file.temporaryURL, maxInflatedBytes: maxInflatedBytes(forUploadLimit: maxBytes)) {
            switch refusal {
            case let .tooLarge(declared, limit):
                throw AppError.validation("file", req.t("upload.inflates_too_much", [
                    "name": name, "size": ByteCount.text(Int(clamping: declared)), "max": ByteCount.text(Int(clamping: limit))]))
            case let .ratio(ratio):
                throw AppError.validation("file", req.t("upload.inflation_ratio", ["name": name, "ratio": String(ratio)]))
            }
        }
        guard FileInspector.isComplete(file.temporaryURL, kind: kind) else {
            throw AppError.validation("file", req.t("upload.corrupt", ["name": name]))
        }
        if kind == .pdf, let limit = maxPages {
            guard let pages = FileInspector.pdfPageCount(of: file.temporaryURL) else {
                throw AppError.validation("file", req.t("upload.pages_unknown", ["name": name]))
            }
            guard pages <= limit else {
                throw AppError.validation("file", req.t("upload.too_many_pages", ["pages": String(pages), "max": String(limit)]))
            }
        }
        return CheckedFile(name: name, kind: kind)
    }
}
