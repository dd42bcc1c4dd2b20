import Foundation
import Vapor

/// The server's clock, injected so tests pin "now" for deadlines and lateness.
public struct AppClock: Sendable {
    public var now: @Sendable () -> Date
    public init(now: @escaping @Sendable () -> Date) { self.now = now }
    public static let system = AppClock { Date() }
    public static func fixed(_ date: Date) -> AppClock { AppClock { date } }
}

/// Randomness, injected so tests can make tokens and passwords reproducible.
public struct AppRandom: Sendable {
    public var bytes: @Sendable (Int) -> [UInt8]
    public init(bytes: @escaping @Sendable (Int) -> [UInt8]) { self.bytes = bytes }
    /// The system's generator, eight bytes per draw: a sealed paper needs about two thousand random bytes, and one
    /// draw per byte made that a thousand system calls per vote.
    public static let system = AppRandom { count in
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8]()
        bytes.reserveCapacity(count + 8)
        while bytes.count < count {
            withUnsafeBytes(of: generator.next()) { bytes.append(contentsOf: $0) }
        }
        return Array(bytes.prefix(count))
    }

    /// URL-safe base64 without padding.
    public func token(bytes count: Int = 32) -> String {
        Data(bytes(count)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = AppClock }
    private struct RandomKey: StorageKey { typealias Value = AppRandom }
    public var clock: AppClock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }
    public var random: AppRandom {
        get { storage[RandomKey.self] ?? .system }
        set { storage[RandomKey.self] = newValue }
    }
}

extension Request {
    var now: Date { application.clock.now() }
}
