import CCryptoBoringSSL
import Foundation

/// P-256 for the sealed ballot (docs/sealed-ballot.md). The arithmetic is BoringSSL's, reached through the
/// swift-crypto package that already builds here: swift-crypto's own API offers key agreement and signatures
/// but no point addition, which exponential ElGamal needs; none of the group arithmetic is written here.
enum ElectionCurve {
    nonisolated(unsafe) static let group: OpaquePointer = CCryptoBoringSSL_EC_group_p256()
    nonisolated(unsafe) static let order: UnsafePointer<BIGNUM> = CCryptoBoringSSL_EC_GROUP_get0_order(group)!
}

/// Randomness, injected: the server passes its `AppRandom`, tests and simulations a seeded source.
public typealias RandomBytes = (Int) -> [UInt8]

/// A scalar modulo the group order, kept as 32 big-endian bytes; each operation goes through a BIGNUM.
public struct Scalar: Hashable, Sendable, CustomStringConvertible {
    public let bytes: [UInt8]

    init(bytes: [UInt8]) {
        precondition(bytes.count == 32)
        self.bytes = bytes
    }

    public init(_ value: Int) {
        precondition(value >= 0)
        self = Scalar.reduce(withUnsafeBytes(of: UInt64(value).bigEndian) { Array($0) })
    }

    /// Lower-case hex, exactly 64 characters, and below the order: anything else is refused.
    public init?(hex: String) {
        guard hex.utf8.count == 64, let bytes = Hex.decode(hex) else { return nil }
        let value = Scalar(bytes: bytes)
        guard value.withBN({ CCryptoBoringSSL_BN_cmp($0, ElectionCurve.order) < 0 }) else { return nil }
        self = value
    }

    public var hex: String { Hex.encode(bytes) }
    public var description: String { hex }

    /// Any byte string read as a big-endian integer, reduced modulo the order.
    static func reduce(_ raw: [UInt8]) -> Scalar {
        let bn = CCryptoBoringSSL_BN_bin2bn(raw, raw.count, nil)!
        defer { CCryptoBoringSSL_BN_free(bn) }
        let ctx = CCryptoBoringSSL_BN_CTX_new()!
        defer { CCryptoBoringSSL_BN_CTX_free(ctx) }
        CCryptoBoringSSL_BN_nnmod(bn, bn, ElectionCurve.order, ctx)
        return Scalar(bn: bn)
    }

    /// 48 random bytes reduced modulo the order: the bias is below 2^-128.
    public static func random(_ random: RandomBytes) -> Scalar { reduce(random(48)) }

    init(bn: UnsafePointer<BIGNUM>) {
        var out = [UInt8](repeating: 0, count: 32)
        CCryptoBoringSSL_BN_bn2bin_padded(&out, 32, bn)
        self.init(bytes: out)
    }

    func withBN<T>(_ body: (UnsafeMutablePointer<BIGNUM>) -> T) -> T {
        let bn = CCryptoBoringSSL_BN_bin2bn(bytes, 32, nil)!
        defer { CCryptoBoringSSL_BN_free(bn) }
        return body(bn)
    }

    private static func binary(_ a: Scalar, _ b: Scalar,
                               _ op: (UnsafeMutablePointer<BIGNUM>, UnsafeMutablePointer<BIGNUM>, UnsafeMutablePointer<BIGNUM>, UnsafePointer<BIGNUM>, OpaquePointer) -> Int32) -> Scalar {
        let ctx = CCryptoBoringSSL_BN_CTX_new()!
        defer { CCryptoBoringSSL_BN_CTX_free(ctx) }
        let r = CCryptoBoringSSL_BN_new()!
        defer { CCryptoBoringSSL_BN_free(r) }
        a.withBN { x in b.withBN { y in _ = op(r, x, y, ElectionCurve.order, ctx) } }
        return Scalar(bn: r)
    }

    public static func + (a: Scalar, b: Scalar) -> Scalar { binary(a, b) { CCryptoBoringSSL_BN_mod_add($0, $1, $2, $3, $4) } }
    public static func - (a: Scalar, b: Scalar) -> Scalar { binary(a, b) { CCryptoBoringSSL_BN_mod_sub($0, $1, $2, $3, $4) } }
    public static func * (a: Scalar, b: Scalar) -> Scalar { binary(a, b) { CCryptoBoringSSL_BN_mod_mul($0, $1, $2, $3, $4) } }

    /// The inverse modulo the (prime) order; nil for zero.
    public var inverse: Scalar? {
        guard !isZero else { return nil }
        let ctx = CCryptoBoringSSL_BN_CTX_new()!
        defer { CCryptoBoringSSL_BN_CTX_free(ctx) }
        return withBN { a in
            let r = CCryptoBoringSSL_BN_mod_inverse(nil, a, ElectionCurve.order, ctx)!
            defer { CCryptoBoringSSL_BN_free(r) }
            return Scalar(bn: r)
        }
    }

    public var isZero: Bool { bytes.allSatisfy { $0 == 0 } }
    public static let zero = Scalar(0)
    public static let one = Scalar(1)
}

/// A point of P-256, immutable once made; the point at infinity included (it is `0·G`, a count of zero).
public final class Point: @unchecked Sendable, Equatable, CustomStringConvertible {
    let raw: OpaquePointer
    /// The encoding, made once: a paper's points are hashed into its proofs, its record and its tracker, and each
    /// encoding costs a field inversion.
    private let encoded = NSLock()
    private var cachedHex: String?

    private init(raw: OpaquePointer) { self.raw = raw }
    deinit { CCryptoBoringSSL_EC_POINT_free(raw) }

    private static func make(_ body: (OpaquePointer, OpaquePointer) -> Int32) -> Point {
        let r = CCryptoBoringSSL_EC_POINT_new(ElectionCurve.group)!
        let ctx = CCryptoBoringSSL_BN_CTX_new()!
        defer { CCryptoBoringSSL_BN_CTX_free(ctx) }
        precondition(body(r, ctx) == 1, "P-256 arithmetic failed")
        return Point(raw: r)
    }

    public static let generator = make { r, _ in CCryptoBoringSSL_EC_POINT_copy(r, CCryptoBoringSSL_EC_GROUP_get0_generator(ElectionCurve.group)) }
    public static let infinity = make { r, _ in CCryptoBoringSSL_EC_POINT_set_to_infinity(ElectionCurve.group, r) }

    /// `k·G`, on the generator's precomputed tables.
    public static func base(_ k: Scalar) -> Point {
        k.withBN { bn in make { r, ctx in CCryptoBoringSSL_EC_POINT_mul(ElectionCurve.group, r, bn, nil, nil, ctx) } }
    }

    /// `a·G + b·P` in one pass: every check equation of the proofs has this shape.
    public static func combine(_ a: Scalar, _ b: Scalar, _ p: Point) -> Point {
        a.withBN { x in b.withBN { y in make { r, ctx in CCryptoBoringSSL_EC_POINT_mul(ElectionCurve.group, r, x, p.raw, y, ctx) } } }
    }

    public static func * (k: Scalar, p: Point) -> Point {
        k.withBN { bn in make { r, ctx in CCryptoBoringSSL_EC_POINT_mul(ElectionCurve.group, r, nil, p.raw, bn, ctx) } }
    }

    public static func + (a: Point, b: Point) -> Point {
        make { r, ctx in CCryptoBoringSSL_EC_POINT_add(ElectionCurve.group, r, a.raw, b.raw, ctx) }
    }

    public static prefix func - (a: Point) -> Point {
        make { r, ctx in
            CCryptoBoringSSL_EC_POINT_copy(r, a.raw) == 1 ? CCryptoBoringSSL_EC_POINT_invert(ElectionCurve.group, r, ctx) : 0
        }
    }

    public static func - (a: Point, b: Point) -> Point { a + (-b) }

    public static func == (a: Point, b: Point) -> Bool {
        let ctx = CCryptoBoringSSL_BN_CTX_new()!
        defer { CCryptoBoringSSL_BN_CTX_free(ctx) }
        return CCryptoBoringSSL_EC_POINT_cmp(ElectionCurve.group, a.raw, b.raw, ctx) == 0
    }

    public var isInfinity: Bool { CCryptoBoringSSL_EC_POINT_is_at_infinity(ElectionCurve.group, raw) == 1 }

    /// SEC1 compressed, lower-case hex; `00` for the point at infinity.
    public var hex: String {
        encoded.lock()
        defer { encoded.unlock() }
        if let cachedHex { return cachedHex }
        let hex = encode()
        cachedHex = hex
        return hex
    }

    private func encode() -> String {
        if isInfinity { return "00" }
        var out = [UInt8](repeating: 0, count: 33)
        let ctx = CCryptoBoringSSL_BN_CTX_new()!
        defer { CCryptoBoringSSL_BN_CTX_free(ctx) }
        _ = CCryptoBoringSSL_EC_POINT_point2oct(ElectionCurve.group, raw, POINT_CONVERSION_COMPRESSED, &out, 33, ctx)
        return Hex.encode(out)
    }

    public var description: String { hex }

    /// Refuses anything but `00` or 33 bytes naming a point of the curve.
    public convenience init?(hex: String) {
        if hex == "00" {
            self.init(raw: CCryptoBoringSSL_EC_POINT_dup(Point.infinity.raw, ElectionCurve.group)!)
            return
        }
        guard hex.utf8.count == 66, let bytes = Hex.decode(hex), bytes[0] == 2 || bytes[0] == 3 else { return nil }
        let r = CCryptoBoringSSL_EC_POINT_new(ElectionCurve.group)!
        let ctx = CCryptoBoringSSL_BN_CTX_new()!
        defer { CCryptoBoringSSL_BN_CTX_free(ctx) }
        guard CCryptoBoringSSL_EC_POINT_oct2point(ElectionCurve.group, r, bytes, bytes.count, ctx) == 1 else {
            CCryptoBoringSSL_EC_POINT_free(r)
            return nil
        }
        self.init(raw: r)
    }
}

/// Lower-case hex, the only spelling the record accepts (so one value has one encoding in every hash).
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        let chars = Array(text.utf8)
        guard chars.count % 2 == 0 else { return nil }
        func value(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
            default: return nil
            }
        }
        var out = [UInt8]()
        out.reserveCapacity(chars.count / 2)
        for i in stride(from: 0, to: chars.count, by: 2) {
            guard let hi = value(chars[i]), let lo = value(chars[i + 1]) else { return nil }
            out.append(hi << 4 | lo)
        }
        return out
    }
}
