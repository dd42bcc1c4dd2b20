public enum ThiDuaCoreVersion { public static let value = "0.1.0" }
