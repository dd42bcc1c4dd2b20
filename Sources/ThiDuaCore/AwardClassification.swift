import Foundation

/// How an award was given, as the yearly statistics (Thông tư 02/2023/TT-BNV) count it: regular (thường xuyên),
/// thematic (chuyên đề), unscheduled (đột xuất), for length of service (niên hạn), for dedication (cống hiến) and
/// to foreigners (đối ngoại). A decision gives all its awards by one method.
public enum AwardMethod: String, LabelledValue {
    case regular, thematic, unscheduled, seniority, dedication, foreign

    public static let labelPrefix = "award_method_"
}

/// Where a person stands, as the statistics split individuals (biểu 0603.N/BNV-TĐKT, rows 06–10): leaders of a
/// province or ministry and above, of a department or equivalent, other leaders from deputy head of division up,
/// business people, workers on the front line (công nhân, nông dân, người lao động trực tiếp), and the rest.
/// `leader` is a leader or manager whose level was not told (recorded before the levels were split).
public enum PositionLevel: String, LabelledValue {
    case provincialLeader, departmentLeader, otherLeader, businessPerson, leader, directWorker, other

    public static let labelPrefix = "position_level_"
}
