import Foundation

/// Every object of a PDF found by scanning its bytes, including those packed in object streams (PDF 1.5+).
///
/// The file is scanned for "n g obj" rather than trusting the cross-reference table, because uploads are
/// often saved by tools that leave stale xref offsets; a later definition of a number (an incremental
/// update) replaces an earlier one, which is what a viewer following the newest xref sees.
struct PDFObjects {
    struct Object {
        var position: Int
        var value: PDFValue
        var stream: Range<Int>?
    }

    /// Decoded object streams may not exceed this in total: a tiny file can inflate to gigabytes.
    static let inflateBudget = 256 << 20

    let bytes: [UInt8]
    private(set) var objects: [Int: Object] = [:]
    /// The newest /Root reference from a classic trailer or an xref stream's dictionary.
    private(set) var root: Int?
    private var rootPosition = -1

    init(bytes: [UInt8]) {
        self.bytes = bytes
        scanTopLevel()
        unpackObjectStreams()
    }

    func resolve(_ value: PDFValue?) -> PDFValue? {
        var current = value
        for _ in 0..<8 {
            guard case .ref(let number) = current else { return current }
            current = objects[number]?.value
        }
        return nil
    }

    private mutating func scanTopLevel() {
        let obj = Array("obj".utf8), trailer = Array("trailer".utf8)
        var i = 0
        while i + 3 <= bytes.count {
            let b = bytes[i]
            if b == obj[0], matches(obj, at: i), let number = objectNumber(endingBefore: i), followedByDelimiter(i + 3) {
                var parser = PDFParser(bytes, at: i + 3)
                guard let value = parser.parseValue() else { i += 3; continue }
                let stream = streamRange(after: parser.position, dict: value.dict)
                record(number, Object(position: i, value: value, stream: stream))
                if value.dict?["Type"]?.name == "XRef" { noteRoot(value.dict?["Root"], at: i) }
                i = stream?.upperBound ?? parser.position
            } else if b == trailer[0], matches(trailer, at: i), i == 0 || !PDFParser.isRegular(bytes[i - 1]),
                      followedByDelimiter(i + trailer.count) {
                var parser = PDFParser(bytes, at: i + trailer.count)
                noteRoot(parser.parseValue()?.dict?["Root"], at: i)
                i = max(parser.position, i + 1)
            } else {
                i += 1
            }
        }
    }

    private mutating func unpackObjectStreams() {
        var budget = Self.inflateBudget
        let containers = objects.values.filter { $0.value.dict?["Type"]?.name == "ObjStm" }.sorted { $0.position < $1.position }
        for container in containers {
            guard let dict = container.value.dict, let range = container.stream,
                  let count = resolve(dict["N"])?.int, let first = resolve(dict["First"])?.int, count >= 0, first >= 0,
                  let decoded = decode(range, dict: dict, budget: &budget), first <= decoded.count else { continue }
            // The stream opens with N pairs "object-number offset"; offsets count from /First.
            var header = PDFParser(decoded)
            var pairs: [(Int, Int)] = []
            for _ in 0..<min(count, decoded.count / 2) {
                guard let number = header.parseValue()?.int, let offset = header.parseValue()?.int else { break }
                pairs.append((number, offset))
            }
            for (number, offset) in pairs where offset >= 0 && first + offset < decoded.count {
                var parser = PDFParser(decoded, at: first + offset)
                if let value = parser.parseValue() {
                    record(number, Object(position: container.position, value: value, stream: nil))
                }
            }
        }
    }

    /// Stream data, FlateDecode or unfiltered; nil for other filters and predictors (never used for
    /// object streams by common writers) or when the budget runs out.
    private func decode(_ range: Range<Int>, dict: [String: PDFValue], budget: inout Int) -> [UInt8]? {
        let filters: [PDFValue]
        switch resolve(dict["Filter"]) {
        case nil: filters = []
        case .array(let list)?: filters = list
        case let single?: filters = [single]
        }
        let raw = Array(bytes[range])
        guard !filters.isEmpty else { return raw }
        guard filters.count == 1, filters[0].name == "FlateDecode",
              (resolve(dict["DecodeParms"])?.dict?["Predictor"]?.int ?? 1) <= 1,
              let data = try? Inflate.zlib(Data(raw), limit: budget) else { return nil }
        budget -= data.count
        return [UInt8](data)
    }

    private mutating func record(_ number: Int, _ object: Object) {
        if let existing = objects[number], existing.position > object.position { return }
        objects[number] = object
    }

    private mutating func noteRoot(_ value: PDFValue?, at position: Int) {
        guard case .ref(let number) = value, position > rootPosition else { return }
        root = number
        rootPosition = position
    }

    private func matches(_ word: [UInt8], at i: Int) -> Bool {
        guard i + word.count <= bytes.count else { return false }
        for k in 0..<word.count where bytes[i + k] != word[k] { return false }
        return true
    }

    private func followedByDelimiter(_ i: Int) -> Bool { i >= bytes.count || !PDFParser.isRegular(bytes[i]) }

    /// Reads "12 0 " backwards from just before "obj"; nil unless both numbers are there.
    private func objectNumber(endingBefore end: Int) -> Int? {
        var i = end - 1
        func skipSpace() { while i >= 0, PDFParser.isWhitespace(bytes[i]) { i -= 1 } }
        func digits() -> Int? {
            let last = i
            while i >= 0, bytes[i] >= 48, bytes[i] <= 57 { i -= 1 }
            guard i < last, last - i <= 10 else { return nil }
            return Int(String(decoding: bytes[(i + 1)...last], as: UTF8.self))
        }
        guard i >= 0, PDFParser.isWhitespace(bytes[i]) else { return nil }
        skipSpace()
        guard digits() != nil, i >= 0, PDFParser.isWhitespace(bytes[i]) else { return nil }
        skipSpace()
        guard let number = digits(), i < 0 || !PDFParser.isRegular(bytes[i]) else { return nil }
        return number
    }

    /// After a dictionary: "stream" EOL data "endstream". /Length is used when it checks out; otherwise
    /// (indirect or wrong, both common) the data runs to the next "endstream".
    private func streamRange(after position: Int, dict: [String: PDFValue]?) -> Range<Int>? {
        guard dict != nil else { return nil }
        var parser = PDFParser(bytes, at: position)
        parser.skipWhitespaceAndComments()
        guard parser.readRegular() == "stream" else { return nil }
        var start = parser.position
        if start < bytes.count, bytes[start] == 13 { start += 1 }
        if start < bytes.count, bytes[start] == 10 { start += 1 }
        let endWord = Array("endstream".utf8)
        if let length = dict?["Length"]?.int, length >= 0, start + length <= bytes.count {
            var after = PDFParser(bytes, at: start + length)
            after.skipWhitespaceAndComments()
            if matches(endWord, at: after.position) { return start..<(start + length) }
        }
        var i = start
        while i + endWord.count <= bytes.count {
            if bytes[i] == endWord[0], matches(endWord, at: i) { return start..<i }
            i += 1
        }
        return nil
    }
}
