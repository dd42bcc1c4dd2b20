import Foundation
import Testing
import ZIPFoundation
@testable import ThiDuaDocuments

@Suite struct ZipBundleWriterTests {
    /// Three real files of different sizes and compressions, an empty one and the manifest.
    @Test func bundlesFilesAndManifestByteForByte() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let tree = dir.url.appendingPathComponent("uploads/2024/dot-1")
        try FileManager.default.createDirectory(at: tree, withIntermediateDirectories: true)
        let sources: [(String, Data)] = [
            ("Ban-To-chuc/Bao-cao.pdf", classicPDF(pages: 3)),
            ("Ban-To-chuc/anh.jpg", noise(300_000, seed: 7)),  // stored: already compressed
            ("Dang-uy-Khoi/Du-lieu.bin", noise(1_500_000, seed: 11) + Data(repeating: 0x20, count: 700_000)),
            ("Dang-uy-Khoi/rong.txt", Data()),
        ]
        let writer = try ZipBundleWriter(destination: dir.url.appendingPathComponent("bundle.zip"))
        for (index, (path, data)) in sources.enumerated() {
            let file = tree.appendingPathComponent("\(index).upload")
            try data.write(to: file)
            try writer.add(file: file, as: path)
        }
        let manifest = Data("\u{FEFF}Tệp,Đơn vị\r\nBao-cao.pdf,Ban Tổ chức\r\n".utf8)
        try writer.add(data: manifest, as: "manifest.csv")
        try writer.finish()
        try writer.finish()

        let url = dir.url.appendingPathComponent("bundle.zip")
        let archive = try Archive(url: url, accessMode: .read)
        var found: [String: Data] = [:]
        for entry in archive {
            var data = Data()
            let crc = try archive.extract(entry) { data.append($0) }
            #expect(crc == entry.checksum, "\(entry.path)")
            found[entry.path] = data
            if entry.path.hasSuffix(".jpg") { #expect(!entry.isCompressed) }
            if entry.path.hasSuffix(".bin") { #expect(entry.isCompressed) }
        }
        #expect(found.count == 5)
        for (path, data) in sources { #expect(found[path] == data, "\(path)") }
        #expect(found["manifest.csv"] == manifest)
        #expect(FileInspector.kind(of: url) == .zip)
        #expect(FileInspector.isComplete(url, kind: .zip))
    }

    @Test(arguments: ["../evil.txt", "/etc/passwd", "a/../../b", "a\\b.txt", "C:/x.txt", "Báo cáo.pdf", "", "a//b",
                      "thu-muc/", "./a", "a\u{1}b"])
    func refusesUnsafePaths(path: String) throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let writer = try ZipBundleWriter(destination: dir.url.appendingPathComponent("b.zip"))
        #expect(throws: ZipBundleError.self) { try writer.add(data: Data("x".utf8), as: path) }
    }

    @Test func refusesDuplicatesOverwritesAndLateAdds() throws {
        let dir = try TempDir()
        defer { dir.cleanup() }
        let destination = dir.url.appendingPathComponent("b.zip")
        let writer = try ZipBundleWriter(destination: destination)
        try writer.add(data: Data("1".utf8), as: "a.txt")
        #expect(throws: ZipBundleError(message: "Tệp “a.txt” đã có trong tệp nén.")) {
            try writer.add(data: Data("2".utf8), as: "a.txt")
        }
        #expect(throws: (any Error).self) { try writer.add(file: dir.url.appendingPathComponent("missing"), as: "m.txt") }
        try writer.finish()
        #expect(throws: ZipBundleError(message: "Tệp nén đã được đóng.")) { try writer.add(data: Data(), as: "b.txt") }
        #expect(throws: ZipBundleError(message: "Tệp nén đích đã tồn tại.")) { try ZipBundleWriter(destination: destination) }
        let archive = try Archive(url: destination, accessMode: .read)
        #expect(Array(archive).map(\.path) == ["a.txt"])
    }
}
