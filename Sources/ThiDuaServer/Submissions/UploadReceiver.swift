import Crypto
import Foundation
import NIOCore
import Vapor

/// A file received from a multipart upload, written to a temporary path while it was hashed.
struct ReceivedFile {
    var temporaryURL: URL
    var sha256: String
    var size: Int
    var fileName: String
    var fields: [String: String]
}

/// Reads a multipart body as it streams in: the `file` part goes straight to disk through SHA-256,
/// so an upload is never held in memory and an oversized one is refused at the first byte too many.
enum UploadReceiver {
    /// Small form fields (unitID, csrfToken) are capped; only the file may be large.
    static let maxFieldBytes = 4096

    static func receive(_ req: Request, maxBytes: Int) async throws -> ReceivedFile {
        guard let type = req.headers.contentType, type.type == "multipart" else {
            throw AppError(.unsupportedMediaType, "unsupported-media-type", req.t("upload.not_multipart"))
        }
        guard let boundary = type.parameters["boundary"], let parser = try? MultipartReader(boundary: boundary) else {
            throw AppError(.badRequest, "upload-incomplete", req.t("upload.incomplete"))
        }
        if let length = req.headers.first(name: .contentLength).flatMap(Int.init), length > maxBytes + 64 * 1024 {
            throw tooLarge(req, maxBytes)
        }
        let store = req.application.fileStore
        let state = try State(temporaryURL: store.temporaryURL())
        parser.onHeader = { name, value in state.headers[name.lowercased()] = value }
        parser.onBody = { buffer in state.body(&buffer, maxBytes: maxBytes) }
        parser.onPartComplete = { state.partComplete() }
        do {
            for try await buffer in req.body {
                try parser.execute(buffer)
                if state.overflow { throw tooLarge(req, maxBytes) }
            }
            state.closeFile()
            guard state.fileComplete, let name = state.fileName else {
                throw AppError(.badRequest, "upload-incomplete",
                               state.fileName == nil && state.finished ? req.t("upload.no_file") : req.t("upload.incomplete"))
            }
            return ReceivedFile(temporaryURL: state.temporaryURL, sha256: state.digest, size: state.size,
                                fileName: name, fields: state.fields)
        } catch let error as AppError {
            state.discard()
            throw error
        } catch {
            state.discard()
            throw AppError(.badRequest, "upload-incomplete", req.t("upload.incomplete"))
        }
    }

    static func tooLarge(_ req: Request, _ maxBytes: Int) -> AppError {
        AppError(.payloadTooLarge, "payload-too-large", req.t("upload.too_large", ["max": ByteCount.text(maxBytes)]))
    }

    /// The parser's running state; the parser calls back synchronously on one task, so no locking is needed.
    final class State {
        let temporaryURL: URL
        var headers: [String: String] = [:]
        var fields: [String: String] = [:]
        var fileName: String?
        var fileComplete = false
        var finished = false
        var overflow = false
        var size = 0
        private var handle: FileHandle?
        private var hasher = SHA256()
        private var field = ""
        private var partName: String?
        private var inFile = false

        init(temporaryURL: URL) { self.temporaryURL = temporaryURL }

        var digest: String { hasher.finalize().map { String(format: "%02x", $0) }.joined() }

        private func startPartIfNeeded() {
            guard partName == nil else { return }
            let disposition = ContentDisposition(headers["content-disposition"] ?? "")
            partName = disposition.name ?? ""
            if partName == "file", fileName == nil {
                inFile = true
                fileName = disposition.fileName ?? ""
                _ = FileManager.default.createFile(atPath: temporaryURL.path, contents: nil)
                handle = FileHandle(forWritingAtPath: temporaryURL.path)
            }
        }

        func body(_ buffer: inout ByteBuffer, maxBytes: Int) {
            startPartIfNeeded()
            guard !overflow else { return }
            let bytes = buffer.readableBytesView
            if inFile {
                size += bytes.count
                if size > maxBytes { overflow = true; return }
                bytes.withContiguousStorageIfAvailable { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
                    ?? hasher.update(data: Array(bytes))
                handle?.write(Data(bytes))
            } else if field.utf8.count + bytes.count <= maxFieldBytes {
                field += String(decoding: bytes, as: UTF8.self)
            }
        }

        func partComplete() {
            startPartIfNeeded()
            if inFile {
                fileComplete = true
                closeFile()
            } else if let name = partName, !name.isEmpty {
                fields[name] = field
            }
            finished = true
            headers = [:]
            field = ""
            partName = nil
            inFile = false
        }

        func closeFile() {
            try? handle?.close()
            handle = nil
        }

        func discard() {
            closeFile()
            try? FileManager.default.removeItem(at: temporaryURL)
        }
    }
}

/// The `name` and `filename` of a multipart part; `filename*=UTF-8''…` (RFC 5987) wins over `filename`.
struct ContentDisposition {
    var name: String?
    var fileName: String?

    init(_ header: String) {
        var plain: String?
        for part in header.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { continue }
            let value = pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"") && pair[1].count >= 2
                ? String(pair[1].dropFirst().dropLast()) : pair[1]
            switch pair[0].lowercased() {
            case "name": name = value
            case "filename": plain = value
            case "filename*":
                if let range = value.range(of: "''") { fileName = String(value[range.upperBound...]).removingPercentEncoding }
            default: break
            }
        }
        if fileName == nil { fileName = plain }
    }
}

/// Sizes as a Vietnamese reader writes them.
enum ByteCount {
    static func text(_ bytes: Int) -> String {
        if bytes >= 1 << 20 { return String(format: "%.1f MB", Double(bytes) / Double(1 << 20)).replacingOccurrences(of: ".", with: ",") }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KB" }
        return "\(bytes) byte"
    }
}
