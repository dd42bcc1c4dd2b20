import Foundation
import Testing
@testable import ThiDuaCore

/// One corruption of the example file: set (or with nil, remove) the value at `path`.
struct Corruption: Sendable, CustomStringConvertible {
    var path: String
    var json: String?
    var field: String
    var fragment: String
    var description: String { "\(path) = \(json ?? "<removed>")" }

    static func set(_ path: String, _ json: String, field: String? = nil, _ fragment: String) -> Corruption {
        Corruption(path: path, json: json, field: field ?? path, fragment: fragment)
    }

    static func remove(_ path: String, field: String? = nil, _ fragment: String = "thiếu trường bắt buộc") -> Corruption {
        Corruption(path: path, json: nil, field: field ?? path, fragment: fragment)
    }

    /// Applies the corruption to the example file's JSON tree.
    func apply(to data: Data) throws -> Data {
        let root = try JSONSerialization.jsonObject(with: data)
        let value = try json.map { try JSONSerialization.jsonObject(with: Data($0.utf8), options: .fragmentsAllowed) }
        let keys = path.replacingOccurrences(of: "[", with: ".").replacingOccurrences(of: "]", with: "")
            .split(separator: ".").map(String.init)
        return try JSONSerialization.data(withJSONObject: Self.replace(root, keys[...], value))
    }

    private static func replace(_ node: Any, _ keys: ArraySlice<String>, _ value: Any?) -> Any {
        guard let key = keys.first else { return value as Any }
        if var array = node as? [Any], let index = Int(key) {
            array[index] = replace(array[index], keys.dropFirst(), value)
            return array
        }
        var object = node as! [String: Any]
        if keys.count == 1, value == nil { object[key] = nil } else {
            object[key] = replace(object[key] ?? [String: Any](), keys.dropFirst(), value)
        }
        return object
    }
}

@Suite struct RuleSetErrorTests {
    @Test(arguments: [
        Corruption.remove("voteThreshold.base"),
        .set("voteThreshold.base", #""everyone""#, "validBallots, membersPresent, allMembers"),
        .set("voteThreshold.comparison", #""over""#, "atLeast, moreThan"),
        .set("voteThreshold.fraction", "1.5", "từ 0 đến 1"),
        .set("voteThreshold.fraction", #""half""#, "sai kiểu dữ liệu (cần số)"),
        .set("voteThreshold", #"{"base":"allMembers","comparison":"moreThan","fraction":1}"#,
             field: "voteThreshold.fraction", "100%"),
        .set("classificationBands[2].minimumTotal", "90", "giảm dần"),
        .set("classificationBands[1].minimumTotal", "95", "giảm dần"),
        .remove("classificationBands[3].label"),
        .set("classificationBands[1].label", #""Hoàn thành xuất sắc nhiệm vụ""#, "bị trùng"),
        .set("classificationBands", "[]", "ít nhất một"),
        .set("schemaVersion", "2", "chỉ hỗ trợ 1"),
        .set("schemaVersion", "1.5", "số nguyên"),
        .remove("schemaVersion"),
        .set("key", #""Lao Cai""#, "chữ thường"),
        .set("key", #""""#, "không được để trống"),
        .remove("name"),
        .set("version", #"" ""#, "không được để trống"),
        .set("isExample", #""yes""#, "sai kiểu dữ liệu (cần true hoặc false)"),
        .set("legalBasis[0]", #""""#, "không được để trống"),
        .set("legalBasis", #""Luật""#, "sai kiểu dữ liệu (cần danh sách)"),
        .set("flagQuota.kind", #""percent""#, "absolute, share"),
        .set("flagQuota.count", "0", "số nguyên dương"),
        .remove("flagQuota.count"),
        .set("flagQuota", #"{"kind":"share","fraction":0,"rounding":"down"}"#, field: "flagQuota.fraction", "lớn hơn 0"),
        .set("flagQuota", #"{"kind":"share","fraction":0.2,"rounding":"sideways"}"#, field: "flagQuota.rounding", "down, up, nearest"),
        .set("eligibility.maximumRank", "0", "từ 1"),
        .set("eligibility.minimumTotal", "-1", "không âm"),
        .set("eligibility.excludedPenaltyKinds", #"["k","k"]"#, field: "eligibility.excludedPenaltyKinds[1]", "bị trùng"),
        .set("tieBreaks", #"["sharedRank","higherBase"]"#, field: "tieBreaks[0]", "đứng cuối"),
        .set("tieBreaks", #"["higherBase","higherBase"]"#, field: "tieBreaks[1]", "lặp lại"),
        .set("tieBreaks[1]", #""random""#, "higherBase, fewerPenaltyPoints, higherBonus, sharedRank"),
        .set("rounding.decimals", "5", "từ 0 đến 4"),
        .set("rounding.mode", #""ceil""#, "halfUp, halfEven, down"),
        .set("gracePeriodMinutes", "-5", "không được là số âm"),
        .set("dossierQuota", #"{"collectives":1,"individuals":50}"#, "từ 0 đến 20"),
        .set("holidays[3]", #""2023-02-30""#, "không hợp lệ"),
        .set("holidays[1]", #""2023-01-02""#, "bị trùng"),
        .set("holidays[0]", "20230102", "sai kiểu dữ liệu (cần chuỗi ký tự)"),
        .set("makeUpWorkingDays", #"["2024-05-06"]"#, field: "makeUpWorkingDays[0]", "thứ Bảy hoặc Chủ nhật"),
        .set("makeUpWorkingDays", #"["2024-04-27"]"#, field: "makeUpWorkingDays[0]", "đã là ngày nghỉ"),
        .set("defaultDeadlines[1].code", #""SCORING""#, "bị trùng"),
        .set("defaultDeadlines[0].title", #""  ""#, "không được để trống"),
        .set("defaultDeadlines[5].relativeTo", #""MEETING""#, "MEETING"),
        .set("defaultDeadlines[5].dayKind", #""weekday""#, "calendar, working"),
        .set("defaultDeadlines[5].offsetDays", "3.5", "số nguyên"),
        .set("defaultDeadlines[5].offsetDays", "99999", "vượt quá"),
        .set("defaultDeadlines[5].hour", "9", "cuối ngày"),
        .set("defaultDeadlines[4]",
             #"{"code":"CONFERENCE","title":"Hội nghị","relativeTo":"PROPOSAL","offsetDays":-5,"dayKind":"calendar"}"#,
             field: "defaultDeadlines[4].relativeTo", "CONFERENCE → PROPOSAL → CONFERENCE"),
        .remove("defaultDeadlines[0].dueLocal", "dueLocal hoặc relativeTo"),
        .set("defaultDeadlines[0].relativeTo", #""CONFERENCE""#, "chỉ được khai báo một"),
        .set("defaultDeadlines[0].dueLocal", #""05/12/2023""#, "không hợp lệ"),
        .set("defaultDeadlines[0].offsetDays", "3", "chỉ dùng cùng relativeTo"),
        .set("defaultDeadlines[4].hour", "24", "từ 0 đến 23"),
        .set("defaultDeadlines[4].minute", "60", "từ 0 đến 59"),
        .remove("defaultDeadlines[4].hour", field: "defaultDeadlines[4].hour", "thiếu giờ"),
        .remove("defaultDeadlines[6].title"),
    ])
    func corruptedExampleNamesTheField(corruption: Corruption) throws {
        let data = try corruption.apply(to: try exampleRuleSetData())
        let error = #expect(throws: RuleSetError.self) { try RuleSet.decode(data) }
        #expect(error?.field == corruption.field)
        #expect(error?.message.contains(corruption.fragment) == true, "\(error?.message ?? "no error")")
    }

    @Test(arguments: ["{", "", "[]", "null", "\"rules\"", "{\"schemaVersion\": 1 \"key\": 2}"])
    func malformedDocumentsReportTheRoot(text: String) {
        let error = #expect(throws: RuleSetError.self) { try RuleSet.decode(Data(text.utf8)) }
        #expect(error?.field == "$")
    }

    @Test func malformedJSONMessage() {
        let error = #expect(throws: RuleSetError.self) { try RuleSet.decode(Data("{".utf8)) }
        #expect(error?.message == "JSON không hợp lệ")
        #expect(error?.description == "$: JSON không hợp lệ")
    }

    @Test func missingKeyMessageIsExact() throws {
        let data = try Corruption.remove("voteThreshold.base").apply(to: try exampleRuleSetData())
        #expect(throws: RuleSetError(field: "voteThreshold.base", message: "thiếu trường bắt buộc")) {
            try RuleSet.decode(data)
        }
    }

    /// Dates built in code can be impossible; only `validate()` can catch those.
    @Test func validateCatchesImpossibleDatesBuiltInCode() throws {
        var ruleSet = try RuleSet.decode(try exampleRuleSetData())
        ruleSet.holidays.append(LocalDate(year: 2024, month: 2, day: 30))
        #expect(throws: RuleSetError(field: "holidays[\(ruleSet.holidays.count - 1)]", message: "ngày 2024-02-30 không hợp lệ")) {
            try ruleSet.validate()
        }
        ruleSet = try RuleSet.decode(try exampleRuleSetData())
        ruleSet.defaultDeadlines[0].due = .endOfLocalDay(LocalDate(year: 2023, month: 12, day: 32))
        #expect(throws: RuleSetError.self) { try ruleSet.validate() }
        ruleSet.defaultDeadlines[0].due = .endOfLocalDay(day("2023-12-05"))
        #expect(throws: Never.self) { try ruleSet.validate() }
    }

    @Test(arguments: [
        ([String](), "$"), (["a"], "a"), (["voteThreshold", "base"], "voteThreshold.base"),
    ])
    func pathsJoinKeys(keys: [String], expected: String) {
        #expect(RuleSetError.path(keys.map { TestKey(stringValue: $0) }) == expected)
    }

    @Test func pathsIndexArrays() {
        let keys = [TestKey(stringValue: "classificationBands"), TestKey(intValue: 2), TestKey(stringValue: "minimumTotal")]
        #expect(RuleSetError.path(keys) == "classificationBands[2].minimumTotal")
    }
}

struct TestKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) { self.stringValue = "Index \(intValue)"; self.intValue = intValue }
}
