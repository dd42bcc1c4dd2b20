import Foundation

/// Exact scores as whole millionths of a point in an `Int64`: a fast path for summing, rounding and
/// comparing many scores, since Foundation's `Decimal` arithmetic allocates on every operation on Linux.
/// Every conversion is exact or refused (nil), and callers then fall back to `Decimal`.
enum FixedPoint {
    /// Decimal places kept: scores with up to 6 decimals are exact.
    static let scale = 6
    static let powers: [Int64] = (0...18).map { (0..<$0).reduce(Int64(1)) { r, _ in r * 10 } }

    /// `value` in millionths, or nil when it has more than 6 decimals, is NaN or does not fit.
    static func from(_ value: Decimal) -> Int64? {
        guard !value.isNaN else { return nil }
        let significand = NSDecimalNumber(decimal: value.significand)  // the digits, as a whole number ≥ 0
        // `int64Value` wraps for huge significands; below 2^52 `doubleValue` is exact, so trust it there only.
        guard significand.doubleValue < 4_503_599_627_370_496 else { return nil }
        var result = significand.int64Value
        guard result >= 0 else { return nil }
        let shift = value.exponent + scale
        if shift >= 0 {
            guard shift <= 18 else { return result == 0 ? 0 : nil }
            let (product, overflow) = result.multipliedReportingOverflow(by: powers[shift])
            guard !overflow else { return nil }
            result = product
        } else {
            // More decimals than kept: exact only if the extra digits are zeros.
            guard -shift <= 18, result % powers[-shift] == 0 else { return nil }
            result /= powers[-shift]
        }
        return value.sign == .minus ? -result : result
    }

    /// The exact sum in millionths, or nil if any value cannot be converted or the sum overflows.
    static func sum<S: Sequence>(_ values: S) -> Int64? where S.Element == Decimal {
        var total: Int64 = 0
        for value in values {
            guard let v = from(value) else { return nil }
            let (next, overflow) = total.addingReportingOverflow(v)
            guard !overflow else { return nil }
            total = next
        }
        return total
    }

    /// Millionths back to a `Decimal`.
    static func decimal(_ value: Int64) -> Decimal {
        Decimal(sign: value < 0 ? .minus : .plus, exponent: -scale, significand: Decimal(value.magnitude))
    }

    /// `value` rounded to `decimals` places (clamped to 0…6) as `ScoringNumber.round` does, still in
    /// millionths; nil on overflow.
    static func round(_ value: Int64, decimals: Int, mode: Rounding.Mode) -> Int64? {
        let unit = powers[scale - min(scale, max(0, decimals))]
        let magnitude = value.magnitude, u = UInt64(unit)
        var quotient = magnitude / u
        let remainder = magnitude % u
        switch mode {
        case .down: break
        case .halfUp: if remainder * 2 >= u { quotient += 1 }
        case .halfEven:
            if remainder * 2 > u || (remainder * 2 == u && quotient % 2 == 1) { quotient += 1 }
        }
        guard quotient <= UInt64(Int64.max) else { return nil }
        let (rounded, overflow) = Int64(quotient).multipliedReportingOverflow(by: unit)
        guard !overflow else { return nil }
        return value < 0 ? -rounded : rounded
    }
}
