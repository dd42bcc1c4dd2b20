import Foundation

/// A `.docx` with `{{placeholders}}`, `{{#loops}}…{{/loops}}` and `{{?conditions}}…{{/conditions}}`,
/// filled from a `DocxValue` into a new `.docx`.
///
/// Tags may sit in the main document, headers and footers. Word's run splitting is undone on load (see
/// `DocxRunMerger`), and what each block repeats is decided by where its tags sit (see `DocxTemplateTree`).
/// Inside a loop a name is looked up in the current item first, then in the enclosing items, then the root.
public struct DocxTemplate: Sendable {
    /// One XML part that holds tags: its tree, or why the tree could not be built.
    struct Part: Sendable {
        var path: String
        var tree: Result<[DocxNode], DocxTemplateError>
    }

    let package: DocxPackage
    let parts: [Part]
    /// Every name used by a placeholder, loop or conditional, as written (dotted paths kept, "." left out).
    public let placeholders: Set<String>

    /// Reads and prepares a template. Throws only when the file is not a readable `.docx`; problems with the
    /// tags themselves are reported by `validate(known:)` (and `render`), so an editor can still list them.
    public init(data: Data) throws(DocxTemplateError) {
        let package = try DocxPackage(reading: data)
        var parts: [Part] = [], names = Set<String>()
        for entry in package.entries where Self.holdsTags(entry.path) {
            guard let text = String(data: entry.data, encoding: .utf8) else {
                throw .notDocx("phần “\(entry.path)” không được mã hóa UTF-8.")
            }
            var bytes = Array(text.utf8)
            var tokens: [DocxXMLToken]
            do {
                tokens = try DocxXMLScanner.tokens(bytes)
                if let merged = DocxRunMerger.merge(bytes, tokens: tokens) {
                    bytes = merged
                    tokens = try DocxXMLScanner.tokens(bytes)
                }
            } catch {
                throw .notDocx("phần “\(entry.path)” không phải XML hợp lệ (lỗi ở byte \(error.offset)).")
            }
            let found = DocxTagScanner.scan(bytes, tokens: tokens)
            for tag in found.tags where tag.match.kind != .invalid && tag.match.kind != .close && tag.match.name != "." {
                names.insert(tag.match.name)
            }
            let tree: Result<[DocxNode], DocxTemplateError>
            do {
                tree = .success(try DocxTemplateTree.build(bytes: bytes, tokens: tokens, tags: found.tags,
                                                           unterminated: found.unterminated))
            } catch {
                tree = .failure(error)
            }
            parts.append(Part(path: entry.path, tree: tree))
        }
        self.package = package
        self.parts = parts
        self.placeholders = names
    }

    /// The main document, headers and footers; other parts (styles, numbering, media) are copied as they are.
    static func holdsTags(_ path: String) -> Bool {
        guard path.hasPrefix("word/"), path.hasSuffix(".xml"), !path.dropFirst(5).contains("/") else { return false }
        let name = path.dropFirst(5)
        return name == "document.xml" || name.hasPrefix("header") || name.hasPrefix("footer")
    }

    /// Refuses a template whose tags are malformed, unbalanced or crossed, or that uses a name outside
    /// `known`. Names inside a loop are qualified by the loop's path: in `{{#steps}}…{{who}}…{{/steps}}`,
    /// `{{who}}` is accepted if `known` has "steps.who" (or "who", found outside the loop).
    public func validate(known: Set<String>) throws(DocxTemplateError) {
        var unknown: [(raw: String, path: String)] = []
        for part in parts {
            switch part.tree {
            case .failure(let error): throw error
            case .success(let nodes): Self.check(nodes, scopes: [], known: known, unknown: &unknown)
            }
        }
        guard !unknown.isEmpty else { return }
        var seen = Set<String>()
        let listed = unknown.filter { seen.insert($0.path).inserted }
        let text = listed.map { $0.raw == "{{\($0.path)}}" ? "“\($0.raw)”" : "“\($0.raw)” (\($0.path))" }
        throw DocxTemplateError(.unknownPlaceholder, "Mẫu dùng trường không có trong dữ liệu: "
                                + text.joined(separator: ", ") + ".", placeholders: listed.map(\.path))
    }

    private static func check(_ nodes: [DocxNode], scopes: [String], known: Set<String>,
                              unknown: inout [(raw: String, path: String)]) {
        func resolve(_ name: String) -> String? {
            for scope in scopes.reversed() where known.contains("\(scope).\(name)") { return "\(scope).\(name)" }
            return known.contains(name) ? name : nil
        }
        for node in nodes {
            switch node {
            case .xml:
                break
            case .value(let name, let raw):
                if name == "." { if scopes.isEmpty { unknown.append((raw, ".")) } }
                else if resolve(name) == nil { unknown.append((raw, scopes.last.map { "\($0).\(name)" } ?? name)) }
            case .block(let block, let children):
                let path = resolve(block.name)
                if path == nil { unknown.append((block.raw, scopes.last.map { "\($0).\(block.name)" } ?? block.name)) }
                let inner = block.isLoop ? scopes + [path ?? (scopes.last.map { "\($0).\(block.name)" } ?? block.name)] : scopes
                check(children, scopes: inner, known: known, unknown: &unknown)
            }
        }
    }

    /// A new `.docx` with every tag replaced. Text is NFC-normalised and XML-escaped; "\n" becomes a line break
    /// and "\t" a tab. A missing value, or a list where text is expected, is an error rather than a blank,
    /// because a silently empty field in an official document is worse than no document.
    public func render(_ data: DocxValue) throws(DocxTemplateError) -> Data {
        var replacements: [String: Data] = [:]
        for part in parts {
            let nodes: [DocxNode]
            switch part.tree {
            case .failure(let error): throw error
            case .success(let tree): nodes = tree
            }
            var out = ""
            var scope = DocxScope(frames: [data])
            try DocxRenderer.render(nodes, scope: &scope, into: &out)
            replacements[part.path] = Data(DocxRenderer.mendEmptyCells(out).utf8)
        }
        return try package.write(replacing: replacements)
    }
}
