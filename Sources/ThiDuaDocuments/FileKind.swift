/// What a file really is, by its content (magic bytes, and for ZIP-based formats the entries inside).
public enum FileKind: String, Sendable, Codable, CaseIterable {
    case pdf, docx, xlsx, png, jpeg, zip, unknown

    /// The media type to send in Content-Type.
    public var mimeType: String {
        switch self {
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .zip: "application/zip"
        case .unknown: "application/octet-stream"
        }
    }

    /// The usual extension, without the dot; "bin" for unknown content.
    public var fileExtension: String {
        switch self {
        case .jpeg: "jpg"
        case .unknown: "bin"
        default: rawValue
        }
    }
}
