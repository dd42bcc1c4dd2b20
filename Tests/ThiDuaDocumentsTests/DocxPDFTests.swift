import Foundation
import Testing
@testable import ThiDuaDocuments

/// LibreOffice helpers, and a template re-saved by LibreOffice; every kind, the plan included, is converted in DocxKindsPDFTests.
/// Skipped where LibreOffice or poppler-utils are not installed. Set DOCX_OUTPUT_DIR to keep the files.
@Suite(.serialized) struct DocxPDFTests {
    typealias P = DocxProbe
    static let available = P.soffice != nil && P.pdfinfo != nil

    /// Runs a tool with a deadline; returns its exit status (nil on timeout) and standard output.
    static func run(_ tool: String, _ arguments: [String], timeout: TimeInterval) throws -> (Int32?, String) {
        let process = Process(), output = Pipe()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return (nil, "")
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return (process.terminationStatus, text)
    }

    @Test(.enabled(if: P.soffice != nil, "soffice is not installed"), .timeLimit(.minutes(3)))
    func templateResavedByLibreOfficeStillWorks() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let source = try dir.file("mau.docx", BuiltInTemplate.docx(.plan, style: .party))
        let outDir = dir.url.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
        let profile = dir.url.appendingPathComponent("profile").absoluteString
        let (status, _) = try Self.run(P.soffice!, ["-env:UserInstallation=\(profile)", "--headless", "--convert-to",
                                                    "docx:MS Word 2007 XML", "--outdir", outDir.path, source.path],
                                       timeout: 60)
        #expect(status == 0)
        let resaved = try Data(contentsOf: outDir.appendingPathComponent("mau.docx"))
        #expect(resaved != BuiltInTemplate.docx(.plan, style: .party))
        let template = try DocxTemplate(data: resaved)
        try template.validate(known: BuiltInTemplate.knownPlaceholders(.plan))
        let text = try P.text(try P.document(try template.render(PlanDocument.value(.scenario2023))))
        for fact in ["Số 05-KH/KTĐ", "Lào Cai, ngày 28 tháng 11 năm 2023", "(5) Bầu đơn vị Trưởng Khối",
                     "Trong 03 ngày sau hội nghị (trước ngày 22/12/2023)", "- Lưu Ban Nội chính Tỉnh ủy."] {
            #expect(text.contains(fact), "missing: \(fact)")
        }
        #expect(!text.contains("{{"))
    }
}
