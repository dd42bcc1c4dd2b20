import Foundation
import Vapor

/// Converts .docx to PDF with LibreOffice: one conversion at a time, bounded by a timeout, cached by the file's hash.
actor PDFConverter {
    static let shared = PDFConverter()
    static let timeout: TimeInterval = 60

    /// `soffice` on the PATH or at the usual places, else nil (the PDF link then says why it is missing).
    nonisolated static var sofficePath: String? {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":").map { "\($0)/soffice" }
            + ["/usr/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    enum Failure: Error { case missing, timedOut, failed(String) }

    /// Starts converting `docx` in the background when its PDF is not cached yet, so that a click on the PDF link
    /// (which usually follows the .docx) finds it ready. Conversions still run one at a time; a failure is logged
    /// and the click converts again.
    nonisolated static func prepare(_ docx: Data, sha256: String, cacheDirectory: URL, logger: Logger) {
        guard sofficePath != nil,
              !FileManager.default.fileExists(atPath: cacheDirectory.appendingPathComponent("\(sha256).pdf").path) else { return }
        Task.detached(priority: .utility) {
            do { _ = try await shared.pdf(for: docx, sha256: sha256, cacheDirectory: cacheDirectory) } catch {
                logger.warning("pdf preparation failed", metadata: ["error": "\(error)"])
            }
        }
    }

    /// Where converted PDFs are kept: `THIDUA_DATA_DIR/files/pdf`.
    static func cacheDirectory(_ settings: Settings) -> URL {
        URL(fileURLWithPath: settings.dataDirectory).appendingPathComponent("files/pdf")
    }

    /// The PDF of `docx`, from `cacheDirectory/<sha>.pdf` when converted before.
    func pdf(for docx: Data, sha256: String, cacheDirectory: URL) throws -> Data {
        let cached = cacheDirectory.appendingPathComponent("\(sha256).pdf")
        if let data = FileManager.default.contents(atPath: cached.path) { return data }
        guard let soffice = Self.sofficePath else { throw Failure.missing }
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("thidua-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let input = work.appendingPathComponent("document.docx")
        try docx.write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice)
        // A private profile per run: a stale lock in a shared profile would block every later conversion.
        process.arguments = ["-env:UserInstallation=file://\(work.path)/profile", "--headless", "--convert-to", "pdf",
                             "--outdir", work.path, input.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(Self.timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                throw Failure.timedOut
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let output = work.appendingPathComponent("document.pdf")
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: output.path) else {
            throw Failure.failed("soffice exit \(process.terminationStatus)")
        }
        try FileManager.default.createDirectory(at: cacheDirectory, withIntermediateDirectories: true)
        try? data.write(to: cached)
        return data
    }
}
