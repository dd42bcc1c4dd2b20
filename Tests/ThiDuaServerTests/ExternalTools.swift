import Foundation
import SQLKit

/// Programs the document tests read their output with (poppler, LibreOffice); each test that needs one is skipped
/// where it is missing (`.ci/run` installs them).
enum ExternalTools {
    static func find(_ name: String) -> String? {
        ["/usr/bin/", "/usr/local/bin/"].map { $0 + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let pdftotext = find("pdftotext")

    /// Runs a program and hands back what it printed; stopped after `timeout` (LibreOffice can hang on a bad file).
    static func run(_ path: String, _ arguments: [String], timeout: TimeInterval = 120) throws -> String {
        let process = Process(), out = Pipe()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Read while it runs (a long output would fill the pipe and stop it), and stop it past the deadline.
        let output = Output(), reading = DispatchGroup()
        reading.enter()
        DispatchQueue.global().async {
            output.data = out.fileHandleForReading.readDataToEndOfFile()
            reading.leave()
        }
        if reading.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            reading.wait()
        }
        process.waitUntilExit()
        return String(decoding: output.data, as: UTF8.self)
    }

    private final class Output: @unchecked Sendable { var data = Data() }
}

/// The names a query on the database's own catalogue lists (SQLite's `sqlite_master`, PostgreSQL's
/// `information_schema`), as a set: for the tests that hold code lists to the tables and triggers that exist.
func catalogueNames(_ sql: SQLDatabase, sqlite: SQLQueryString, postgres: SQLQueryString) async throws -> Set<String> {
    struct Name: Decodable { var name: String }
    return Set(try await sql.raw(sql.dialect.name == "postgresql" ? postgres : sqlite).all(decoding: Name.self).map(\.name))
}
