import Foundation

/// What the system does with a milestone beyond showing it. The code and title stay the secretariat's to edit;
/// behaviour follows the role, so renaming "SCORING" cannot silently change when self-assessments fall due.
public enum MilestoneRole: String, LabelledValue {
    /// Hạn nộp bảng tự chấm điểm: the deadline of the units' self-assessments.
    case scoring
    /// Hạn gửi hồ sơ đề nghị lên tỉnh: the provincial board finds a proposal sent after it late.
    case proposal

    public static let labelPrefix = "milestone_role_"
}

/// What the system does with a requirement's files beyond collecting them.
public enum RequirementRole: String, LabelledValue {
    /// Báo cáo thành tích: the nominees' reports, sent with the proposal to the province.
    case achievementReport

    public static let labelPrefix = "requirement_role_"
}
