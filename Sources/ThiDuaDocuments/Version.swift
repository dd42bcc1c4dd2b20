import ThiDuaCore
import ZIPFoundation
public enum ThiDuaDocumentsVersion { public static let value = ThiDuaCoreVersion.value }
