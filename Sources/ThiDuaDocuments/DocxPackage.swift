import Foundation
import ZIPFoundation

/// The entries of a `.docx` (an OPC package, i.e. a ZIP), held in memory in their original order.
struct DocxPackage: Sendable {
    struct Entry: Sendable {
        var path: String
        var data: Data
    }

    var entries: [Entry]

    /// Uploaded templates are small; these bounds keep a ZIP bomb from filling memory.
    static let maxEntrySize = 64 << 20, maxTotalSize = 256 << 20, maxEntries = 10_000
    /// Fixed entry dates make rendering deterministic, so identical data gives identical bytes
    /// (and a PDF cache keyed by content hash can hit).
    static let entryDate = Date(timeIntervalSince1970: 946_684_800)

    init(entries: [Entry]) { self.entries = entries }

    /// Reads a package through `ZipReader`, never ZIPFoundation's `extract`, which hangs on Linux when a
    /// deflate stream is cut short; every entry is checked against its size and CRC-32.
    init(reading data: Data) throws(DocxTemplateError) {
        guard data.count >= 22, data.prefix(2) == Data("PK".utf8) else {
            throw .notDocx("đây không phải tệp nén Office Open XML (thiếu chữ ký ZIP “PK”).")
        }
        // ZipReader reads from a file handle, so the bytes go to a private temporary file first.
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-docx-\(UUID().uuidString).zip")
        do { try data.write(to: url, options: .atomic) } catch {
            throw DocxTemplateError(.notDocx, "Không ghi được tệp tạm để đọc mẫu: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: url) }
        guard let reader = ZipReader(url: url) else {
            throw .notDocx("không đọc được mục lục của tệp nén; tệp có thể bị cắt cụt hoặc hỏng.")
        }
        defer { reader.close() }
        guard reader.entries.count <= Self.maxEntries else { throw .notDocx("tệp nén có quá nhiều mục.") }
        var entries: [Entry] = [], total = 0, seen = Set<String>()
        for entry in reader.entries where !entry.path.hasSuffix("/") && seen.insert(entry.path).inserted {
            guard let content = reader.contents(of: entry, limit: Self.maxEntrySize) else {
                throw .notDocx("mục “\(entry.path)” bị hỏng, bị cắt cụt, mã hóa hoặc quá lớn.")
            }
            total += content.count
            guard total <= Self.maxTotalSize else { throw .notDocx("nội dung giải nén quá lớn.") }
            entries.append(Entry(path: entry.path, data: content))
        }
        for required in ["[Content_Types].xml", "word/document.xml"] where !seen.contains(required) {
            throw .notDocx("thiếu phần “\(required)” (tệp có thể là .xlsx, .odt hay một tệp nén khác).")
        }
        self.entries = entries
    }

    subscript(path: String) -> Data? { entries.first { $0.path == path }?.data }

    /// The package as ZIP bytes, with `replacements` substituted for the entries of the same path.
    func write(replacing replacements: [String: Data] = [:]) throws(DocxTemplateError) -> Data {
        do {
            let archive = try Archive(accessMode: .create)
            for entry in entries {
                let data = replacements[entry.path] ?? entry.data
                // Images are already compressed; XML shrinks about tenfold.
                let stored = ["png", "jpg", "jpeg", "gif", "emf", "wmf"].contains {
                    entry.path.lowercased().hasSuffix(".\($0)")
                }
                try archive.addEntry(with: entry.path, type: .file, uncompressedSize: Int64(data.count),
                                     modificationDate: Self.entryDate,
                                     compressionMethod: stored ? .none : .deflate, provider: { position, size in
                    let start = data.startIndex + Int(position)
                    return data.subdata(in: start..<min(start + size, data.endIndex))
                })
            }
            guard let data = archive.data else { throw DocxTemplateError(.badData, "Không tạo được tệp .docx.") }
            return data
        } catch let error as DocxTemplateError {
            throw error
        } catch {
            throw DocxTemplateError(.badData, "Không tạo được tệp .docx: \(error.localizedDescription)")
        }
    }
}
