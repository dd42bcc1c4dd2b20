import Testing
@testable import ThiDuaCore
@Test func version() { #expect(!ThiDuaCoreVersion.value.isEmpty) }
