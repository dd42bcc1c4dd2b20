import Foundation

/// One award of an earlier year, as the board types it into a workbook (issue 17: "an import from Excel for last
/// years' history"), before the server matches its award kind, unit and person.
public struct PastAward: Equatable, Sendable {
    /// The workbook's row number, for every message about it.
    public var line: Int
    public var year: Int
    public var award: String
    public var collective: Bool
    /// The collective's or the person's name.
    public var holder: String
    /// The unit: the collective itself, or the person's unit.
    public var unit: String
    public var position: String?
    public var level: PositionLevel?
    public var decisionNumber: String
    public var decisionDate: LocalDate
    public var method: AwardMethod
}

/// Why a row cannot be imported; `description` is the Vietnamese message shown to the board, naming the row.
public enum PastAwardProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case noHeader([String])
    case missing(line: Int, column: String)
    case badYear(line: Int, text: String)
    case badDate(line: Int, text: String)
    case badKind(line: Int, text: String)
    case badMethod(line: Int, text: String)
    case badLevel(line: Int, text: String)

    public var description: String {
        switch self {
        case let .noHeader(columns): "Không thấy dòng tiêu đề có các cột: \(columns.joined(separator: ", "))."
        case let .missing(line, column): "Dòng \(line): thiếu \(column)."
        case let .badYear(line, text): "Dòng \(line): năm “\(text)” không hợp lệ."
        case let .badDate(line, text): "Dòng \(line): ngày quyết định “\(text)” không đọc được; hãy ghi dd/mm/yyyy."
        case let .badKind(line, text): "Dòng \(line): “\(text)” không phải Tập thể hay Cá nhân."
        case let .badMethod(line, text): "Dòng \(line): phương thức “\(text)” không có trong danh mục (thường xuyên, chuyên đề, đột xuất, niên hạn, cống hiến, đối ngoại)."
        case let .badLevel(line, text): "Dòng \(line): vị trí “\(text)” không có trong danh mục (lãnh đạo, quản lý; người lao động trực tiếp; khác)."
        }
    }
}

/// Reads the rows of an award-history workbook: a header row naming the columns (in any order, with or without
/// diacritics), then one award per row. Every problem is collected, so the board fixes the workbook once.
public enum PastAwardImport {
    public enum Column: String, CaseIterable, Sendable {
        case year, award, kind, holder, unit, position, level, decisionNumber, decisionDate, method

        /// The header as the template workbook writes it.
        public var header: String {
            switch self {
            case .year: "Năm"
            case .award: "Hình thức khen thưởng"
            case .kind: "Tập thể/Cá nhân"
            case .holder: "Tên tập thể, cá nhân"
            case .unit: "Đơn vị"
            case .position: "Chức vụ"
            case .level: "Vị trí"
            case .decisionNumber: "Số quyết định"
            case .decisionDate: "Ngày quyết định"
            case .method: "Phương thức"
            }
        }

        var required: Bool { ![.position, .level, .method, .unit].contains(self) }
    }

    /// `rows` are the sheet's cells as text, row by row from the first; row numbers in messages count from 1.
    public static func parse(_ rows: [[String]], now: LocalDate) -> (awards: [PastAward], problems: [PastAwardProblem]) {
        let wanted = Dictionary(Column.allCases.map { (VietnameseText.fold($0.header), $0) }, uniquingKeysWith: { a, _ in a })
        guard let headerIndex = rows.firstIndex(where: { row in
            Set(row.compactMap { wanted[VietnameseText.fold($0)] }).isSuperset(of: Column.allCases.filter(\.required))
        }) else {
            return ([], [.noHeader(Column.allCases.filter(\.required).map(\.header))])
        }
        var at: [Column: Int] = [:]
        for (i, cell) in rows[headerIndex].enumerated() { if let c = wanted[VietnameseText.fold(cell)], at[c] == nil { at[c] = i } }
        var awards: [PastAward] = []
        var problems: [PastAwardProblem] = []
        for index in rows.index(after: headerIndex)..<rows.endIndex {
            let row = rows[index], line = index + 1
            func cell(_ c: Column) -> String {
                guard let i = at[c], i < row.count else { return "" }
                return row[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if Column.allCases.allSatisfy({ cell($0).isEmpty }) { continue }
            var bad = false
            for c in Column.allCases where c.required && cell(c).isEmpty {
                problems.append(.missing(line: line, column: c.header))
                bad = true
            }
            if bad { continue }
            guard let year = Int(cell(.year)), (1945...now.year).contains(year) else { problems.append(.badYear(line: line, text: cell(.year))); continue }
            guard let date = date(cell(.decisionDate)) else { problems.append(.badDate(line: line, text: cell(.decisionDate))); continue }
            let kind = VietnameseText.fold(cell(.kind))
            guard kind.hasPrefix("tap the") || kind.hasPrefix("ca nhan") else { problems.append(.badKind(line: line, text: cell(.kind))); continue }
            guard let method = method(cell(.method)) else { problems.append(.badMethod(line: line, text: cell(.method))); continue }
            let levelText = cell(.level)
            let level = level(levelText)
            if !levelText.isEmpty, level == nil { problems.append(.badLevel(line: line, text: levelText)); continue }
            let collective = kind.hasPrefix("tap the")
            let unit = cell(.unit).isEmpty && collective ? cell(.holder) : cell(.unit)
            if unit.isEmpty { problems.append(.missing(line: line, column: Column.unit.header)); continue }
            awards.append(PastAward(line: line, year: year, award: cell(.award), collective: collective, holder: cell(.holder), unit: unit,
                                    position: cell(.position).isEmpty ? nil : cell(.position), level: collective ? nil : level,
                                    decisionNumber: cell(.decisionNumber), decisionDate: date, method: method))
        }
        return (awards, problems)
    }

    /// "15/01/2024", "15-1-2024", "2024-01-15", or the day number Excel stores for a date cell.
    public static func date(_ text: String) -> LocalDate? {
        if let iso = LocalDate.supported(text) { return iso }
        let parts = text.split(whereSeparator: { "/-.".contains($0) }).compactMap { Int($0) }
        if parts.count == 3, let d = LocalDate.supported(String(format: "%04d-%02d-%02d", parts[2], parts[1], parts[0])) { return d }
        // Excel's serial day: 1 is 1900-01-01, with its phantom 29 February 1900, so 25569 is 1970-01-01.
        if let serial = Double(text), serial > 20_000, serial < 80_000 {
            return LocalDate.supported(LocalDate(dayNumber: LocalDate(iso: "1970-01-01")!.dayNumber + Int(serial) - 25_569).iso)
        }
        return nil
    }

    static func method(_ text: String) -> AwardMethod? {
        let t = VietnameseText.fold(text)
        if t.isEmpty { return .regular }
        let words: [(String, AwardMethod)] = [("thuong xuyen", .regular), ("chuyen de", .thematic), ("dot xuat", .unscheduled),
                                              ("nien han", .seniority), ("cong hien", .dedication), ("doi ngoai", .foreign)]
        return words.first { t.contains($0.0) }?.1 ?? AwardMethod(rawValue: text)
    }

    static func level(_ text: String) -> PositionLevel? {
        let t = VietnameseText.fold(text)
        if t.contains("doanh nhan") { return .businessPerson }
        if t.contains("lanh dao") || t.contains("quan ly") {
            // The form's own wording: "cấp bộ, cấp tỉnh", "cấp vụ, sở, ngành", "từ phó phòng trở lên".
            if t.contains("cap tinh") || t.contains("cap bo") { return .provincialLeader }
            if t.contains("cap vu") || t.contains("cap so") || t.contains("so, nganh") { return .departmentLeader }
            if t.contains("pho phong") || t.contains("lanh dao khac") { return .otherLeader }
            return .leader
        }
        if t.contains("truc tiep") || t.contains("cong nhan") || t.contains("nong dan") { return .directWorker }
        if t.contains("khac") || t.contains("cong chuc") || t.contains("vien chuc") { return .other }
        return PositionLevel(rawValue: text)
    }
}
