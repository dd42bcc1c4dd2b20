import Foundation

/// The data a `.docx` template is filled with: text, flags, lists (for loops) and objects (for dotted names).
public indirect enum DocxValue: Sendable, Equatable {
    case text(String), bool(Bool), list([DocxValue]), object([String: DocxValue])

    /// Whether a conditional `{{?name}}` shows its content. Whitespace-only text counts as empty,
    /// because a field that looks blank on paper should not produce an orphan heading.
    public var isTruthy: Bool {
        switch self {
        case .text(let text): !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        case .bool(let flag): flag
        case .list(let items): !items.isEmpty
        case .object(let fields): !fields.isEmpty
        }
    }

    /// The value at a dotted path below this one ("signer.name"), or nil.
    func value(at path: [Substring]) -> DocxValue? {
        var current = self
        for key in path {
            guard case .object(let fields) = current, let next = fields[String(key)] else { return nil }
            current = next
        }
        return current
    }

    /// Every name a template may use with this value as its root: "signer", "signer.name", "steps",
    /// "steps.who"… Lists contribute the union of their items' names, prefixed by the list's own path,
    /// which is how `DocxTemplate.validate` qualifies names inside a loop.
    public var placeholderPaths: Set<String> {
        var out = Set<String>()
        collect(prefix: "", into: &out)
        return out
    }

    private func collect(prefix: String, into out: inout Set<String>) {
        switch self {
        case .object(let fields):
            for (key, value) in fields {
                let path = prefix.isEmpty ? key : "\(prefix).\(key)"
                out.insert(path)
                value.collect(prefix: path, into: &out)
            }
        case .list(let items):
            for item in items { item.collect(prefix: prefix, into: &out) }
        case .text, .bool:
            break
        }
    }
}

/// Literals make test data and small documents readable: `["number": "05-KH/KTĐ", "items": ["a", "b"]]`.
extension DocxValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: DocxValue...) { self = .list(elements) }
    public init(dictionaryLiteral elements: (String, DocxValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}

/// The stack of values a name is looked up in: the root data, then one entry per enclosing loop item.
struct DocxScope {
    var frames: [DocxValue]

    /// "." is the innermost item; otherwise the first segment is looked up from the innermost frame
    /// outward (as in Mustache), and the rest of the path below the frame that has it.
    func lookup(_ name: String) -> DocxValue? {
        if name == "." { return frames.last }
        let path = name.split(separator: ".", omittingEmptySubsequences: false)
        guard let head = path.first else { return nil }
        for frame in frames.reversed() {
            if case .object(let fields) = frame, let start = fields[String(head)] {
                return start.value(at: Array(path.dropFirst()))
            }
        }
        return nil
    }
}
