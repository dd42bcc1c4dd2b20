import Foundation

/// What the import needs of a scoring table (bảng chấm điểm): per code, whether it is a leaf with its maximum
/// and scoring step, or a section. Kept apart from ThiDuaCore's scoring table so the two evolve separately.
public struct ScoringTableShape: Sendable, Equatable {
    /// A criterion that receives points.
    public struct LeafShape: Sendable, Equatable {
        public var max: Decimal
        /// Points must be a multiple of this (e.g. 0.25); nil or ≤ 0 means any value.
        public var step: Decimal?
        public init(max: Decimal, step: Decimal? = nil) {
            self.max = max
            self.step = step
        }
    }

    public var leaves: [String: LeafShape]
    /// Section and group codes: rows that carry no points of their own (a subtotal there is ignored).
    public var sections: Set<String>

    public init(leaves: [String: LeafShape], sections: Set<String> = []) {
        self.leaves = leaves
        self.sections = sections
    }

    /// Every code by its lower-cased form, for matching codes typed in another case.
    func codesByLowercase() -> [String: [String]] {
        Dictionary(grouping: Array(leaves.keys) + Array(sections), by: { $0.lowercased() })
    }
}

/// One row of a scoring sheet: columns A code (Mã), B title (Nội dung), C maximum (Điểm tối đa),
/// D self-score (Tự chấm), E agreed score (Điểm thống nhất), F note (Ghi chú). `row` is the 1-based
/// spreadsheet row it was read from (ignored when writing).
public struct ScoringSheetRow: Equatable, Sendable {
    public var code: String
    public var title: String
    public var maxPoints: Decimal?
    public var selfScore: Decimal?
    public var agreedScore: Decimal?
    public var note: String?
    public var row: Int

    public init(code: String, title: String, maxPoints: Decimal? = nil, selfScore: Decimal? = nil,
                agreedScore: Decimal? = nil, note: String? = nil, row: Int = 0) {
        self.code = code
        self.title = title
        self.maxPoints = maxPoints
        self.selfScore = selfScore
        self.agreedScore = agreedScore
        self.note = note
        self.row = row
    }
}

/// A problem found in an imported scoring sheet, located by sheet, row and column letter.
/// For a missing sheet `row` is 0 and `column` empty.
public struct ScoringSheetIssue: Equatable, Sendable, CustomStringConvertible {
    public var sheet: String
    public var row: Int
    public var column: String
    public var message: String

    public init(sheet: String, row: Int, column: String, message: String) {
        self.sheet = sheet
        self.row = row
        self.column = column
        self.message = message
    }

    /// "Trang tính “Bảng chấm điểm”, dòng 7, cột D: điểm 12 vượt quá điểm tối đa 10 của tiêu chí “I.1”."
    public var description: String {
        guard row > 0 else { return message }
        let place = "Trang tính “\(sheet)”, dòng \(row)" + (column.isEmpty ? "" : ", cột \(column)")
        return place + ": " + message
    }
}

/// The column layout shared by `ScoringSheet.read` and `write`.
enum ScoringSheetColumn: Int, CaseIterable {
    case code = 1, title, maxPoints, selfScore, agreedScore, note

    var letter: String { XLSXCellRef.letters(rawValue) }

    var header: String {
        switch self {
        case .code: "Mã"
        case .title: "Nội dung"
        case .maxPoints: "Điểm tối đa"
        case .selfScore: "Tự chấm"
        case .agreedScore: "Điểm thống nhất"
        case .note: "Ghi chú"
        }
    }

    /// Column A headers that mark the header row (compared lower-cased, spaces trimmed).
    static let codeHeaders: Set<String> = ["mã", "stt/mã", "stt / mã", "mã số", "mã tiêu chí", "stt"]
}
